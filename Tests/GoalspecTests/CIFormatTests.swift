import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// `check --format github|sarif`, `--output`, `--target` and `--quiet`, on a spec in a temporary
/// folder (absolute paths: these tests never change the current folder).
@Suite struct CIFormatTests {
    static let spec = """
        spec "CI fixture"

        data employment from "employment.csv"
          entity city
          time quarter

        goal "Work"
          target job_aarhus "Aarhus: at least 60% in job"
            for city = "Aarhus"
            share(job) >= 60%
            at risk within 10pp

          target job_odense "Odense: at least 75% in job"
            for city = "Odense"
            share(job) >= 75%

        target job_vejle "Vejle: at least half in job"
          for city = "Vejle"
          share(job) >= 50%
        """
    // Aarhus 2 of 3 (66.67%: 6.67pp above 60%, within 10pp: at risk), Odense 1 of 2 (not met), Vejle 1 of 2 (exactly 50%: met).
    static let csv = """
        city,quarter,job
        Aarhus,2024K3,1
        Aarhus,2024K3,1
        Aarhus,2024K3,0
        Odense,2024K3,1
        Odense,2024K3,0
        Vejle,2024K3,1
        Vejle,2024K3,0
        """

    static func fixture(spec: String = CIFormatTests.spec) throws -> TempDir {
        try TempDir(["budget, 2026.goal": spec, "employment.csv": csv + "\n"])
    }

    static func check(_ dir: TempDir, _ args: [String]) -> (status: Int32, output: CommandOutput) {
        CommandLineTool.run(["check", dir.path("budget, 2026.goal")] + args)
    }

    // MARK: GitHub workflow commands

    @Test(arguments: [
        ("50% of 10", "50%25 of 10", "50%25 of 10"),
        ("two\nlines", "two%0Alines", "two%0Alines"),
        ("crlf\r\nend", "crlf%0D%0Aend", "crlf%0D%0Aend"),
        ("a: b, c", "a: b, c", "a%3A b%2C c"),
        ("Århus ✓", "Århus ✓", "Århus ✓"),
    ])
    func githubEscaping(raw: String, message: String, property: String) {
        #expect(GitHubReport.escapeData(raw) == message)
        #expect(GitHubReport.escapeProperty(raw) == property)
    }

    @Test func githubAnnotatesFailuresAndAtRiskOnly() throws {
        let dir = try Self.fixture()
        let (status, out) = Self.check(dir, ["--format", "github"])
        #expect(status == 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        let file = GitHubReport.escapeProperty(dir.path("budget, 2026.goal"))
        #expect(lines.contains { $0.hasPrefix("::warning file=\(file),line=8,title=at risk%3A Work / job_aarhus::~ at risk  job_aarhus") })
        #expect(lines.contains { $0.hasPrefix("::error file=\(file),line=13,title=not met%3A Work / job_odense::✗ not met  job_odense") })
        #expect(lines.contains { $0.hasPrefix("::error file=\(file),line=7,title=not met%3A goal \"Work\"::") })
        #expect(!lines.contains { $0.contains("job_vejle") && $0.hasPrefix("::") }, "a met target is not annotated")
        #expect(lines.last == "3 targets: 1 met, 1 at risk, 1 not met")
        // A target's explanation has several lines, and the annotation is still one line.
        #expect(lines.filter { $0.hasPrefix("::") && $0.contains("job_") }.allSatisfy { $0.contains("%0A    ") })
        #expect(lines.count == 4)
    }

    @Test func githubLocatesSpecErrorsWithLineAndColumns() throws {
        let dir = try Self.fixture(spec: Self.spec.replacingOccurrences(of: "share(job) >= 50%", with: "share(job) >= 50% + 1%"))
        let (status, out) = Self.check(dir, ["--format", "github"])
        #expect(status == 2)
        let file = GitHubReport.escapeProperty(dir.path("budget, 2026.goal"))
        let line = try #require(out.stdout.split(separator: "\n").first { $0.hasPrefix("::error") })
        #expect(line.hasPrefix("::error file=\(file),line=19,col=23,endLine=19,endColumn=25,title=GS0401%3A percent used where percentage points are meant::"))
        #expect(line.contains("%0A  hint: "))
    }

