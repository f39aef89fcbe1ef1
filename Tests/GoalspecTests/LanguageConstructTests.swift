import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

// Targeted checks of language constructs at their boundaries: trends, goal rules, "at risk",
// --strict, imports and units. The explanations themselves are covered by the golden corpus in
// Golden/explanations (ExplanationGoldenTests.swift).

/// Unweighted rows `quarter,team,ok`: for each (quarter, team, k, n), n rows of which k have ok = 1.
private func teamCSV(_ groups: [(String, String, Int, Int)]) -> String {
    var lines = ["quarter,team,ok"]
    for (quarter, team, k, n) in groups {
        for i in 0..<n { lines.append("\(quarter),\(team),\(i < k ? 1 : 0)") }
    }
    return lines.joined(separator: "\n") + "\n"
}

/// The top-level goal results of a run, in order.
private func goals(_ run: Runner.Run) -> [GoalResult] {
    run.specs.flatMap(\.items).compactMap { item in
        if case .goal(let g) = item { return g }
        return nil
    }
}

/// The path of the file a diagnostic location points into, when it points into a file.
private func path(of location: DiagnosticLocation?, in run: Runner.Run) -> String? {
    switch location {
    case .source(let r)?: run.sources.file(r.file)?.path
    case .dataFile(let p, _, _, _)?, .file(let p)?: p
    case nil: nil
    }
}

@Suite("Language constructs at their boundaries")
struct LanguageConstructTests {
    // MARK: rises and falls

    static let trendSpec = """
    data d from "d.csv"
      time quarter

    target up
      share(ok) rises

    target down
      share(ok) falls

    """

