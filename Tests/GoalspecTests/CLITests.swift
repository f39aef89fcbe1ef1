import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// The repository root, from this file's path.
let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

func runCLI(_ args: [String], terminal: TerminalInfo = TerminalInfo()) -> (status: Int32, output: CommandOutput) {
    let previous = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(repositoryRoot.path)
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    return CommandLineTool.run(args, terminal: terminal)
}

@Suite("Command line", .serialized)
struct CLITests {
    @Test("check Specs evaluates the MSB 2026 goals with explanations; exit 1 because one is not met")
    func checkSpecs() {
        let (status, out) = runCLI(["check", "Specs"])
        #expect(status == 1)
        #expect(out.stdout.contains("✓ met  job"))
        #expect(out.stdout.contains("share(job) = 86.2%"))
        #expect(out.stdout.contains("avg(6byer) = 84.9%"))
        #expect(out.stdout.contains("0.3pp above the requirement"))
        #expect(out.stdout.contains("✗ not met  social"))
        #expect(out.stdout.contains("35 more citizens must satisfy reach goal (3115 of 4500 now, 3150 needed)"))
        #expect(!out.stdout.contains("\u{1B}["))
    }

    @Test("JSON output has a version and, per target, id, title, file, line, verdict and the explanation")
    func json() throws {
        let (status, out) = runCLI(["check", "Specs/aarhus-msb-2026.goal", "--format", "json"])
        #expect(status == 1)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        #expect(doc["version"] as? Int == 1)
        #expect(doc["exitStatus"] as? Int == 1)
        let specs = try #require(doc["specs"] as? [[String: Any]])
        let items = try #require(specs.first?["items"] as? [[String: Any]])
        let job = try #require(items.first { $0["id"] as? String == "job" })
        #expect(job["verdict"] as? String == "met")
        #expect(job["line"] as? Int == 30)
        #expect(job["file"] as? String == "Specs/aarhus-msb-2026.goal")
        #expect(job["title"] as? String == "Andelen i job og uddannelse 1%-point over de øvrige 6-byer")
        let explanation = try #require(job["explanation"] as? [String: Any])
        let checks = try #require(explanation["checks"] as? [[String: Any]])
        #expect(checks.first?["marginDisplay"] as? String == "+0.3pp")
        #expect(checks.first?["marginExact"] as? String == "3/1000")
        let measures = try #require(explanation["measures"] as? [[String: Any]])
        let avg = try #require(measures.first { $0["label"] as? String == "avg(6byer)" })
        #expect((avg["members"] as? [[String: Any]])?.count == 6)
    }

