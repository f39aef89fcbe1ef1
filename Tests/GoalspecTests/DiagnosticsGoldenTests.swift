import Foundation
import Testing
@testable import Goalspec

/// One case of the golden diagnostics corpus: `Golden/diagnostics/NNN-short-name.goal`, a small
/// spec with one mistake (or a deliberate few, to show recovery), and next to it
/// `NNN-short-name.expected`, exactly what `DiagnosticRenderer` prints for it without colour.
///
/// Paths are made stable by rendering them relative to the corpus folder: the spec is run by its
/// absolute path and the folder's absolute path plus `/` is removed from the rendered text, so
/// the spec shows as `001-tab-indentation.goal:7:1` and its data as `../data/social.csv`, as if
/// `goalspec check 001-tab-indentation.goal` had been run inside `Golden/diagnostics`. (The
/// working directory is not changed: it is shared by every test running in parallel.)
///
/// See Golden/README.md for adding a case and re-recording with `GOALSPEC_UPDATE_GOLDEN=1`.
struct GoldenCase: Sendable, Hashable, CustomTestStringConvertible {
    /// The corpus folder, `Tests/GoalspecTests/Golden/diagnostics`.
    static let folder: URL = testsDirectory.appendingPathComponent("Golden").appendingPathComponent("diagnostics")

    /// The smallest corpus the suite accepts.
    static let minimumCount = 80

    /// Whether the run records `.expected` files instead of comparing with them.
    static var updating: Bool { Golden.updating }

    /// Every `.goal` file directly in the corpus folder (not in `imports/`), sorted by name.
    /// Cases waiting for a fix in Sources/ are stored as `.goal.pending` and are not run.
    static let all: [GoldenCase] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".goal") }.sorted().map { GoldenCase(name: String($0.dropLast(5))) }
    }()

    /// The file name without `.goal`: `001-tab-indentation`.
    let name: String

    var testDescription: String { name }

    var specPath: String { Self.folder.path + "/" + name + ".goal" }
    var expectedPath: String { Self.folder.path + "/" + name + ".expected" }

    /// Runs the spec (parse, check, and evaluate when there is no error) and returns the run.
    func run() -> Runner.Run {
        Runner.run(files: [specPath])
    }

    /// The rendered diagnostics of a run, with the corpus folder's absolute prefix removed.
    func rendered(_ run: Runner.Run) -> String {
        let text = DiagnosticRenderer(sources: run.sources).render(run.diagnostics, omitted: run.omittedDiagnostics)
        // Data paths are normalized (`diagnostics/../data/x.csv` → `Golden/data/x.csv`): show them from the corpus folder.
        let golden = Self.folder.deletingLastPathComponent().path
        return text.replacingOccurrences(of: Self.folder.path + "/", with: "")
            .replacingOccurrences(of: golden + "/", with: "../")
    }

}

@Suite("Golden diagnostics")
struct DiagnosticsGoldenTests {
    @Test("rendered diagnostics match the .expected file", arguments: GoldenCase.all)
    func matchesGolden(_ golden: GoldenCase) throws {
        let actual = golden.rendered(golden.run())
        // A path outside the corpus folder in the output would make the golden machine-specific.
        let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().path
        #expect(!actual.contains(root), "the output holds an absolute path:\n\(actual)")

        Golden.check(actual, againstFileAt: golden.expectedPath, shownAs: "\(golden.name).expected",
                     source: "\(golden.name).goal", filter: "Golden")
    }

    @Test("the corpus has at least 80 cases, each with an .expected file, and no stray .expected file")
    func corpusIsComplete() throws {
        let cases = GoldenCase.all
        #expect(cases.count >= GoldenCase.minimumCount, "the corpus has \(cases.count) cases; it needs at least \(GoldenCase.minimumCount)")
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: GoldenCase.folder.path))
        if !GoldenCase.updating {
            let missing = cases.filter { !files.contains($0.name + ".expected") }.map(\.name)
            #expect(missing.isEmpty, "cases without an .expected file: \(missing.joined(separator: ", "))")
        }
        let names = Set(cases.map(\.name))
        let stray = files.filter { $0.hasSuffix(".expected") && !names.contains(String($0.dropLast(9))) }.sorted()
        #expect(stray.isEmpty, ".expected files without a .goal case (renamed or pending?): \(stray.joined(separator: ", "))")
        let badNames = cases.map(\.name).filter { $0.wholeMatch(of: /[0-9]{3}-[a-z0-9]+(-[a-z0-9]+)*/) == nil }
        #expect(badNames.isEmpty, "case names must look like NNN-short-name: \(badNames.joined(separator: ", "))")
    }

    @Test("every case produces at least one diagnostic")
    func everyCaseReportsSomething() {
        // A broken spec that renders nothing is a bug: the mistake went unnoticed.
        let silent = GoldenCase.all.filter { $0.run().diagnostics.isEmpty }.map(\.name)
        #expect(silent.isEmpty, "cases with no diagnostic: \(silent.joined(separator: ", "))")
    }
}
