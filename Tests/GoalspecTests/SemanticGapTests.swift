import Foundation
import Testing
@testable import Goalspec

/// The known gaps of docs/SEMANTICS.md §11 that were closed, one test (or more) per gap, each
/// from the gap's one-line repro.
@Suite("Semantic gaps")
struct SemanticGapTests {
    /// Evaluates `body` (the lines of target `t`, indented by two spaces) over one dataset `d.csv`.
    static func evaluate(data: String, header: String, body: String, extra: String = "") throws -> TargetResult {
        let spec = """
            data d from "d.csv"
            \(header)
            \(extra)
            target t
            \(body)

            """
        let run = try runSpec(spec, data: ["d.csv": data])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        return try #require(targets(run)["t"])
    }

    // MARK: G15

    static let pooledData = """
        city,x
        A,1
        B,2
        B,4
        D,

        """

    @Test("G15: a pooled member with rows but no values of the measure is no data, as for avg, and named",
          arguments: ["mean(x) <= pooled(bd)", "mean(x) <= avg(bd)", "mean(x) <= pooled(mean(x) in bd)",
                      "mean(x) <= pooled(mean(x) + 1 in bd)", "median(x) <= pooled(bd)", "max(x) <= pooled(bd)"])
    func pooledMemberWithoutValues(condition: String) throws {
        let t = try Self.evaluate(data: Self.pooledData, header: "  entity city",
                                  body: "  for city = \"A\"\n  \(condition)",
                                  extra: "group bd = city in [\"B\", \"D\"]\n")
        #expect(t.verdict == .noData, "\(condition): \(t.explanation)")
        let reason = t.explanation.reason ?? ""
        #expect(reason.contains("has no values for D of group bd"), "\(condition): \(reason)")
        #expect(!reason.contains("pooled("), "the reason names the member's measure: \(reason)")
    }

    @Test("G15: a pooled member whose values are all present still pools")
    func pooledMembersWithValues() throws {
        let data = Self.pooledData.replacingOccurrences(of: "D,\n", with: "D,6\n")
        let t = try Self.evaluate(data: data, header: "  entity city",
                                  body: "  for city = \"A\"\n  mean(x) <= pooled(bd)",
                                  extra: "group bd = city in [\"B\", \"D\"]\n")
        #expect(t.verdict == .met)
        #expect(t.explanation.measures.last?.value == Exact(4))
    }

    // MARK: G16

    /// At 2024K1: a true on 2 of 3 rows, b empty on every row (b has a value only in 2023K4, so
    /// the column is a number), x = 3, 4, 1.
    static let logicData = """
        q,a,b,x
        2023K4,1,2,1
        2024K1,1,,3
        2024K1,1,,4
        2024K1,0,,1

        """

    @Test("G16: target-level and/or are Kleene: a deciding side decides, else no data", arguments: [
        ("share(a) >= 90% and mean(b) > 0", Verdict.notMet),
        ("mean(b) > 0 and share(a) >= 90%", Verdict.notMet),
        ("share(a) >= 50% or mean(b) > 0", Verdict.met),
        ("mean(b) > 0 or (atLeast 1/2 a)", Verdict.met),
        ("share(a) >= 50% and mean(b) > 0", Verdict.noData),
        ("share(a) >= 90% or mean(b) > 0", Verdict.noData),
        ("mean(b) > 0 or mean(b) < 0", Verdict.noData),
        ("not (mean(b) > 0)", Verdict.noData),
        ("not (mean(b) > 0 and count() > 5)", Verdict.met),
        ("not (mean(b) > 0 or count() > 1)", Verdict.notMet),
        ("(share(a) >= 90% and mean(b) > 0) or count() > 1", Verdict.met),
        ("(share(a) >= 50% and mean(b) > 0) or count() > 5", Verdict.noData),
        ("share(a) >= 50% and count() > 1", Verdict.met),
        ("share(a) >= 50% and count() > 5", Verdict.notMet),
    ])
    func kleeneTargetLogic(condition: String, verdict: Verdict) throws {
        let t = try Self.evaluate(data: Self.logicData, header: "  time q", body: "  \(condition)")
        #expect(t.verdict == verdict, "\(condition): \(t.explanation)")
        let reason = t.explanation.reason ?? ""
        if verdict == .noData {
            #expect(reason.contains("mean(b) has no values to measure"), "\(condition): \(reason)")
        } else if condition.contains("mean(b)") {
            // The side without data is named, with why, and the verdict says who decided.
            #expect(reason.contains("mean(b) > 0") && reason.contains("has no data (mean(b) has no values to measure at 2024K1)")
                    && reason.contains("the other side decides"), "\(condition): \(reason)")
        } else {
            #expect(t.explanation.reason == nil, "\(condition): \(reason)")
        }
    }

    @Test("G16: the repro's explanation, and a failure on either side stays an error")
    func kleeneExplanationAndErrors() throws {
        let t = try Self.evaluate(data: Self.logicData, header: "  time q", body: "  share(a) >= 90% and mean(b) > 0")
        #expect(t.verdict == .notMet)
        #expect(t.explanation.checks.map(\.text) == ["share(a) >= 90%"])
        #expect(t.explanation.reason == "mean(b) > 0 has no data (mean(b) has no values to measure at 2024K1); the other side decides the 'and'")
        // An error is not unknown: `false and error` is an error, not not met.
        for condition in ["share(a) >= 90% and count() / count(x == 5) > 100%", "count() / count(x == 5) > 100% or count() > 1"] {
            let e = try Self.evaluate(data: Self.logicData, header: "  time q", body: "  \(condition)")
            #expect(e.verdict == .error, "\(condition)")
            #expect(e.explanation.reason == "division by zero", "\(condition)")
        }
        // At risk keeps the note of the side without data.
        let r = try Self.evaluate(data: Self.logicData, header: "  time q",
                                  body: "  at risk within 20pp\n  share(a) >= 60% or mean(b) > 0")
        #expect(r.verdict == .atRisk)
        #expect(r.explanation.reason?.hasPrefix("at risk: met by 6.67pp") == true)
        #expect(r.explanation.reason?.hasSuffix("the other side decides the 'or'") == true)
    }
}
