import Testing
@testable import Goalspec

/// A CSV with `n` rows in quarter 2024K3 of which `k` have reached = 1.
func socialCSV(reached k: Int, of n: Int, quarter: String = "2024K3") -> String {
    var lines = ["id,quarter,reached"]
    for i in 0..<n { lines.append("\(i),\(quarter),\(i < k ? 1 : 0)") }
    return lines.joined(separator: "\n") + "\n"
}

/// A CSV of person rows per city: `jobs[city] = (k, n)` in 2024K3.
func employmentCSV(_ jobs: [(String, Int, Int)], quarter: String = "2024K3") -> String {
    var lines = ["city,quarter,job"]
    for (city, k, n) in jobs {
        for i in 0..<n { lines.append("\(city),\(quarter),\(i < k ? 1 : 0)") }
    }
    return lines.joined(separator: "\n") + "\n"
}

let socialSpec = """
data social from "social.csv"
  time quarter

define reach goal = reached == 1

target social "7 of 10"
  atLeast 7/10 reach goal

"""

let sixCities = ["København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]

func jobSpec(_ op: String) -> String {
    """
    data employment from "employment.csv"
      entity city
      time quarter

    group 6byer = city in ["København", "Odense", "Aalborg", "Esbjerg", "Randers", "Vejle"]

    target job "1pp above the six"
      data employment
      for city = "Aarhus"
      share(job) \(op) avg(6byer) + 1.0pp

    """
}

@Suite("Exact verdicts at the boundaries")
struct EvaluationBoundaryTests {
    @Test("atLeast 7/10 compares the exact share", arguments: [
        (70, 100, Verdict.met), (69, 100, .notMet), (7, 10, .met), (699, 1000, .notMet), (700, 1000, .met), (100, 100, .met), (0, 5, .notMet),
    ])
    func atLeastSevenOfTen(k: Int, n: Int, expected: Verdict) throws {
        let run = try runSpec(socialSpec, data: ["social.csv": socialCSV(reached: k, of: n)])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["social"]?.verdict == expected)
    }

    @Test("the shortfall is stated in rows")
    func whatItTakes() throws {
        let run = try runSpec(socialSpec, data: ["social.csv": socialCSV(reached: 679, of: 1000)])
        let check = try #require(targets(run)["social"]?.explanation.checks.first)
        #expect(check.whatItTakesText() == "21 more rows must satisfy reach goal (679 of 1000 now, 700 needed)")
        #expect(check.margin == Exact(-21, 1000))
    }

    @Test("avg(6byer) + 1.0pp: equal meets >= and fails >", arguments: [(">=", Verdict.met), (">", .notMet)])
    func peerBoundary(op: String, expected: Verdict) throws {
        let csv = employmentCSV([("Aarhus", 570, 1000)] + sixCities.map { ($0, 560, 1000) })
        let run = try runSpec(jobSpec(op), data: ["employment.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let job = try #require(targets(run)["job"])
        #expect(job.verdict == expected)
        #expect(job.explanation.checks.first?.margin == .zero)
        // A double-precision evaluation would flip here: 0.57 >= 0.56 + 0.01 is false in binary floating point.
        #expect(!(0.57 >= 0.56 + 0.01))
    }

    @Test("the peer average is unweighted over members, each member exact")
    func peerAverage() throws {
        let csv = employmentCSV([("Aarhus", 3, 4)] + zip(sixCities, [1, 2, 3, 1, 2, 3]).map { ($0, $1, 3) })
        let run = try runSpec(jobSpec(">="), data: ["employment.csv": csv])
        let job = try #require(targets(run)["job"])
        let avg = try #require(job.explanation.measures.first { $0.label == "avg(6byer)" })
        #expect(avg.value == Exact(2, 3))
        #expect(avg.members.count == 6)
        #expect(job.verdict == .met)  // 75% >= 66.67% + 1pp
    }

    @Test("the default period is the latest in the data")
    func latestPeriod() throws {
        let csv = socialCSV(reached: 10, of: 10, quarter: "2024K2") + socialCSV(reached: 1, of: 10, quarter: "2024K3").split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let run = try runSpec(socialSpec, data: ["social.csv": csv])
        let t = try #require(targets(run)["social"])
        #expect(t.period?.description == "2024K3")
        #expect(t.verdict == .notMet)
        let earlier = try runSpec(socialSpec, data: ["social.csv": csv], options: Runner.Options(period: Period(parsing: "2024K2")))
        #expect(targets(earlier)["social"]?.verdict == .met)
    }

    @Test("a period missing from the data is no data")
    func missingPeriod() throws {
        let run = try runSpec(socialSpec, data: ["social.csv": socialCSV(reached: 8, of: 10)],
                              options: Runner.Options(period: Period(parsing: "2023K1")))
        let t = try #require(targets(run)["social"])
        #expect(t.verdict == .noData)
        #expect(t.explanation.reasonText()?.contains("2023K1") == true)
    }

    @Test("an empty scope is no data, never met")
    func emptyScope() throws {
        let spec = socialSpec.replacingOccurrences(of: "  atLeast 7/10 reach goal", with: "  where id > 1000\n  atLeast 7/10 reach goal")
        let run = try runSpec(spec, data: ["social.csv": socialCSV(reached: 8, of: 10)])
        #expect(targets(run)["social"]?.verdict == .noData)
    }

    @Test("an entity without rows in the period is no data")
    func missingEntity() throws {
        let latest = employmentCSV(sixCities.map { ($0, 5, 10) })
        let earlier = employmentCSV([("Aarhus", 9, 10)], quarter: "2024K2").split(separator: "\n").dropFirst().joined(separator: "\n")
        let run = try runSpec(jobSpec(">="), data: ["employment.csv": latest + earlier + "\n"])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let job = try #require(targets(run)["job"])
        #expect(job.verdict == .noData)
    }

    @Test("a group member without rows is no data")
    func emptyGroupMember() throws {
        let csv = employmentCSV([("Aarhus", 9, 10)] + sixCities.dropLast().map { ($0, 5, 10) })
            + employmentCSV([("Vejle", 5, 10)], quarter: "2024K2").split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
        let run = try runSpec(jobSpec(">="), data: ["employment.csv": csv])
        #expect(targets(run)["job"]?.verdict == .noData)
    }

    @Test("weights count individuals exactly, with decimal weights")
    func weightedShare() throws {
        let spec = """
        data d from "d.csv"
          time quarter
          weight persons

        target w
          share(job) >= 70%

        """
        // 0.7 of weight 10.0 = 7.0: 2.5 + 4.5 employed, 3 not.
        let csv = "quarter;job;persons\r\n2024K3;1;2,5\r\n2024K3;1;4,5\r\n2024K3;0;3\r\n"
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["w"])
        #expect(t.verdict == .met)
        #expect(t.explanation.measures.first?.value == Exact(7, 10))
    }

    @Test("measures over numbers: sum, mean, median, min, max, count", arguments: [
        ("sum(x) == 15", Verdict.met), ("mean(x) == 3", .met), ("median(x) == 3", .met), ("min(x) == 1", .met),
        ("max(x) == 5", .met), ("count() == 5", .met), ("count(x > 2) == 3", .met), ("share(x >= 4) == 40%", .met),
        ("mean(x) > 3", .notMet), ("percentile(x, 80) == 4.5", .met),
    ])
    func numericMeasures(condition: String, expected: Verdict) throws {
        let spec = "data d from \"d.csv\"\n\ntarget t\n  \(condition)\n"
        let run = try runSpec(spec, data: ["d.csv": "x\n1\n2\n3\n4\n5\n"])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == expected)
    }
}