    @Test("rises and falls are strict: an equal value (even 2 of 4 against 5 of 10) neither rises nor falls", arguments: [
        (5, 10, 5, 10, Verdict.notMet, Verdict.notMet),
        (2, 4, 5, 10, .notMet, .notMet),
        (5, 10, 6, 10, .met, .notMet),
        (6, 10, 5, 10, .notMet, .met),
        (500, 1000, 501, 1000, .met, .notMet),
    ])
    func equalDoesNotRise(k2: Int, n2: Int, k3: Int, n3: Int, rises: Verdict, falls: Verdict) throws {
        let csv = teamCSV([("2024K2", "A", k2, n2), ("2024K3", "A", k3, n3)])
        let run = try runSpec(Self.trendSpec, data: ["d.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let t = targets(run)
        #expect(t["up"]?.verdict == rises)
        #expect(t["down"]?.verdict == falls)
        let margin = try #require(t["up"]?.explanation.checks.first?.margin)
        let now = try #require(Exact(k3, n3)), before = try #require(Exact(k2, n2))
        #expect(margin == now - before)
    }

    @Test("rises yearly: an equal year breaks the series")
    func equalYearBreaksYearlyRise() throws {
        let spec = "data d from \"d.csv\"\n  time år\n\ntarget t\n  share(ok) rises yearly from 2021\n"
        let csv = "år,ok\n2021,1\n2021,0\n2022,1\n2022,1\n2022,0\n2022,0\n2023,1\n2023,1\n2023,0\n"
        // 2021 50%, 2022 50% (equal: not a rise), 2023 66.67%.
        let run = try runSpec(spec, data: ["d.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == .notMet)
        #expect(t.explanation.checks.first?.whatItTakesText()?.contains("did not rise in 2022") == true)
    }

    // MARK: goals

    /// Three teams, each a target `share(ok) >= 50%`, under one goal with `rule`.
    static func goalSpec(_ rule: String, atC: String = "") -> String {
        """
        data d from "d.csv"
          entity team
          time quarter

        goal "G"
        \(rule.isEmpty ? "" : "  met when \(rule)\n")  target a
            for team = "A"
            share(ok) >= 50%
          target b
            for team = "B"
            share(ok) >= 50%
          target c
            for team = "C"
        \(atC.isEmpty ? "" : "    at \(atC)\n")    share(ok) >= 50%

        """
    }

    @Test("met when atLeast 2: exactly 2 of 3 met is met, 1 of 3 is not met", arguments: [
        ([true, true, false], Verdict.met, 2),
        ([false, true, true], .met, 2),
        ([true, true, true], .met, 3),
        ([true, false, false], .notMet, 1),
        ([false, false, false], .notMet, 0),
    ])
    func atLeastTwo(met: [Bool], expected: Verdict, metCount: Int) throws {
        let csv = teamCSV(zip(["A", "B", "C"], met).map { ("2024K3", $0, $1 ? 6 : 4, 10) })
        let run = try runSpec(Self.goalSpec("atLeast 2"), data: ["d.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        let g = try #require(goals(run).first)
        #expect(g.rule == .atLeast(2))
        #expect(g.verdict == expected)
        #expect(g.metChildren == metCount)
        // A not met child of a goal that is met keeps its own verdict.
        #expect(targets(run).values.filter { $0.verdict == .notMet }.count == 3 - metCount)
    }

    @Test("a goal with a child without data is no data unless the other children already decide it", arguments: [
        // rule, A met, B met, expected goal verdict (C has no data: its 'at 2023K1' is not in the data)
        ("", true, true, Verdict.noData),
        ("", true, false, .notMet),
        ("all", false, false, .notMet),
        ("atLeast 2", true, false, .noData),
        ("atLeast 2", true, true, .met),
        ("atLeast 2", false, false, .notMet),
        ("atLeast 1", true, false, .met),
    ])
    func noDataChild(rule: String, a: Bool, b: Bool, expected: Verdict) throws {
        let csv = teamCSV([("2024K3", "A", a ? 6 : 4, 10), ("2024K3", "B", b ? 6 : 4, 10), ("2024K3", "C", 9, 10)])
        let run = try runSpec(Self.goalSpec(rule, atC: "2023K1"), data: ["d.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["c"]?.verdict == .noData)
        let g = try #require(goals(run).first)
        #expect(g.verdict == expected)
    }

    // MARK: at risk

    static let riskSpec = """
    data d from "d.csv"
      time år
      weight persons

    target t
      at risk within 0.5pp
      share(ok) >= 70%

    """

    @Test("at risk within 0.5pp: met by strictly less than 0.5pp is at risk; by 0.5pp or more, met", arguments: [
        (703, Verdict.atRisk), (700, .atRisk), (7049, .atRisk), (705, .met), (706, .met), (699, .notMet),
    ])
    func atRiskMargin(okPerMille: Int, expected: Verdict) throws {
        // okPerMille of 1000 persons, or of 10000 when given in tenths of a per mille (7049).
        let total = okPerMille > 1000 ? 10000 : 1000
        let csv = "år,ok,persons\n2024,1,\(okPerMille)\n2024,0,\(total - okPerMille)\n"
        let run = try runSpec(Self.riskSpec, data: ["d.csv": csv])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == expected)
    }

    @Test("at risk on a limit: the margin below the limit counts, strictly", arguments: [
        ("99.6", Verdict.atRisk), ("99.5", .met), ("100", .atRisk), ("100.1", .notMet),
    ])
    func atRiskOnLimit(value: String, expected: Verdict) throws {
        let spec = "data d from \"d.csv\"\n\ntarget t\n  at risk within 0.5\n  max(x) <= 100\n"
        let run = try runSpec(spec, data: ["d.csv": "x\n12\n\(value)\n"])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == expected)
    }

    @Test("--strict: at risk exits 1 with --strict and 0 without; met exits 0 either way", arguments: [
        (703, ["--strict"], Int32(1)), (703, [], 0), (706, ["--strict"], 0), (706, [], 0), (699, [], 1),
    ])
    func strictExitStatus(ok: Int, flags: [String], status: Int32) throws {
        let dir = try TempDir(["spec.goal": Self.riskSpec, "d.csv": "år,ok,persons\n2024,1,\(ok)\n2024,0,\(1000 - ok)\n"])
        let (actual, out) = CommandLineTool.run(["check", dir.path("spec.goal")] + flags)
        #expect(actual == status, "\(out.stdout)\(out.stderr)")
        #expect(out.stderr.isEmpty)
    }

    // MARK: imports

    @Test("an import cycle is an error GS0311 naming and pointing at both files")
    func importCycle() throws {
        let dir = try TempDir([
            "a.goal": "import \"b.goal\"\n\ndata d from \"d.csv\"\n\ntarget t\n  share(ok) >= 50%\n",
            "b.goal": "import \"a.goal\"\n",
            "d.csv": "ok\n1\n0\n",
        ])
        let run = Runner.run(files: [dir.path("a.goal")])
        let cycle = try #require(run.diagnostics.first { $0.code == .importCycle }, "\(renderedDiagnostics(run))")
        #expect(cycle.severity == .error)
        #expect(cycle.message.contains("a.goal") && cycle.message.contains("b.goal"), "\(cycle.message)")
        #expect(run.diagnostics.filter { $0.code == .importCycle }.count == 1, "\(renderedDiagnostics(run))")
        // Points at an import line of each file of the cycle: the diagnostic at one, a note at the other.
        let pointed = Set(([cycle.location] + cycle.notes.compactMap(\.location)).compactMap { path(of: $0, in: run) }
            .map { ($0 as NSString).lastPathComponent })
        #expect(pointed == ["a.goal", "b.goal"], "points at \(pointed.sorted())")
        #expect(run.specs.first?.evaluated == false)
    }

    @Test("a name declared in the spec and in an imported file is GS0305 with a note pointing at the other file")
    func duplicateAcrossImport() throws {
        let dir = try TempDir([
            "spec.goal": "import \"shared/common.goal\"\n\ngroup byer = city in [\"A\"]\n\ntarget t\n  for city = \"B\"\n  share(ok) >= avg(byer)\n",
            "shared/common.goal": "data d from \"../d.csv\"\n  entity city\n\ngroup byer = city in [\"A\", \"C\"]\n",
            "d.csv": "city,ok\nA,1\nB,1\nC,0\n",
        ])
        let run = Runner.run(files: [dir.path("spec.goal")])
        let dup = try #require(run.diagnostics.first { $0.code == .duplicateDeclaration }, "\(renderedDiagnostics(run))")
        #expect(dup.severity == .error)
        #expect(dup.message.contains("byer"))
        let here = try #require(path(of: dup.location, in: run))
        let notePaths = dup.notes.compactMap { path(of: $0.location, in: run) }
        #expect(notePaths.count == 1, "\(renderedDiagnostics(run))")
        let there = try #require(notePaths.first)
        #expect(Set([(here as NSString).lastPathComponent, (there as NSString).lastPathComponent]) == ["spec.goal", "common.goal"],
                "the error is at \(here), its note at \(there)")
        #expect(run.diagnostics.filter { $0.code == .duplicateDeclaration }.count == 1, "\(renderedDiagnostics(run))")
    }

    // MARK: units

    static func unitSpec(_ condition: String) -> String {
        """
        data d from "d.csv"
          time år
          unit spending t.kr
          unit wait days

        target t
          \(condition)

        """
    }

    static let unitCSV = "år,ok,spending,wait\n2023,1,800,20\n2023,0,700,25\n2024,1,820.5,12\n2024,0,950,31\n"

    @Test("Money, Duration, Points and Share do not mix", arguments: [
        ("sum(spending) <= 5", DiagnosticCode.comparisonMismatch),
        ("sum(spending) <= 5pp", .comparisonMismatch),
        ("sum(spending) <= 50%", .comparisonMismatch),
        ("share(ok) >= 2 mio. kr", .comparisonMismatch),
        ("sum(spending) <= 30 days", .comparisonMismatch),
        ("median(wait) <= 30", .comparisonMismatch),
        ("change(share(ok)) >= 2 mio. kr", .comparisonMismatch),
        ("sum(spending) + 1pp <= 5 tkr", .unitMismatch),
        ("share(ok) + 1% >= 50%", .percentNotPoints),
        ("share(ok) >= 0.5", .comparisonMismatch),
    ])
    func unitErrors(condition: String, code: DiagnosticCode) throws {
        let run = try runSpec(Self.unitSpec(condition), data: ["d.csv": Self.unitCSV])
        let errors = run.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == [code], "\(renderedDiagnostics(run))")
        #expect(targets(run).isEmpty)
    }

    @Test("the same quantities with their units check and evaluate", arguments: [
        ("sum(spending) <= 2.5 mio. kr", Verdict.met),       // 1770.5 t.kr
        ("sum(spending) <= 1770 tkr", .notMet),
        ("sum(spending) <= 1770.5 t.kr", .met),
        ("mean(spending) >= 885250 kr", .met),
        ("median(wait) <= 21.5 days", .met),
        ("median(wait) < 21.5 days", .notMet),
        ("change(share(ok)) >= 0.0pp", .met),
        ("growth(sum(spending)) >= 18%", .met),              // 1770.5 / 1500 - 1 = 18.03%
        ("growth(sum(spending)) >= 18.1%", .notMet),
    ])
    func unitsThatFit(condition: String, expected: Verdict) throws {
        let run = try runSpec(Self.unitSpec(condition), data: ["d.csv": Self.unitCSV])
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == expected)
    }

    @Test("a Money comparison's margin is Money, a Share's is Points")
    func marginUnits() throws {
        let money = try runSpec(Self.unitSpec("sum(spending) <= 2.5 mio. kr"), data: ["d.csv": Self.unitCSV])
        let m = try #require(targets(money)["t"]?.explanation.checks.first)
        #expect(m.marginType == .money)
        #expect(m.margin == Exact(-729_500))  // 1,770,500 kr - 2,500,000 kr
        let share = try runSpec(Self.unitSpec("share(ok) >= 40%"), data: ["d.csv": Self.unitCSV])
        let s = try #require(targets(share)["t"]?.explanation.checks.first)
        #expect(s.marginType == .points)
        #expect(s.margin == Exact(1, 10))
    }
}
