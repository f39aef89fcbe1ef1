import Foundation
import Testing
@testable import Goalspec

/// An exact fraction for expected values.
func frac(_ n: Int, _ d: Int) -> Exact { Exact(n, d) ?? .zero }

/// Regression tests for the silently wrong verdicts of issue 8: each case gave a verdict that
/// looked plausible and was wrong.
@Suite("Trust regressions")
struct TrustRegressionTests {
    /// Output per city and year: A changes by 4 (growth 4%), B by 1 (1%), C by 3 (2.73%).
    static let output = """
        city,year,output
        A,2022,100
        A,2023,104
        B,2022,100
        B,2023,101
        C,2022,110
        C,2023,113

        """

    static func outputSpec(_ condition: String) -> String {
        """
        data d from "d.csv"
          entity city
          time year

        group rest = city in ["B", "C"]

        target t
          for city = "A"
          \(condition)

        """
    }

    static func evaluate(_ condition: String, data: String = output) throws -> TargetResult {
        let run = try runSpec(outputSpec(condition), data: ["d.csv": data])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        return try #require(targets(run)["t"])
    }

    /// The peer figure of a target's explanation (the last measure listed).
    static func peerValue(_ t: TargetResult) -> Exact? { t.explanation.measures.last?.value }

    @Test("the implicit peer measure is the whole other side, time forms included (case 1)", arguments: [
        // (condition, verdict, the peer figure)
        ("change(sum(output)) >= avg(rest)", Verdict.met, Exact(2)),
        ("change(sum(output)) > max(rest)", Verdict.met, Exact(3)),
        ("change(sum(output)) >= pooled(rest) + 1", Verdict.notMet, Exact(4)),
        ("change(sum(output)) > pooled(rest)", Verdict.notMet, Exact(4)),
        ("change(sum(output)) >= pooled(rest)", Verdict.met, Exact(4)),
        ("growth(sum(output)) > pooled(rest)", Verdict.met, frac(4, 210)),
        ("growth(sum(output)) >= avg(rest) + 1.5pp", Verdict.met, frac(1 * 110 + 3 * 100, 100 * 110 * 2)),
        ("growth(sum(output)) >= avg(growth(sum(output)) in rest)", Verdict.met, frac(1 * 110 + 3 * 100, 100 * 110 * 2)),
        ("sum(output) at previous >= avg(rest)", Verdict.notMet, Exact(105)),
        ("sum(output) >= min(rest)", Verdict.met, Exact(101)),
    ] as [(String, Verdict, Exact?)])
    func implicitPeerThroughTime(condition: String, verdict: Verdict, peer: Exact?) throws {
        let t = try Self.evaluate(condition)
        #expect(t.verdict == verdict, "\(condition): \(t.explanation)")
        #expect(Self.peerValue(t) == peer, "\(condition)")
    }

    @Test("a peer side without a measure of its own, or with a peer aggregate, is an error")
    func implicitPeerUnresolved() throws {
        for condition in ["avg(rest) >= 2", "avg(rest) >= max(rest)"] {
            let run = try runSpec(Self.outputSpec(condition), data: ["d.csv": Self.output])
            #expect(run.diagnostics.contains { $0.code == .implicitPeerUnresolved }, "\(condition)")
        }
        let nested = try runSpec(Self.outputSpec("sum(output) >= avg(avg(rest) in rest)"), data: ["d.csv": Self.output])
        #expect(nested.diagnostics.contains { $0.code == .argumentType })
    }

    @Test("a group member without rows in the period is no data for avg and pooled alike (case 2)",
          arguments: ["sum(output) >= avg(rest)", "sum(output) >= pooled(rest)", "sum(output) >= median(rest)",
                      "growth(sum(output)) >= pooled(rest)", "change(sum(output)) >= avg(rest)"])
    func missingMemberIsNoData(condition: String) throws {
        let data = Self.output.replacingOccurrences(of: "B,2023,101\n", with: "")
        let t = try Self.evaluate(condition, data: data)
        #expect(t.verdict == .noData, "\(condition)")
        #expect(t.explanation.reasonText()?.contains("B of group rest") == true, "\(t.explanation.reasonText() ?? "no reason")")
    }