    @Test func githubMarksAFailingTargetInsideAMetGoalAsANotice() throws {
        let spec = Self.spec.replacingOccurrences(of: "goal \"Work\"", with: "goal \"Work\"\n  met when atLeast 1")
        let dir = try Self.fixture(spec: spec)
        let (status, out) = Self.check(dir, ["--format", "github"])
        #expect(status == 0)
        #expect(out.stdout.contains("::notice file="))
        #expect(out.stdout.contains("is met without it: not a failure"))
        #expect(!out.stdout.contains("::error"))
    }

    // MARK: SARIF

    static func sarif(_ dir: TempDir, _ args: [String] = []) throws -> (status: Int32, doc: [String: Any], text: String) {
        let (status, out) = Self.check(dir, ["--format", "sarif"] + args)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        return (status, doc, out.stdout)
    }

    @Test func sarifHasRulesForCodesAndVerdictsAndResultsPointingAtThem() throws {
        let dir = try Self.fixture()
        let (status, doc, _) = try Self.sarif(dir)
        #expect(status == 1)
        #expect(doc["version"] as? String == "2.1.0")
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "goalspec")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(ids.contains("GS0401"))
        #expect(ids.contains("verdict/not-met") && ids.contains("verdict/at-risk") && ids.contains("verdict/met"))
        let results = try #require(run["results"] as? [[String: Any]])
        for r in results {
            let index = try #require(r["ruleIndex"] as? Int)
            #expect(ids.indices.contains(index) && ids[index] == r["ruleId"] as? String)
        }
        func result(_ item: String) -> [String: Any]? {
            results.first { ($0["properties"] as? [String: Any])?["item"] as? String == item }
        }
        #expect(result("Work / job_odense")?["level"] as? String == "error")
        #expect(result("Work / job_odense")?["kind"] as? String == "fail")
        #expect(result("job_vejle")?["kind"] as? String == "pass")
        #expect(result("job_vejle")?["level"] as? String == "none")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["exitCode"] as? Int == 1)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let location = try #require((result("job_vejle")?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
        #expect(uri.hasPrefix("file:///") && uri.hasSuffix("/budget%2C%202026.goal"))
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 17)
    }

    @Test(arguments: [("/a/b.goal", "file:///a/b.goal"), ("Specs/x.goal", "Specs/x.goal"),
                      ("Specs/Århus 2026.goal", "Specs/%C3%85rhus%202026.goal"), ("c:d.goal", "c%3Ad.goal")])
    func sarifURIs(path: String, uri: String) {
        #expect(SARIFReport.uri(path) == uri)
    }

    /// Whether the SARIF schema can be checked here: python3 with `jsonschema` (pip). On CI it must be.
    static let validatorAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] != nil { return true }
        return (try? runProcess("/usr/bin/env", ["python3", "-c", "import jsonschema"]).status) == 0
    }()

    /// Logs of every kind — verdicts, spec errors, data errors, a `--strict` run — validate against
    /// the published SARIF 2.1.0 schema (Tests/SARIF/sarif-schema-2.1.0.json).
    @Test(.enabled(if: validatorAvailable, "needs python3 with jsonschema (pip install jsonschema); .ci/run installs it"),
          arguments: [
              ("verdicts", CIFormatTests.spec, CIFormatTests.csv, [String]()),
              ("strict", CIFormatTests.spec, CIFormatTests.csv, ["--strict"]),
              ("spec error", CIFormatTests.spec.replacingOccurrences(of: ">= 50%", with: ">= 50% + 1%"), CIFormatTests.csv, []),
              ("data error", CIFormatTests.spec, CIFormatTests.csv + "\nVejle,2024K3", []),
          ])
    func sarifValidatesAgainstThePublishedSchema(name: String, spec: String, csv: String, args: [String]) throws {
        let dir = try TempDir(["budget, 2026.goal": spec, "employment.csv": csv + "\n"])
        let (_, _, text) = try Self.sarif(dir, args)
        try dir.write("log.sarif", text)
        let validator = testsDirectory.deletingLastPathComponent().appendingPathComponent("SARIF/validate.py").path
        let result = try runProcess("/usr/bin/env", ["python3", validator, dir.path("log.sarif")])
        #expect(result.status == 0, "\(name): \(result.output)")
    }

    @Test(.enabled(if: validatorAvailable, "needs python3 with jsonschema"))
    func theValidatorRejectsAnInvalidLog() throws {
        let dir = try Self.fixture()
        let (_, _, text) = try Self.sarif(dir)
        try dir.write("bad.sarif", text.replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\""))
        let validator = testsDirectory.deletingLastPathComponent().appendingPathComponent("SARIF/validate.py").path
        let result = try runProcess("/usr/bin/env", ["python3", validator, dir.path("bad.sarif")])
        #expect(result.status == 1, "\(result.output)")
    }

    // MARK: --output, --quiet, --target

    @Test(arguments: ["json", "junit", "markdown", "html", "github", "sarif", "text"])
    func outputWritesTheReportAndKeepsTheSummaryOnTheTerminal(format: String) throws {
        let dir = try Self.fixture()
        let (shownStatus, shown) = Self.check(dir, ["--format", format])
        let (status, out) = Self.check(dir, ["--format", format, "--output", dir.path("out/report")])
        // The folder does not exist: the report cannot be written.
        #expect(status == 2)
        #expect(out.stderr.contains("cannot write the report to"))
        let (written, out2) = Self.check(dir, ["--format", format, "--output", dir.path("report")])
        #expect(written == shownStatus)
        #expect(out2.stdout == "3 targets: 1 met, 1 at risk, 1 not met\n")
        let file = try String(contentsOfFile: dir.path("report"), encoding: .utf8)
        // The file holds exactly what the format writes to standard output (text: without colour).
        #expect(file == shown.stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains("report") && $0 != "report" }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test func quietPrintsOnlyTheSummary() throws {
        let dir = try Self.fixture()
        let (status, out) = Self.check(dir, ["--quiet"])
        #expect(status == 1)
        #expect(out.stdout == "3 targets: 1 met, 1 at risk, 1 not met\n")
        let (usage, err) = Self.check(dir, ["--quiet", "--format", "json"])
        #expect(usage == 64)
        #expect(err.stderr.contains("--output FILE"))
    }

    @Test func targetSelectsTargetsAsTopLevelItemsWithoutGoals() throws {
        let dir = try Self.fixture()
        let (status, out) = Self.check(dir, ["--target", "job_aarhus", "--target", "JOB_VEJLE"])
        #expect(status == 0, "the not-met target and its goal are not evaluated")
        #expect(out.stdout.contains("~ at risk  job_aarhus"))
        #expect(out.stdout.contains("✓ met  job_vejle"))
        #expect(!out.stdout.contains("job_odense"))
        #expect(!out.stdout.contains("goal \"Work\""))
        #expect(out.stdout.hasSuffix("2 targets: 1 met, 1 at risk, 0 not met\n"))
    }

    @Test(arguments: [("job_odnse", "did you mean 'job_odense'?"), ("zzzzzzzz", "the specs declare: job_aarhus, job_odense, job_vejle")])
    func anUnknownTargetIsAUsageErrorWithTheClosestID(id: String, hint: String) throws {
        let dir = try Self.fixture()
        let (status, out) = Self.check(dir, ["--target", id])
        #expect(status == 64)
        #expect(out.stderr.contains("no spec declares a target '\(id)'"))
        #expect(out.stderr.contains("hint: \(hint)"))
    }
}

/// Runs a program and returns its exit status and combined output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
