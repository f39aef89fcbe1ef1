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
func runSpec(_ spec: String, data: [String: String], options: Goalspec.Options = Goalspec.Options()) throws -> Goalspec.Run {
    var files = data
    files["spec.goal"] = spec
    let dir = try TempDir(files)
    return Goalspec.run(files: [dir.path("spec.goal")], options: options)
}

/// The targets of a run by id (including targets inside goals).
func targets(_ run: Goalspec.Run) -> [String: TargetResult] {
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
func renderedDiagnostics(_ run: Goalspec.Run) -> String {
    DiagnosticRenderer(sources: run.sources).render(run.diagnostics, omitted: run.omittedDiagnostics)
}

/// The folder of this test file's target, for golden files.
let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
