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
}
