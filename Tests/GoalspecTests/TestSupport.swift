import Foundation
import Testing
@testable import Goalspec

/// A temporary folder with spec and data files, removed when the value is discarded.
final class TempDir {
    let url: URL

    init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, content) in files { try write(name, content) }
    }

    func write(_ name: String, _ content: String) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: file)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs one spec held in a temporary folder with its data files.
func runSpec(_ spec: String, data: [String: String], options: Runner.Options = Runner.Options()) throws -> Runner.Run {
    var files = data
    files["spec.goal"] = spec
    let dir = try TempDir(files)
    return Runner.run(files: [dir.path("spec.goal")], options: options)
}

/// The targets of a run by id (including targets inside goals).
func targets(_ run: Runner.Run) -> [String: TargetResult] {
    var out: [String: TargetResult] = [:]
    func visit(_ item: ItemResult) {
        switch item {
        case .target(let t): out[t.id] = t
        case .goal(let g): g.children.forEach(visit)
        }
    }
    for spec in run.specs { spec.items.forEach(visit) }
    return out
}

/// The rendered diagnostics of a run, without colour.
func renderedDiagnostics(_ run: Runner.Run) -> String {
    DiagnosticRenderer(sources: run.sources).render(run.diagnostics, omitted: run.omittedDiagnostics)
}

/// The folder of this test file's target, for golden files.
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// Golden files shared by the diagnostics, explanation and format corpora.
enum Golden {
    /// `GOALSPEC_UPDATE_GOLDEN=1`: record the output instead of comparing it.
    static var updating: Bool { ProcessInfo.processInfo.environment["GOALSPEC_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file at `path` (recording it when updating), and records an
    /// issue with a line diff when they differ. `filter` is the `swift test --filter` that re-records.
    static func check(_ actual: String, againstFileAt path: String, shownAs shown: String, source: String, filter: String) {
        let expected = try? String(contentsOfFile: path, encoding: .utf8)
        if updating {
            if expected != actual {
                do {
                    try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
                    print("recorded \(shown)")
                } catch {
                    Issue.record("cannot record \(shown): \(error)")
                }
            }
            return
        }
        guard let expected else {
            Issue.record("""
                no \(shown); record it with GOALSPEC_UPDATE_GOLDEN=1 swift test --filter \(filter), then read it. The output is:
                \(actual)
                """)
            return
        }
        if expected != actual {
            Issue.record("""
                \(source) renders differently from \(shown) (- expected, + actual):
                \(goldenDiff(expected: expected, actual: actual))

                If the new output is right, re-record with GOALSPEC_UPDATE_GOLDEN=1 swift test --filter \(filter) and review the diff.
                """)
        }
    }
}

/// A line diff of `expected` and `actual` (longest common subsequence): unchanged lines start
/// with two spaces, lines only in the golden file with `- `, lines only in the output with `+ `.
/// Trailing spaces are made visible as `·` so that a difference in them can be seen.
func goldenDiff(expected: String, actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    func shown(_ line: String) -> String {
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
        let trailing = line.distance(from: end, to: line.endIndex)
        return trailing == 0 ? line : String(line[..<end]) + String(repeating: "·", count: trailing)
    }
    var out: [String] = []
    var i = 0, j = 0
    while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] {
            out.append("  " + shown(a[i])); i += 1; j += 1
        } else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] {
            out.append("+ " + shown(b[j])); j += 1
        } else {
            out.append("- " + shown(a[i])); i += 1
        }
    }
    return out.joined(separator: "\n")
}

