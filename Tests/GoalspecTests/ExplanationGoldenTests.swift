import Foundation
import Testing
@testable import Goalspec

/// One case of the golden explanations corpus: a folder `Golden/explanations/NAME/` holding
/// `spec.goal`, the small data files it reads (and any files it imports), and `expected.txt`,
/// exactly what `ResultTextRenderer(style: TextStyle(colored: false)).render(run)` prints for
/// `Runner.run(files: [spec.goal])`: the verdicts, explanations and summary line, as
/// `goalspec check spec.goal --color never` writes them to stdout inside the case folder; and
/// `expected.da.txt`, the same in Danish (`--lang da`).
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

    /// The recorded output in a language: `expected.txt` (English), `expected.da.txt`.
    func expectedPath(_ language: ReportLanguage) -> String {
        language == .english ? expectedPath : caseFolder + "/expected.\(language.rawValue).txt"
    }

    func run() -> Runner.Run {
        Runner.run(files: [specPath])
    }

    /// The rendered results without colour, with the case folder's absolute prefix removed.
    func rendered(_ run: Runner.Run, _ language: ReportLanguage = .english) -> String {
        ResultTextRenderer(style: TextStyle(colored: false), language: language).render(run)
            .replacingOccurrences(of: caseFolder + "/", with: "")
    }

}

@Suite("Golden explanations")
struct ExplanationGoldenTests {
    @Test("rendered verdicts and explanations match expected.txt (English) and expected.da.txt (Danish)",
          arguments: ExplanationCase.all, ReportLanguage.allCases)
    func matchesGolden(_ golden: ExplanationCase, _ language: ReportLanguage) throws {
        let run = golden.run()
        #expect(run.diagnostics.isEmpty && run.omittedDiagnostics == 0,
                "a golden explanation case must run without diagnostics:\n\(DiagnosticRenderer(sources: run.sources).render(run.diagnostics, omitted: run.omittedDiagnostics))")
        let actual = golden.rendered(run, language)
        #expect(!actual.contains(repositoryRootPath), "the output holds an absolute path:\n\(actual)")

        let file = (golden.expectedPath(language) as NSString).lastPathComponent
        Golden.check(actual, againstFileAt: golden.expectedPath(language), shownAs: "\(golden.name)/\(file)",
                     source: "\(golden.name)/spec.goal", filter: "Explanation")
    }

    /// Kinds no spec can reach through the public front end (the checker rejects the spec first),
    /// each with why; every other kind of reason and of advice has a golden case in both languages.
    static let unreachable: [String: String] = [
        "dataNotRead": "a dataset that cannot be read is a diagnostic and the spec is not evaluated",
        "conditionDidNotCheck": "a condition with a checker error stops the run before evaluation",
        "unsupportedOperator": "the checker accepts only the operators the evaluator implements",
        "yearOutOfRange": "periods are read as years 0–9999, whose years are all in range",
        "needsPeriods": "the checker rejects time forms on data without a time column (GS0410)",
        "several": "a composite; its parts are covered one by one",
        "noRowsForYear": "a yearly trend checks each year's coverage first, which reports a year without rows",
        "noRowsForMembers": "pooled checks each member first, which reports the member without rows",
        "groupHasNoMembers": "an empty group is warning GS0315, and golden cases run without diagnostics",
        "cannotBeMetWithTheseRows": "with a share of at most 100 % the rounded-up shortfall never exceeds the rows left",
    ]

    @Test("every kind of reason and of what it takes occurs in the golden corpus")
    func everyKindIsCovered() {
        var seen = Set<String>()
        func visit(_ e: Explanation) {
            for r in e.reason?.flattened ?? [] {
                seen.insert(r.code)
                if case .atRisk(_, _, _, let also?) = r { also.flattened.forEach { seen.insert($0.code) } }
                if case .undecidedSide(_, let because, _) = r { because.flattened.forEach { seen.insert($0.code) } }
            }
            for c in e.checks {
                if let a = c.whatItTakes {
                    seen.insert(a.code)
                    if case .trend(let t) = a, let then = t.then { seen.insert(then.code) }
                }
            }
        }
        func visit(_ item: ItemResult) {
            switch item {
            case .goal(let g): g.children.forEach(visit)
            case .target(let t):
                visit(t.explanation)
                t.parts.forEach { visit($0.explanation) }
            }
        }
        for golden in ExplanationCase.all {
            for spec in golden.run().specs { spec.items.forEach(visit) }
        }
        let all = Reason.Kind.allCases.map(\.rawValue) + Advice.Kind.allCases.map(\.rawValue)
        let missing = all.filter { !seen.contains($0) && Self.unreachable[$0] == nil }
        #expect(missing.isEmpty, "kinds without a golden explanation case: \(missing.joined(separator: ", "))")
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
