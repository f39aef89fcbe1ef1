import Foundation
import Testing
@testable import Goalspec

/// Runs `body` on a thread with a 512 KiB stack, as a tool embedding the library might, and
/// returns its result. Before the depth limits and `DeepStack`, each input below overflowed it.
private final class ResultBox<T>: @unchecked Sendable { var result: Result<T, Error>? }

private func onSmallStack<T>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 512 << 10
    thread.start()
    done.wait()
    guard let result = box.result else { throw CancellationError() }
    return try result.get()
}

private let data = ["t.csv": "quarter,x,y\n2024K1,1,2\n2024K1,3,4\n2024K2,5,6\n2024K2,7,0\n"]
private let header = "data t from \"t.csv\"\n  time quarter\n\n"

private func target(_ body: String) -> String { header + "target t\n  data t\n  \(body)\n" }

private func codes(_ run: Runner.Run) -> [String] { run.diagnostics.map(\.code.rawValue) }

@Suite("Hostile inputs: long chains and define explosions end in a diagnostic, never a crash")
struct HostileInputTests {
    @Test("90 pp terms evaluate on a 512 KiB thread")
    func pointsOnSmallStack() throws {
        let spec = target("share(x > 2) >= 0% + " + Array(repeating: "0pp", count: 90).joined(separator: " + "))
        let run = try onSmallStack { try runSpec(spec, data: data) }
        #expect(codes(run).isEmpty)
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("chains just under the limit are checked and evaluated on a 512 KiB thread",
          arguments: ["and", "or"])
    func longConditionChain(op: String) throws {
        let spec = target("all " + Array(repeating: "x > 0", count: 900).joined(separator: " \(op) "))
        let run = try onSmallStack { try runSpec(spec, data: data) }
        #expect(codes(run).isEmpty)
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a measure sum of 900 terms evaluates on a 512 KiB thread")
    func longSum() throws {
        let spec = target(Array(repeating: "sum(x)", count: 900).joined(separator: " + ") + " >= 0")
        let run = try onSmallStack { try runSpec(spec, data: data) }
        #expect(codes(run).isEmpty)
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a chain past 1,000 operators is GS0206 at the token where the limit is passed",
          arguments: ["and", "+", "*"])
    func chainTooLong(op: String) throws {
        let term = op == "and" ? "x > 0" : "x"
        let tail = op == "and" ? "" : " > 0"
        let spec = target("all " + Array(repeating: term, count: 3_000).joined(separator: " \(op) ") + tail)
        let run = try onSmallStack { try runSpec(spec, data: data) }
        #expect(codes(run).contains("GS0206"))
        let d = try #require(run.diagnostics.first { $0.code == .nestingTooDeep })
        #expect(d.message.contains("1000 operators deep"))
        #expect(d.sourceRange != nil)
    }

    @Test("3,000 chained defines are GS0206, not a stack overflow")
    func defineChain() throws {
        var lines = ["define d1 = x > 0"]
        for i in 2...3_000 { lines.append("define d\(i) = d\(i - 1) and x > 0") }
        let spec = header + lines.joined(separator: "\n") + "\n\ntarget t\n  data t\n  all d3000\n"
        let run = try onSmallStack { try runSpec(spec, data: data) }
        let d = try #require(run.diagnostics.first { $0.code == .nestingTooDeep })
        #expect(d.message.contains("once its defines are expanded"))
        #expect(d.sourceRange != nil)
    }

    @Test("700 chained defines, just under the checker's limit, evaluate on a 512 KiB thread")
    func defineChainUnderLimit() throws {
        var lines = ["define d1 = x > 0"]
        for i in 2...700 { lines.append("define d\(i) = d\(i - 1) and x > 0") }
        let spec = header + lines.joined(separator: "\n") + "\n\ntarget t\n  data t\n  all d700\n"
        let run = try onSmallStack { try runSpec(spec, data: data) }
        #expect(codes(run).isEmpty)
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("a define used three times in the next, 18 deep, ends quickly in GS0206",
          arguments: ["and", "+"])
    func exponentialDefines(op: String) throws {
        var lines = [op == "and" ? "define e1 = x > 0" : "define e1 = sum(x)"]
        for i in 2...18 {
            lines.append(op == "and" ? "define e\(i) = e\(i - 1) and e\(i - 1) or e\(i - 1)"
                                     : "define e\(i) = e\(i - 1) + e\(i - 1) - e\(i - 1)")
        }
        let body = op == "and" ? "all e18" : "e18 >= 0"
        let spec = header + lines.joined(separator: "\n") + "\n\ntarget t\n  data t\n  \(body)\n"
        let start = Date()
        let run = try onSmallStack { try runSpec(spec, data: data) }
        #expect(Date().timeIntervalSince(start) < 5)
        let d = try #require(run.diagnostics.first { $0.code == .nestingTooDeep })
        #expect(d.message.contains("expand to more than"))
    }

    @Test("the SQL of a membership test in 30,000 values is built in linear time")
    func longListToSQL() throws {
        let spec = target("all x in [" + (0..<30_000).map(String.init).joined(separator: ", ") + "]")
        let run = try runSpec(spec, data: data, options: Runner.Options(checkOnly: true))
        let checked = try #require(run.specs.first?.checked)
        let start = Date()
        let text = SQLPushdown.compile(checked, dialect: DuckDBDialect()).map(\.text).joined(separator: "\n")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(text.contains("29999"))
    }

    @Test("20,000 unused defines (as many warnings) are reported in linear time")
    func manyWarnings() throws {
        let spec = header + (0..<20_000).map { "define u\($0) = x > \($0)\n" }.joined() + "\ntarget t\n  data t\n  all x > 0\n"
        let start = Date()
        let run = try runSpec(spec, data: data)
        #expect(Date().timeIntervalSince(start) < 8)
        #expect(targets(run)["t"]?.verdict == .met)
    }

    @Test("fmt formats a 900-term chain on a 512 KiB thread and refuses a 50,000-term one with GS0206")
    func formatLongChain() throws {
        let ok = target("all " + Array(repeating: "x > 0", count: 900).joined(separator: " and "))
        let formatted = try onSmallStack { SpecFormatter.format(SourceFile(path: "ok.goal", text: ok)) }
        #expect(formatted.text != nil)
        let long = target("all " + Array(repeating: "x > 0", count: 50_000).joined(separator: " and "))
        let refused = try onSmallStack { SpecFormatter.format(SourceFile(path: "long.goal", text: long)) }
        #expect(refused.text == nil)
        #expect(refused.diagnostics.contains { $0.code == .nestingTooDeep })
    }
}
