import Foundation
import Testing
@testable import Goalspec

/// One case of the golden explanations corpus: a folder `Golden/explanations/NAME/` holding
/// `spec.goal`, the small data files it reads (and any files it imports), and `expected.txt`,
/// exactly what `ResultTextRenderer(style: TextStyle(colored: false)).render(run)` prints for
/// `Runner.run(files: [spec.goal])`: the verdicts, explanations and summary line, as
/// `goalspec check spec.goal --color never` writes them to stdout inside the case folder.
///
/// Paths are made stable by stripping, not by changing the working directory (it is shared by
/// every test running in parallel): the spec is run by its absolute path and the case folder's
/// absolute path plus `/` is removed from the rendered text, so the spec shows as
/// `spec.goal:7`. The test fails if any other absolute path of the checkout is left.
///
/// A recorded case must run without any diagnostic (not even a warning): a warning is not part
/// of the rendered text, so it would go unnoticed.
///
/// `GOALSPEC_UPDATE_GOLDEN=1 swift test --filter Explanation` records every `expected.txt` whose
/// content changed (the same convention as the diagnostics corpus, Golden/README.md); then read
/// each changed file. A case whose output shows a bug is kept as `NAME/spec.goal.pending`
/// without `expected.txt` and is not run; Golden/explanations/README.md lists what goes wrong.
struct ExplanationCase: Sendable, Hashable, CustomTestStringConvertible {
    /// The corpus folder, `Tests/GoalspecTests/Golden/explanations`.
    static let folder: URL = testsDirectory.appendingPathComponent("Golden").appendingPathComponent("explanations")

    /// The smallest corpus the suite accepts.
    static let minimumCount = 20

    /// Whether the run records `expected.txt` files instead of comparing with them.
    static var updating: Bool { Golden.updating }

    /// The names of the folders directly in the corpus folder, sorted.
    static var folders: [String] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }

    /// Every case folder with a `spec.goal` (pending cases have `spec.goal.pending` instead).
    static let all: [ExplanationCase] = folders
        .filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).appendingPathComponent("spec.goal").path) }
        .map { ExplanationCase(name: $0) }

    /// The folder name: `breakdown-by-one-column`.
    let name: String

    var testDescription: String { name }

    var caseFolder: String { Self.folder.appendingPathComponent(name).path }
    var specPath: String { caseFolder + "/spec.goal" }
    var expectedPath: String { caseFolder + "/expected.txt" }

    func run() -> Runner.Run {
        Runner.run(files: [specPath])
    }

    /// The rendered results without colour, with the case folder's absolute prefix removed.
    func rendered(_ run: Runner.Run) -> String {
        ResultTextRenderer(style: TextStyle(colored: false)).render(run)
            .replacingOccurrences(of: caseFolder + "/", with: "")
    }

}

@Suite("Golden explanations")
struct ExplanationGoldenTests {
    @Test("rendered verdicts and explanations match expected.txt", arguments: ExplanationCase.all)
    func matchesGolden(_ golden: ExplanationCase) throws {
        let run = golden.run()
        #expect(run.diagnostics.isEmpty && run.omittedDiagnostics == 0,
                "a golden explanation case must run without diagnostics:\n\(DiagnosticRenderer(sources: run.sources).render(run.diagnostics, omitted: run.omittedDiagnostics))")
        let actual = golden.rendered(run)
        #expect(!actual.contains(repositoryRootPath), "the output holds an absolute path:\n\(actual)")

        Golden.check(actual, againstFileAt: golden.expectedPath, shownAs: "\(golden.name)/expected.txt",
                     source: "\(golden.name)/spec.goal", filter: "Explanation")
    }

    @Test("the corpus has at least 20 cases, each with expected.txt; every folder is a case or pending")
    func corpusIsComplete() {
        let cases = ExplanationCase.all
        #expect(cases.count >= ExplanationCase.minimumCount,
                "the corpus has \(cases.count) cases; it needs at least \(ExplanationCase.minimumCount)")
        let fm = FileManager.default
        if !ExplanationCase.updating {
            let missing = cases.filter { !fm.fileExists(atPath: $0.expectedPath) }.map(\.name)
            #expect(missing.isEmpty, "cases without expected.txt: \(missing.joined(separator: ", "))")
        }
        let names = Set(cases.map(\.name))
        for folder in ExplanationCase.folders where !names.contains(folder) {
            let path = ExplanationCase.folder.appendingPathComponent(folder)
            let pending = fm.fileExists(atPath: path.appendingPathComponent("spec.goal.pending").path)
            #expect(pending, "\(folder)/ has neither spec.goal nor spec.goal.pending")
            #expect(!fm.fileExists(atPath: path.appendingPathComponent("expected.txt").path),
                    "pending case \(folder)/ has an expected.txt: record it only once the output is right")
        }
        let badNames = cases.map(\.name).filter { $0.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) == nil }
        #expect(badNames.isEmpty, "case names are lower-case words joined by '-': \(badNames.joined(separator: ", "))")
    }
}

/// The checkout's root, which must not appear in golden output.
private let repositoryRootPath = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().path
