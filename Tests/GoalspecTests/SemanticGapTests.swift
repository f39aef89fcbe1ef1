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
}