    static let quarterly = """
        city,q,x
        A,2018K1,1
        A,2018K2,1
        A,2018K3,1
        A,2018K4,1
        A,2019K1,2
        A,2019K2,2
        A,2019K3,2
        A,2019K4,2
        A,2020K1,9

        """

    @Test("previous, rises, falls and growth at a year over quarterly data find the year before (case 8)", arguments: [
        ("at 2019\n  sum(x) rises", Verdict.met),
        ("at 2019\n  sum(x) falls", Verdict.notMet),
        ("at 2019\n  growth(sum(x)) == 100%", Verdict.met),
        ("at 2019\n  sum(x) at previous == 4", Verdict.met),
        ("at 2019\n  change(sum(x)) == 4", Verdict.met),
        // 2020 holds one quarter: not a whole year to compare.
        ("at 2020\n  sum(x) rises", Verdict.noData),
    ])
    func yearsOverQuarters(body: String, verdict: Verdict) throws {
        let spec = """
            data d from "d.csv"
              time q

            target t
              \(body)

            """
        let run = try runSpec(spec, data: ["d.csv": Self.quarterly])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == verdict, "\(body): \(t.explanation)")
    }

    @Test("--at a year over quarterly data compares with the year before")
    func atOptionYear() throws {
        let spec = "data d from \"d.csv\"\n  time q\n\ntarget t\n  sum(x) rises\n"
        var options = Runner.Options()
        options.period = Period(year: 2019)
        let run = try runSpec(spec, data: ["d.csv": Self.quarterly], options: options)
        let t = try #require(targets(run)["t"])
        #expect(t.verdict == .met, "\(t.explanation)")
    }

    @Test("'by' at the end of the condition line is the by clause (case 15)")
    func breakdownAtLineEnd() throws {
        let data = "id,q,dimension,reached\n1,2024K3,a,1\n2,2024K3,a,1\n3,2024K3,b,1\n4,2024K3,b,0\n"
        func parts(_ body: String) throws -> [String: Verdict] {
            let run = try runSpec("data d from \"d.csv\"\n  time q\n\ntarget t\n  \(body)\n", data: ["d.csv": data])
            #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
            let t = try #require(targets(run)["t"])
            return Dictionary(uniqueKeysWithValues: t.parts.map { ($0.key.map(\.value).joined(separator: ","), $0.verdict) })
        }
        let inline = try parts("atLeast 7/10 reached == 1 by dimension")
        let clause = try parts("atLeast 7/10 reached == 1\n  by dimension")
        #expect(inline == ["a": .met, "b": .notMet])
        #expect(inline == clause)
    }

    @Test("'by' twice, on the condition line and as a clause, is a duplicate clause")
    func breakdownTwice() throws {
        let data = "id,q,dimension,reached\n1,2024K3,a,1\n"
        let run = try runSpec("data d from \"d.csv\"\n  time q\n\ntarget t\n  by dimension\n  share(reached) >= 70% by dimension\n", data: ["d.csv": data])
        #expect(run.diagnostics.contains { $0.code == .duplicateClause })
    }

    @Test("a comparison decided by a small difference shows digits that differ (case 10)", arguments: [
        // (a, b, sums that give a ratio just above 0.17)
        ("1000001", "5882353", "0.17"),
        ("17000001", "100000000", "0.17"),
        ("1", "3", "0.3333333333333"),
    ])
    func comparisonDigits(a: String, b: String, threshold: String) throws {
        let spec = "data d from \"d.csv\"\n  time q\n\ntarget r\n  sum(a) / sum(b) > \(threshold)\n"
        let run = try runSpec(spec, data: ["d.csv": "id,q,a,b\n1,2024K3,\(a),\(b)\n"])
        let text = ResultTextRenderer(style: TextStyle(colored: false)).render(run)
        let line = try #require(text.split(separator: "\n").first { $0.contains("✓ sum(a) / sum(b)") })
        // "…: X > Y, margin +Z": X and Y differ, Z is not shown as zero.
        let figures = try #require(line.split(separator: ": ").last)
        let sides = figures.split(separator: ",")[0].split(separator: " > ")
        #expect(sides.count == 2 && sides[0] != sides[1], "\(line)")
        let margin = try #require(figures.split(separator: "margin ").last)
        #expect(margin.contains { ("1"..."9").contains($0) }, "\(line)")
    }

    @Test("distinguishing digits tell two different values apart in every unit", arguments: [GoalType.share, .points, .number, .count, .money])
    func distinguishingDigits(type: GoalType) {
        let pairs: [(Exact, Exact)] = [(frac(17, 100), frac(1_000_001, 5_882_353)), (frac(1, 3), frac(333_333, 1_000_000)), (Exact(2), frac(2_000_001, 1_000_000))]
        for (a, b) in pairs {
            let d = ValueFormatting.distinguishingDigits(a, b, as: type)
            #expect(ValueFormatting.format(a, as: type, digits: d) != ValueFormatting.format(b, as: type, digits: d), "\(a) \(b) \(type)")
            #expect(ValueFormatting.signed(a - b, as: type).contains { ("1"..."9").contains($0) })
        }
    }

    @Test("the display cap shows errors before warnings and counts what it leaves out by severity (case 7)")
    func capPrefersErrors() {
        var list = DiagnosticList()
        for i in 0..<60 {
            list.append(Diagnostic(.unusedDeclaration, .warning, at: .file(path: "a\(100 + i).goal"), "unused \(i)"))
        }
        list.append(Diagnostic(.unknownName, at: .file(path: "z.goal"), "unknown"))
        let (shown, counts) = list.finishCounted(sources: SourceSet(), limit: 50)
        #expect(shown.count == 50)
        #expect(shown.last?.severity == .error, "the error sorts last but is kept")
        #expect(counts.errors == 1 && counts.warnings == 60)
        #expect(counts.omittedErrors == 0 && counts.omittedWarnings == 11)
        #expect(EnglishCatalogue().diagnosticSummary(counts) == "1 error, 60 warnings (11 warnings not shown)")
        #expect(EnglishCatalogue().omittedDiagnostics(counts) == "11 more warnings not shown")

        var warnings = DiagnosticList()
        for i in 0..<60 { warnings.append(Diagnostic(.unusedDeclaration, .warning, at: .file(path: "a\(100 + i).goal"), "unused")) }
        let run = Runner.Run(sources: SourceSet(), diagnostics: Array(warnings.all.prefix(50)), specs: [], omittedWarnings: 10)
        #expect(!run.hasErrors)
        #expect(run.exitStatus == 0)
    }

    /// `main` imports `b` and `sub/c`, which both import `common` (by different relative paths).
    static let diamond: [String: String] = [
        "main.goal": "import \"b.goal\"\nimport \"sub/c.goal\"\n\ntarget t\n  share(reached) >= 10%\n",
        "b.goal": "import \"common.goal\"\ngroup gb = city in [\"A\"]\n",
        "sub/c.goal": "import \"../common.goal\"\ndefine reached = job == 1\n",
        "common.goal": "data d from \"d.csv\"\n",
        "d.csv": "city,job\nA,1\nB,0\n",
    ]

    @Test("a file imported through two paths is one import, not declared twice (case 11)")
    func diamondImport() throws {
        let dir = try TempDir(Self.diamond)
        let run = Runner.run(files: [dir.path("main.goal")])
        #expect(!run.diagnostics.contains { $0.code == .duplicateDeclaration }, "\(renderedDiagnostics(run))")
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
        // common.goal is read once.
        #expect(run.sources.files.filter { $0.path.hasSuffix("common.goal") }.count == 1)
    }

    @Test("a file reached through a symbolic link is the same file (case 11)")
    func symlinkedImport() throws {
        var files = Self.diamond
        files["main.goal"] = "import \"common.goal\"\nimport \"alias.goal\"\n\ntarget t\n  share(job) >= 10%\n"
        let dir = try TempDir(files)
        try FileManager.default.createSymbolicLink(atPath: dir.path("alias.goal"), withDestinationPath: dir.path("common.goal"))
        let run = Runner.run(files: [dir.path("main.goal")])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("an import cycle behind a diamond is still diagnosed, and two files declaring one name still clash (case 11)")
    func diamondCycleAndRealDuplicate() throws {
        var files = Self.diamond
        files["common.goal"] = "import \"sub/c.goal\"\ndata d from \"d.csv\"\n"
        let cyclic = try TempDir(files)
        let run = Runner.run(files: [cyclic.path("main.goal")])
        #expect(run.diagnostics.filter { $0.code == .importCycle }.count == 1, "\(renderedDiagnostics(run))")
        #expect(!run.diagnostics.contains { $0.code == .duplicateDeclaration }, "\(renderedDiagnostics(run))")

        files = Self.diamond
        files["sub/c.goal"] = "data d from \"../d.csv\"\n"
        let clash = try TempDir(files)
        let twice = Runner.run(files: [clash.path("main.goal")])
        #expect(twice.diagnostics.contains { $0.code == .duplicateDeclaration }, "\(renderedDiagnostics(twice))")
    }

    @Test("a condition ending in ')' keeps it: condition, check text, label, what it takes, no-data reason, JSON (case 12)")
    func closingParenthesisKept() throws {
        let spec = """
            data d from "d.csv"

            target q
              atLeast 9/10 not (flag == 1)

            target b
              atLeast 9/10 (flag == 0 or k == 1) and job == 1

            target n
              where k == 9 and not (flag == 1)
              atLeast 1/2 not (flag == 1)

            """
        let run = try runSpec(spec, data: ["d.csv": "flag,job,k\n1,1,1\n0,0,2\n0,1,3\n"])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let all = targets(run)
        let q = try #require(all["q"])
        #expect(q.condition == "atLeast 9/10 not (flag == 1)")
        let check = try #require(q.explanation.checks.first)
        #expect(check.text == "atLeast 9/10 not (flag == 1)")
        #expect(q.explanation.measures.first?.label == "share(not (flag == 1))")
        #expect(check.whatItTakesText()?.hasPrefix("1 more row must satisfy not (flag == 1) (") == true, "\(check.whatItTakesText() ?? "")")

        // A parenthesis at the start of a body is kept too.
        let b = try #require(all["b"])
        #expect(b.condition == "atLeast 9/10 (flag == 0 or k == 1) and job == 1")
        #expect(b.explanation.checks.first?.text == b.condition)

        let n = try #require(all["n"])
        #expect(n.verdict == .noData)
        #expect(n.explanation.reasonText() == "no rows for where k == 9 and not (flag == 1)")

        let json = JSONReport.render(run).serialized()
        #expect(json.contains("\"condition\": \"atLeast 9/10 not (flag == 1)\""))
        #expect(json.contains("\"text\": \"atLeast 9/10 not (flag == 1)\""))
        #expect(json.contains("\"label\": \"share(not (flag == 1))\""))
        #expect(json.contains("\"whatItTakes\": \"1 more row must satisfy not (flag == 1) ("))
        #expect(json.contains("\"reason\": \"no rows for where k == 9 and not (flag == 1)\""))
        let text = ResultTextRenderer().render(run)
        #expect(text.contains("✗ atLeast 9/10 not (flag == 1): "))
    }

    @Test("a parenthesised expression's range covers its parentheses")
    func parenthesisRange() throws {
        let source = SourceFile(path: "x.goal", text: "target t\n  atLeast 1/2 not (flag == 1)\n")
        let (tree, diagnostics) = SpecParser.parse(source, file: 0)
        #expect(diagnostics.isEmpty)
        let target = try #require(tree.declarations.compactMap { d -> TargetDeclaration? in
            if case .target(let t) = d { return t } else { return nil }
        }.first)
        let condition = try #require(target.condition)
        #expect(source.text(in: condition.range) == "atLeast 1/2 not (flag == 1)")
        guard case .quantifier(_, _, let body) = condition.kind, case .not(let inner) = body.kind else {
            Issue.record("not a quantifier over not: \(condition.kind)")
            return
        }
        #expect(source.text(in: body.range) == "not (flag == 1)")
        #expect(source.text(in: inner.range) == "(flag == 1)")
    }

    @Test("JSON weightColumn is the weight column's name (null without weight) and noun the counts noun (case 13)", arguments: [
        // (data block lines, CSV, weightColumn, noun)
        ("  counts citizens\n", "job\n1\n0\n", nil, "citizens"),
        ("  weight persons\n  counts citizens\n", "job,persons\n1,3\n0,4\n", "persons", "citizens"),
        ("  weight persons\n", "job,persons\n1,3\n0,4\n", "persons", nil),
        ("", "job\n1\n0\n", nil, nil),
    ] as [(String, String, String?, String?)])
    func weightColumnAndNoun(block: String, csv: String, weightColumn: String?, noun: String?) throws {
        let run = try runSpec("data d from \"d.csv\"\n\(block)\ntarget t\n  share(job) >= 10%\n", data: ["d.csv": csv])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let measure = try #require(targets(run)["t"]?.explanation.measures.first)
        #expect(measure.weightColumn == weightColumn)
        #expect(measure.noun == noun)
        let json = JSONReport.render(run).serialized()
        #expect(json.contains("\"weightColumn\": " + (weightColumn.map { "\"\($0)\"" } ?? "null")), "\(json)")
        #expect(json.contains("\"noun\": " + (noun.map { "\"\($0)\"" } ?? "null")), "\(json)")
        // The text still counts in the noun, else the weight column, else rows.
        let text = ResultTextRenderer().render(run)
        #expect(text.contains(noun ?? weightColumn ?? "rows"))
    }

    @Test("Markdown and JSON show a comparison with the digits the text shows, so the sides differ (case 10)", arguments: [
        ("sum(a) / sum(b) > 0.17", "1000001", "5882353"),
        ("sum(a) / sum(b) > 0.17", "17000001", "100000000"),
        ("sum(a) / sum(b) < 0.17", "16999999", "100000000"),
        ("sum(a) / sum(b) > 0.3333333333333", "1", "3"),
        ("share(a == 1) >= 33.3333%", "1", "3"),
    ])
    func comparisonDigitsInEveryFormat(condition: String, a: String, b: String) throws {
        let spec = "data d from \"d.csv\"\n  time q\n\ntarget r\n  \(condition)\n"
        let data = "id,q,a,b\n1,2024K3,\(a),\(b)\n2,2024K3,0,0\n3,2024K3,0,0\n"
        let run = try runSpec(spec, data: ["d.csv": data])
        #expect(!run.hasErrors, "\(renderedDiagnostics(run))")
        let check = try #require(targets(run)["r"]?.explanation.checks.first)
        #expect(check.met == true)
        let shown = ValueFormatting.comparison(check.value, check.threshold, as: check.type)
        let (value, threshold) = (try #require(shown.value), try #require(shown.threshold))
        #expect(value != threshold)

        // Text: "…: VALUE OP THRESHOLD, margin …".
        let text = ResultTextRenderer().render(run)
        #expect(text.contains(": \(value) \(check.op.rawValue) \(threshold), margin "), "\(text)")

        // Markdown: the value and requirement cells.
        let markdown = MarkdownReport.render(run)
        #expect(markdown.contains("| \(value) | \(check.op.rawValue) \(threshold) |"), "\(markdown)")

        // JSON: valueDisplay and thresholdDisplay.
        let json = JSONReport.render(run).serialized()
        #expect(json.contains("\"valueDisplay\": \"\(value)\""), "\(json)")
        #expect(json.contains("\"thresholdDisplay\": \"\(threshold)\""), "\(json)")
    }

    @Test("a comparison of equal sides, or with a side missing, is shown with the usual digits")
    func comparisonDigitsDefault() {
        let equal = ValueFormatting.comparison(frac(17, 100), frac(17, 100), as: .number)
        #expect(equal.value == "0.17" && equal.threshold == "0.17")
        let missing = ValueFormatting.comparison(nil, frac(1, 3), as: .share)
        #expect(missing.value == nil && missing.threshold == "33.33%")
    }
}
