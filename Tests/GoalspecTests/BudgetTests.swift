import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// The evaluation budget: each limit exceeded ends the run with its own code and exit status
/// 2, and a run within the limits is not affected.
@Suite("Budgets")
struct BudgetTests {
    /// 10,000 rows, each its own city, with a value column for median.
    static let data: [String: String] = {
        var csv = "city,quarter,job,days\n"
        for i in 0..<10_000 { csv += "c\(i),2024K3,\(i % 2),\(i % 90)\n" }
        return ["t.csv": csv]
    }()
    static let spec = """
        data t from "t.csv"
          entity city
          time quarter

        target total "share in job"
          share(job) >= 40%

        target wait "median wait"
          median(days) <= 60

        target each "per city"
          by city
          share(job) >= 0%

        """

    static func budget(_ change: (inout EvaluationBudget) -> Void) -> Runner.Options {
        var options = Runner.Options()
        change(&options.budget)
        return options
    }

    @Test("each limit exceeded is its own diagnostic", arguments: [
        ("rows", DiagnosticCode.rowLimitExceeded),
        ("groups", .groupLimitExceeded),
        ("memory", .memoryLimitExceeded),
        ("time", .timeLimitExceeded),
    ])
    func exceeded(_ limit: String, _ code: DiagnosticCode) throws {
        let options = Self.budget { b in
            switch limit {
            case "rows": b.maxRows = 9_999
            case "groups": b.maxGroups = 5_000
            case "memory": b.maxKeptValueBytes = 1_000 * EvaluationBudget.keptValueBytes
            default: b.timeLimit = .nanoseconds(1)
            }
        }
        let run = try runSpec(Self.spec, data: Self.data, options: options)
        #expect(run.diagnostics.map(\.code) == [code], "\(renderedDiagnostics(run))")
        #expect(run.exitStatus == 2)
        #expect(run.specs.allSatisfy { $0.items.isEmpty })
    }

    @Test("a scan split across cores keeps to the same limits", arguments: [
        ("rows", DiagnosticCode.rowLimitExceeded), ("groups", .groupLimitExceeded), ("memory", .memoryLimitExceeded),
    ])
    func exceededInParts(_ limit: String, _ code: DiagnosticCode) throws {
        var options = Self.budget { b in
            switch limit {
            case "rows": b.maxRows = 9_999
            case "groups": b.maxGroups = 9_999
            default: b.maxKeptValueBytes = 9_999 * EvaluationBudget.keptValueBytes
            }
        }
        options.cores = 4
        options.parallelThreshold = 1
        let run = try runSpec(Self.spec, data: Self.data, options: options)
        #expect(run.diagnostics.map(\.code) == [code], "\(renderedDiagnostics(run))")
    }

    @Test("limits just above what the data needs change nothing")
    func withinLimits() throws {
        let options = Self.budget { b in
            b.maxRows = 10_000
            b.maxGroups = 20_000
            b.maxKeptValueBytes = 10_000 * EvaluationBudget.keptValueBytes
            b.timeLimit = .seconds(600)
        }
        let run = try runSpec(Self.spec, data: Self.data, options: options)
        #expect(run.diagnostics.isEmpty, "\(renderedDiagnostics(run))")
        #expect(targets(run)["total"]?.verdict == .met)
        #expect(targets(run)["wait"]?.verdict == .met)
    }

    @Test("the defaults limit groups and kept values, not rows or time")
    func defaults() {
        let b = EvaluationBudget()
        #expect(b.timeLimit == nil && b.maxRows == nil)
        #expect(b.maxGroups == 1_000_000)
        #expect(b.maxKeptValueBytes == 512 << 20)
    }

    @Test("the CLI flags set the budget and exit 2 when it is exceeded", arguments: [
        (["--max-rows", "100"], "GS0603"),
        (["--max-groups", "100"], "GS0605"),
        (["--memory-limit", "1K"], "GS0604"),
        (["--time-limit", "1ms"], "GS0602"),
    ])
    func flags(_ flags: [String], _ code: String) throws {
        var files = Self.data
        files["spec.goal"] = Self.spec
        let dir = try TempDir(files)
        for command in ["check"] {
            let (status, out) = CommandLineTool.run([command, dir.path("spec.goal")] + flags)
            #expect(status == 2)
            #expect(out.stderr.contains("error[\(code)]"), "\(out.stderr)")
        }
    }

    @Test("flag values that are not counts, durations or sizes are usage errors", arguments: [
        ["--max-rows", "many"], ["--max-rows", "0"], ["--max-groups", "-3"], ["--time-limit", "soon"],
        ["--memory-limit", "lots"], ["--time-limit", "0"],
    ])
    func badFlags(_ flags: [String]) throws {
        let dir = try TempDir(["spec.goal": Self.spec])
        let (status, out) = CommandLineTool.run(["check", dir.path("spec.goal")] + flags)
        #expect(status == 64)
        #expect(out.stderr.contains(flags[0]))
    }

    @Test("durations and sizes read as documented", arguments: [
        ("30", Duration.seconds(30)), ("30s", .seconds(30)), ("500ms", .milliseconds(500)), ("2m", .seconds(120)),
    ])
    func durations(_ text: String, _ expected: Duration) {
        #expect(LimitOptions.duration(text) == expected)
    }

    @Test("sizes read as documented", arguments: [
        ("1048576", 1 << 20), ("512K", 512 << 10), ("256M", 256 << 20), ("2G", 2 << 30), ("64MiB", 64 << 20),
    ])
    func sizes(_ text: String, _ expected: Int) {
        #expect(LimitOptions.size(text) == expected)
    }
}
