import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// Runs the command line on absolute paths, without changing the current folder (which
/// `runCLI` does, and which would race with the command line suite).
func runTool(_ args: [String]) -> (status: Int32, output: CommandOutput) {
    CommandLineTool.run(args)
}

/// Command-line regressions: output that disagreed with the exit status, or options that were
/// silently ignored.
@Suite("Command line trust regressions")
struct CLITrustTests {
    static let employmentSpec = "data employment from \"d.csv\"\n\ntarget t\n  share(job) >= 50%\n"

    @Test("--data with a name no spec declares is a usage error naming the closest dataset (case 5)", arguments: [
        ("check", "employmnet", "did you mean 'employment'?"),
        ("lint", "employmnet", "did you mean 'employment'?"),
        ("check", "zzz", "the specs declare: employment"),
    ])
    func dataOverrideUnknownName(command: String, name: String, hint: String) throws {
        let dir = try TempDir(["s.goal": Self.employmentSpec, "d.csv": "job\n1\n0\n", "other.csv": "job\n0\n0\n"])
        let (status, out) = runTool([command, dir.path("s.goal"), "--data", "\(name)=\(dir.path("other.csv"))"])
        #expect(status == 64)
        #expect(out.stderr.contains("goalspec: no spec declares a dataset named '\(name)'"), "\(out.stderr)")
        #expect(out.stderr.contains("hint: \(hint)"), "\(out.stderr)")
        #expect(out.stdout.isEmpty)
    }

    @Test("--data with a declared name, in any case or through an import, rebinds it")
    func dataOverrideKnownName() throws {
        let dir = try TempDir([
            "s.goal": "import \"common.goal\"\n\ntarget t\n  share(job) >= 50%\n",
            "common.goal": "data employment from \"d.csv\"\n",
            "d.csv": "job\n1\n0\n", "other.csv": "job\n0\n0\n",
        ])
        let (status, out) = runTool(["check", dir.path("s.goal"), "--data", "Employment=\(dir.path("other.csv"))"])
        #expect(status == 1, "\(out.stderr)")
        #expect(out.stdout.contains("share(job) = 0%"))
    }

    @Test("--data naming one dataset twice is a usage error")
    func dataOverrideTwice() throws {
        let dir = try TempDir(["s.goal": Self.employmentSpec, "d.csv": "job\n1\n0\n"])
        let (status, out) = runTool(["check", dir.path("s.goal"), "--data", "employment=a.csv", "--data", "Employment=b.csv"])
        #expect(status == 64)
        #expect(out.stderr.contains("twice"))
    }

    @Test("--data on a spec that cannot be read reports the spec's error, not a usage error")
    func dataOverrideBrokenSpec() throws {
        let dir = try TempDir(["s.goal": "import \"missing.goal\"\n\ntarget t\n  share(job) >= 50%\n"])
        let (status, out) = runTool(["check", dir.path("s.goal"), "--data", "employment=x.csv"])
        #expect(status == 2)
        #expect(out.stderr.contains("GS"))
    }

    /// `t` is met by 10pp, inside its `at risk within 20pp`; `u` is met.
    static let atRiskSpec = """
        data d from "d.csv"

        target t
          at risk within 20pp
          share(job) >= 50%

        target u
          share(job) >= 10%

        """

    /// The `failures` and `errors` attributes of the root `<testsuites>` element.
    static func junitCounts(_ xml: String) -> (failures: Int, errors: Int)? {
        guard let line = xml.split(separator: "\n").first(where: { $0.hasPrefix("<testsuites ") }) else { return nil }
        func attribute(_ name: String) -> Int? {
            guard let r = line.range(of: " \(name)=\"") else { return nil }
            return Int(line[r.upperBound...].prefix { $0 != "\"" })
        }
        guard let f = attribute("failures"), let e = attribute("errors") else { return nil }
        return (f, e)
    }

