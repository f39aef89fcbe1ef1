import Foundation
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
}
