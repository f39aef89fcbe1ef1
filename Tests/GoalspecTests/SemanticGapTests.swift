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
        let reason = t.explanation.reasonText() ?? ""
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
        let reason = t.explanation.reasonText() ?? ""
        if verdict == .noData {
            #expect(reason.contains("mean(b) has no values to measure"), "\(condition): \(reason)")
        } else if condition.contains("mean(b)") {
            // The side without data is named, with why, and the verdict says who decided.
            #expect(reason.contains("mean(b) > 0") && reason.contains("has no data (mean(b) has no values to measure at 2024K1)")
                    && reason.contains("the other side decides"), "\(condition): \(reason)")
        } else {
            #expect(t.explanation.reasonText() == nil, "\(condition): \(reason)")
        }
    }

    @Test("G16: the repro's explanation, and a failure on either side stays an error")
    func kleeneExplanationAndErrors() throws {
        let t = try Self.evaluate(data: Self.logicData, header: "  time q", body: "  share(a) >= 90% and mean(b) > 0")
        #expect(t.verdict == .notMet)
        #expect(t.explanation.checks.map(\.text) == ["share(a) >= 90%"])
        #expect(t.explanation.reasonText() == "mean(b) > 0 has no data (mean(b) has no values to measure at 2024K1); the other side decides the 'and'")
        // An error is not unknown: `false and error` is an error, not not met.
        for condition in ["share(a) >= 90% and count() / count(x == 5) > 100%", "count() / count(x == 5) > 100% or count() > 1"] {
            let e = try Self.evaluate(data: Self.logicData, header: "  time q", body: "  \(condition)")
            #expect(e.verdict == .error, "\(condition)")
            #expect(e.explanation.reasonText() == "division by zero", "\(condition)")
        }
        // At risk keeps the note of the side without data.
        let r = try Self.evaluate(data: Self.logicData, header: "  time q",
                                  body: "  at risk within 20pp\n  share(a) >= 60% or mean(b) > 0")
        #expect(r.verdict == .atRisk)
        #expect(r.explanation.reasonText()?.hasPrefix("at risk: met by 6.67pp") == true)
        #expect(r.explanation.reasonText()?.hasSuffix("the other side decides the 'or'") == true)
    }

    // MARK: G9

    /// At 2024K1 b is empty on all 3 rows (2023K4 gives it a value, so it is a Bool column), c is
    /// known; w weights the rows.
    static let unknownData = """
        q,b,c,w,city
        2023K4,1,1,2,A
        2024K1,,1,1,A
        2024K1,,0,3,B
        2024K1,,1,1,B

        """

    @Test("G9: share(P) and every quantifier are no data when P is unknown on every row in scope", arguments: [
        ("none b == 1", "b == 1"),
        ("atMost 10% b == 1", "b == 1"),
        ("all b == 1", "b == 1"),
        ("atLeast 1/2 b", "b"),
        ("all not (b == 1)", "not (b == 1)"),
        ("share(b == 1) <= 10%", "b == 1"),
        ("share(not b) >= 0%", "not b"),
        ("share(b) rises", "b"),
        ("share(b == 1 or b == 0) <= 10%", "b == 1 or b == 0"),
    ])
    func conditionUnknownOnEveryRow(condition: String, shown: String) throws {
        for header in ["  time q", "  time q\n  weight w"] {
            let t = try Self.evaluate(data: Self.unknownData, header: header, body: "  \(condition)")
            #expect(t.verdict == .noData, "\(condition): \(t.explanation)")
            #expect(t.explanation.reasonText() == "the condition \(shown) is unknown on every row (3 rows at 2024K1)",
                    "\(condition): \(t.explanation.reasonText() ?? "no reason")")
        }
    }

    @Test("G9: one known row is enough; unknown rows stay in the denominator; count(P) is still a count")
    func conditionKnownOnSomeRow() throws {
        // b == 1 or c == 1 is true where c is 1: 2 of 3 rows.
        let some = try Self.evaluate(data: Self.unknownData, header: "  time q", body: "  share(b == 1 or c == 1) == 2/3")
        #expect(some.verdict == .met, "\(some.explanation)")
        // b == 1 or c == 0 is true on one row and unknown on the other two: 1/3, unknown rows counted.
        let one = try Self.evaluate(data: Self.unknownData, header: "  time q", body: "  none b == 1 or c == 0")
        #expect(one.verdict == .notMet)
        #expect(one.explanation.checks.first?.value == frac(1, 3))
        // At 2023K4 b is known: the quantifier is decided.
        let before = try Self.evaluate(data: Self.unknownData, header: "  time q", body: "  at 2023K4\n  none b == 1")
        #expect(before.verdict == .notMet)
        // count(P) counts the rows where P is true: 0 of them is a count, not a missing figure.
        let count = try Self.evaluate(data: Self.unknownData, header: "  time q", body: "  count(b == 1) == 0")
        #expect(count.verdict == .met)
    }

    @Test("G9: a peer member whose condition is unknown on every row is named, for avg and pooled")
    func conditionUnknownForMember() throws {
        for peer in ["avg(rest)", "pooled(rest)"] {
            let t = try Self.evaluate(data: Self.unknownData, header: "  entity city\n  time q",
                                      body: "  for city = \"A\"\n  share(c) >= \(peer)",
                                      extra: "group rest = city in [\"B\"]\n")
            #expect(t.verdict == .met, "\(peer): share(c) of B is known")
            let u = try Self.evaluate(data: Self.unknownData, header: "  entity city\n  time q",
                                      body: "  for city = \"A\"\n  share(b) >= \(peer)",
                                      extra: "group rest = city in [\"B\"]\n")
            #expect(u.verdict == .noData, "\(peer)")
            // The focus comes first: A's b is unknown on its one row at 2024K1.
            #expect(u.explanation.reasonText() == "the condition b is unknown on every row (1 row at 2024K1)", "\(u.explanation.reasonText() ?? "")")
        }
        // With the focus known, the member is the one named.
        let data = Self.unknownData.replacingOccurrences(of: "2024K1,,1,1,A", with: "2024K1,1,1,1,A")
        for peer in ["avg(rest)", "pooled(rest)"] {
            let run = try runSpec("""
                data d from "d.csv"
                  entity city
                  time q
                group rest = city in ["B"]
                target t
                  for city = "A"
                  share(b) >= \(peer)

                """, data: ["d.csv": data])
            let t = try #require(targets(run)["t"])
            #expect(t.verdict == .noData)
            #expect(t.explanation.reasonText() == "the condition b is unknown on every row for B of group rest (2 rows at 2024K1)",
                    "\(peer): \(t.explanation.reasonText() ?? "")")
        }
    }

    // MARK: G13

    /// n per city and year: A from -10 to -5, B from 0 to 3, C from 10 to 12; spending in t.kr.
    static let growthData = """
        city,q,n,spending
        A,2023,-10,-2
        A,2024,-5,1
        B,2023,0,0
        B,2024,3,1
        C,2023,10,2
        C,2024,12,3

        """

    static func growth(_ city: String, _ condition: String, group: String = "") throws -> TargetResult {
        try evaluate(data: growthData, header: "  entity city\n  time q\n  unit spending t.kr",
                     body: "  for city = \"\(city)\"\n  \(condition)", extra: group)
    }

    @Test("G13: growth from a base of zero or below is an error, as growth from zero, with the base shown", arguments: [
        ("A", "growth(sum(n)) > 0%", "growth from a base of -10 is not defined"),
        ("A", "growth(sum(n)) < 0%", "growth from a base of -10 is not defined"),
        ("B", "growth(sum(n)) > 0%", "growth from a base of 0 is not defined"),
        ("A", "growth(sum(spending)) > 0%", "growth from a base of -2 000 kr is not defined"),
        ("C", "growth(sum(n)) >= avg(ac)", "growth from a base of -10 for A of group ac is not defined"),
        ("C", "growth(sum(n)) >= pooled(ac)", "growth from a base of 0 in pooled ac is not defined"),
    ])
    func growthFromNonPositiveBase(city: String, condition: String, reason: String) throws {
        let t = try Self.growth(city, condition, group: "group ac = city in [\"A\", \"C\"]\n")
        #expect(t.verdict == .error, "\(condition): \(t.explanation)")
        #expect(t.explanation.reasonText() == reason, "\(condition): \(t.explanation.reasonText() ?? "no reason")")
    }

    @Test("G13: growth from a positive base is unchanged; change from a negative base is still a change")
    func growthFromPositiveBase() throws {
        let c = try Self.growth("C", "growth(sum(n)) == 20%")
        #expect(c.verdict == .met, "\(c.explanation)")
        let a = try Self.growth("A", "change(sum(n)) == 5")
        #expect(a.verdict == .met, "\(a.explanation)")
        let rises = try Self.growth("A", "sum(n) rises")
        #expect(rises.verdict == .met, "\(rises.explanation)")
    }

    // MARK: G7

    /// `w.csv` of SEMANTICS.md §3: persons 10, 30, 0, 20 with x 1, 2, 100 and empty.
    static let weightData = """
        city,persons,x
        A,10,1
        A,30,2
        B,0,100
        B,20,

        """

    @Test("G7: a measure of the weight column itself is not weighted by itself", arguments: [
        ("sum(persons)", Exact(60)),
        ("mean(persons)", Exact(15)),
        ("median(persons)", Exact(15)),
        ("percentile(persons, 100)", Exact(30)),
        ("percentile(persons, 25)", Exact(5)),
        ("max(persons)", Exact(30)),
        ("min(persons)", Exact(0)),
        // Other columns are still weighted, and an expression of the weight column is one.
        ("sum(x)", Exact(70)),
        ("mean(x)", frac(7, 4)),
        ("sum(persons * 1)", Exact(1400)),
        ("count()", Exact(60)),
    ])
    func weightColumnNotWeightedBySelf(measure: String, value: Exact) throws {
        let t = try Self.evaluate(data: Self.weightData, header: "  weight persons", body: "  \(measure) >= 0")
        #expect(t.verdict == .met, "\(measure): \(t.explanation)")
        #expect(t.explanation.measures.first?.value == value, "\(measure): \(t.explanation.measures.first?.value.map { "\($0)" } ?? "none")")
        // The figure still tells the individuals behind it.
        #expect(t.explanation.measures.first?.individuals == Exact(60))
    }

    @Test("G7: the repro is met, per member and pooled too; fractional weights stay exact")
    func weightColumnSums() throws {
        let t = try Self.evaluate(data: Self.weightData, header: "  weight persons", body: "  sum(persons) == 60")
        #expect(t.verdict == .met)
        let peers = try Self.evaluate(data: Self.weightData, header: "  entity city\n  weight persons",
                                      body: "  for city = \"A\"\n  sum(persons) >= avg(all2)",
                                      extra: "group all2 = city in [\"A\", \"B\"]\n")
        #expect(peers.verdict == .met)
        #expect(peers.explanation.measures.first?.value == Exact(40))
        #expect(peers.explanation.measures.last?.members.map(\.value) == [Exact(40), Exact(20)])
        let pooled = try Self.evaluate(data: Self.weightData, header: "  entity city\n  weight persons",
                                       body: "  for city = \"A\"\n  mean(persons) <= pooled(all2)",
                                       extra: "group all2 = city in [\"A\", \"B\"]\n")
        #expect(pooled.verdict == .notMet, "A's mean 20 is above the pooled 15")
        #expect(pooled.explanation.measures.last?.value == Exact(15))
        let fractional = try Self.evaluate(data: "w;x\n1,5;1\n2,25;2\n", header: "  weight w", body: "  mean(w) == 1.875 and sum(w) == 3.75")
        #expect(fractional.verdict == .met, "\(fractional.explanation)")
    }
}