    @Test("every format agrees with the exit status, with and without --strict, and shows 'at risk' (case 6)", arguments: [false, true])
    func strictInEveryFormat(strict: Bool) throws {
        let dir = try TempDir(["s.goal": Self.atRiskSpec, "d.csv": "job\n1\n0\n1\n1\n0\n"])
        let expected: Int32 = strict ? 1 : 0
        func run(_ format: String) -> (status: Int32, output: CommandOutput) {
            runTool(["check", dir.path("s.goal"), "--format", format] + (strict ? ["--strict"] : []))
        }
        let text = run("text")
        #expect(text.status == expected)
        #expect(text.output.stdout.contains("~ at risk  t"))
        #expect(text.output.stdout.contains("1 at risk (counted as not met: --strict)") == strict, "\(text.output.stdout)")

        let json = run("json")
        #expect(json.status == expected)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.output.stdout.utf8)) as? [String: Any])
        #expect(doc["exitStatus"] as? Int == Int(expected))
        #expect(doc["strict"] as? Bool == strict)
        #expect((doc["summary"] as? [String: Any])?["atRisk"] as? Int == 1)
        #expect(json.output.stdout.contains("\"verdict\": \"at risk\""))

        let junit = run("junit")
        #expect(junit.status == expected)
        let counts = try #require(Self.junitCounts(junit.output.stdout))
        #expect(counts.failures == (strict ? 1 : 0) && counts.errors == 0, "\(junit.output.stdout)")
        #expect(junit.output.stdout.contains("<testsuite name=\"\(dir.path("s.goal"))\" tests=\"2\" failures=\"\(strict ? 1 : 0)\""))
        #expect(junit.output.stdout.contains("<property name=\"verdict\" value=\"at risk\"/>"))
        #expect(junit.output.stdout.contains("<failure message=\"at risk (--strict)\" type=\"at risk\">") == strict)
        let parser = XMLParser(data: Data(junit.output.stdout.utf8))
        #expect(parser.parse())

        let markdown = run("markdown")
        #expect(markdown.status == expected)
        #expect(markdown.output.stdout.contains(strict ? "**❌ Failed** (exit status 1)" : "**✅ Passed** (exit status 0)"), "\(markdown.output.stdout)")
        #expect(markdown.output.stdout.contains("| ⚠️ at risk | `t` |"))

        let html = run("html")
        #expect(html.status == expected)
        #expect(html.output.stdout.contains(strict ? "Failed (exit status 1)" : "Passed (exit status 0)"))
        #expect(html.output.stdout.contains("at risk counts as not met (--strict)") == strict)
        #expect(html.output.stdout.contains("<span class=\"badge v-at-risk\">~ at risk</span>"))
    }

    @Test("JUnit failures follow the exit status through goals: a target a met goal does without is no failure")
    func junitGoals() throws {
        let goals = """
            data d from "d.csv"

            goal "G"
              met when atLeast 1
              target a
                share(job) >= 10%
              target b
                share(job) >= 90%

            """
        let dir = try TempDir(["s.goal": goals, "d.csv": "job\n1\n0\n1\n1\n0\n"])
        let passing = runTool(["check", dir.path("s.goal"), "--format", "junit"])
        #expect(passing.status == 0)
        #expect(Self.junitCounts(passing.output.stdout).map { $0.failures + $0.errors } == 0, "\(passing.output.stdout)")
        #expect(passing.output.stdout.contains("name=\"goal &quot;G&quot;\""))
        #expect(passing.output.stdout.contains("not met, but goal &quot;G&quot; is met without it"))

        try dir.write("s.goal", goals.replacingOccurrences(of: "atLeast 1", with: "all"))
        let failing = runTool(["check", dir.path("s.goal"), "--format", "junit"])
        #expect(failing.status == 1)
        // The goal and the target that fails it.
        #expect(Self.junitCounts(failing.output.stdout)?.failures == 2, "\(failing.output.stdout)")
        let markdown = runTool(["check", dir.path("s.goal"), "--format", "markdown"])
        #expect(markdown.output.stdout.contains("**❌ Failed** (exit status 1); top-level targets and goals that do not pass: 1 not met"))
    }

    /// 60 unused defines (warnings) and a met target.
    static var unusedDefines: String {
        "data d from \"d.csv\"\n\n" + (1...60).map { "define u\($0) = job == 1\n" }.joined() + "\ntarget t\n  share(job) >= 10%\n"
    }

    /// 60 targets with an unknown name (errors).
    static var unknownNames: String {
        "data d from \"d.csv\"\n\n" + (1...60).map { "target t\($0)\n  share(jb) >= 10%\n\n" }.joined()
    }