    @Test("JUnit XML: one suite per spec, not met as failures, valid XML")
    func junit() throws {
        let (status, out) = runCLI(["check", "Specs/aarhus-msb-2026.goal", "--format", "junit"])
        #expect(status == 1)
        #expect(out.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"goalspec\" tests=\""))
        #expect(out.stdout.contains("<testcase classname=\"Specs/aarhus-msb-2026.goal\" name=\"job\" file=\"Specs/aarhus-msb-2026.goal\" line=\"30\">"))
        #expect(out.stdout.contains("<failure message=\"not met\" type=\"not met\">"))
        let parser = XMLParser(data: Data(out.stdout.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test("Markdown: a table row per target with value, requirement and margin")
    func markdown() {
        let (status, out) = runCLI(["check", "Specs/aarhus-msb-2026.goal", "--format", "markdown"])
        #expect(status == 1)
        #expect(out.stdout.contains("| ✅ met | `job` — Andelen i job og uddannelse 1%-point over de øvrige 6-byer | 2024K3 | 86.2% | >= 85.9% | +0.3pp |"))
        #expect(out.stdout.contains("| ❌ not met | `social_dimension`"))
    }

    @Test("HTML: one XHTML page on stdout, nothing on stderr, the exit status stated; --help names the format")
    func html() throws {
        let (status, out) = runCLI(["check", "Specs/aarhus-msb-2026.goal", "--format", "html"])
        #expect(status == 1)
        #expect(out.stdout.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        #expect(out.stdout.hasSuffix("</html>\n"))
        #expect(out.stderr.isEmpty)
        #expect(out.stdout.contains("Failed (exit status 1): top-level targets and goals that do not pass: 4 not met"))
        let parser = XMLParser(data: Data(out.stdout.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let help = runCLI(["check", "--help"])
        #expect(help.output.stdout.contains("--format text|json|junit|markdown|html"))
        let wrong = runCLI(["check", "Specs", "--format", "pdf"])
        #expect(wrong.status == 64)
        #expect(wrong.output.stderr.contains("use --format text, json, junit, markdown, html, github or sarif"))
    }

    @Test("--at evaluates an earlier period")
    func atPeriod() {
        let (status, out) = runCLI(["check", "Specs/aarhus-msb-2026.goal", "--at", "2023K3"])
        #expect(status == 1)
        #expect(out.stdout.contains("share(job) = 86.4%"))
        #expect(out.stdout.contains("avg(6byer) = 85.1%"))
    }

    @Test("--data rebinds a dataset; a missing file is exit 2 with the path tried")
    func dataOverride() {
        let (status, out) = runCLI(["check", "Specs/aarhus-msb-2026.goal", "--data", "social=nowhere/social.csv"])
        #expect(status == 2)
        #expect(out.stderr.contains("error[GS0501]: data file not found: nowhere/social.csv"))
        #expect(out.stderr.contains("Specs/aarhus-msb-2026.goal:20:6"))
    }

    @Test("bad command lines are usage errors, exit 64", arguments: [
        ["check", "--formt", "json"], ["chek"], ["check", "--format", "xml"], ["check", "--at", "2024K9"],
        ["check", "--data", "nope"], ["check", "--format"],
    ])
    func usageErrors(args: [String]) {
        let (status, out) = runCLI(args)
        #expect(status == 64)
        #expect(out.stderr.hasPrefix("goalspec: "))
    }

    @Test("--help and --version exit 0")
    func helpVersion() {
        #expect(runCLI(["--help"]).output.stdout.contains("USAGE"))
        #expect(runCLI(["check", "--help"]).output.stdout.contains("--data NAME=PATH"))
        #expect(runCLI(["--version"]).output.stdout == "goalspec \(Runner.version)\n")
        #expect(runCLI(["--version"]).status == 0)
    }

    @Test("colour only on a terminal, and never with NO_COLOR")
    func colour() {
        let tty = runCLI(["check", "Specs"], terminal: TerminalInfo(stdoutIsTerminal: true, stderrIsTerminal: true))
        #expect(tty.output.stdout.contains("\u{1B}["))
        let noColor = runCLI(["check", "Specs"], terminal: TerminalInfo(stdoutIsTerminal: true, stderrIsTerminal: true, noColor: true))
        #expect(!noColor.output.stdout.contains("\u{1B}["))
        let forced = runCLI(["check", "Specs", "--color", "always"])
        #expect(forced.output.stdout.contains("\u{1B}["))
    }

    @Test("a spec with errors exits 2 and reports every error of every file in one run")
    func errorsExitTwo() throws {
        let dir = try TempDir([
            "a.goal": "data d from \"d.csv\"\n\ntarget a\n  share(jb) >= 70%\n",
            "b.goal": "data d from \"d.csv\"\n\ntarget b\n  share(job) >= 0.7\n",
            "d.csv": "job\n1\n0\n",
        ])
        let (status, out) = runCLI(["check", dir.url.path])
        #expect(status == 2)
        #expect(out.stderr.contains("a.goal:4:9: error[GS0301]"))
        #expect(out.stderr.contains("b.goal:4:3: error[GS0402]: cannot compare Share with Number"))
        #expect(out.stderr.contains("70% or 7/10"))
    }
}