    /// A property of the JUnit diagnostics suite.
    static func junitProperty(_ xml: String, _ name: String) -> Int? {
        guard let r = xml.range(of: "<property name=\"\(name)\" value=\"") else { return nil }
        return Int(xml[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test("warnings beyond the display cap stay warnings: exit 0, and every format counts 60 warnings, 10 not shown (case 7)")
    func cappedWarnings() throws {
        let dir = try TempDir(["s.goal": Self.unusedDefines, "d.csv": "job\n1\n0\n"])
        let spec = dir.path("s.goal")
        let text = runTool(["check", spec])
        #expect(text.status == 0, "\(text.output.stderr)")
        #expect(text.output.stdout.hasSuffix("1 target: 1 met, 0 not met; 60 warnings (10 warnings not shown)\n"), "\(text.output.stdout)")
        #expect(text.output.stderr.hasSuffix("10 more warnings not shown\n"))
        #expect(!text.output.stderr.contains("error"))

        let json = runTool(["check", spec, "--format", "json"])
        #expect(json.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.output.stdout.utf8)) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(doc["exitStatus"] as? Int == 0)
        #expect(summary["errors"] as? Int == 0 && summary["warnings"] as? Int == 60)
        #expect(summary["omittedErrors"] as? Int == 0 && summary["omittedWarnings"] as? Int == 10)
        #expect(doc["omittedDiagnostics"] as? Int == 10)
        #expect((doc["diagnostics"] as? [Any])?.count == 50)

        let junit = runTool(["check", spec, "--format", "junit"])
        #expect(junit.status == 0)
        #expect(Self.junitCounts(junit.output.stdout).map { $0.failures + $0.errors } == 0, "\(junit.output.stdout)")
        #expect(Self.junitProperty(junit.output.stdout, "warnings") == 60)
        #expect(Self.junitProperty(junit.output.stdout, "omittedWarnings") == 10)
        #expect(Self.junitProperty(junit.output.stdout, "errors") == 0)

        let markdown = runTool(["check", spec, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.output.stdout.contains("**✅ Passed** (exit status 0)"))
        #expect(markdown.output.stdout.contains("60 warnings (10 warnings not shown)"))
        #expect(markdown.output.stdout.contains("10 more warnings not shown"))

        let lint = runTool(["lint", spec])
        #expect(lint.status == 0)
        #expect(lint.output.stdout == "1 file checked: 0 errors, 60 warnings (10 warnings not shown)\n")
        #expect(runTool(["lint", spec, "--strict"]).status == 1)
        let lintJSON = runTool(["lint", spec, "--format", "json"])
        let lintDoc = try #require(try JSONSerialization.jsonObject(with: Data(lintJSON.output.stdout.utf8)) as? [String: Any])
        #expect((lintDoc["summary"] as? [String: Any])?["warnings"] as? Int == 60)
        #expect(lintDoc["exitStatus"] as? Int == 0)
    }

    @Test("errors beyond the display cap: every format counts all 60, and says 10 were not shown (case 7)")
    func cappedErrors() throws {
        let dir = try TempDir(["s.goal": Self.unknownNames, "d.csv": "job\n1\n0\n"])
        let spec = dir.path("s.goal")
        let text = runTool(["check", spec])
        #expect(text.status == 2)
        #expect(text.output.stdout.hasSuffix("; 60 errors (10 errors not shown)\n"), "\(text.output.stdout)")
        #expect(text.output.stderr.hasSuffix("10 more errors not shown\n"))

        let json = runTool(["check", spec, "--format", "json"])
        #expect(json.status == 2)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.output.stdout.utf8)) as? [String: Any])
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 60 && summary["omittedErrors"] as? Int == 10)

        let junit = runTool(["check", spec, "--format", "junit"])
        #expect(Self.junitProperty(junit.output.stdout, "errors") == 60)
        #expect(Self.junitProperty(junit.output.stdout, "omittedErrors") == 10)
        // 50 shown errors and the "not shown" case.
        #expect(Self.junitCounts(junit.output.stdout)?.errors == 51)
        #expect(junit.output.stdout.contains("<error message=\"10 more errors not shown\" type=\"not shown\">"))

        let markdown = runTool(["check", spec, "--format", "markdown"])
        #expect(markdown.output.stdout.contains("**💥 Unusable** (exit status 2): a spec or its data could not be used; 60 errors (10 errors not shown)"))

        let lint = runTool(["lint", spec])
        #expect(lint.status == 2)
        #expect(lint.output.stdout == "1 file checked: 60 errors, 0 warnings (10 errors not shown)\n")
    }
}
