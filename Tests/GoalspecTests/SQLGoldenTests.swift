import Foundation
import Testing
@testable import Goalspec

/// The golden SQL corpus: for every bundled spec (`Specs/*.goal`) and every spec in
/// `Golden/sql/*.goal`, what `goalspec sql SPEC --dialect D` prints, in
/// `Golden/sql/expected/NAME.D.sql` (bundled specs as `specs-NAME.D.sql`).
///
/// `GOALSPEC_UPDATE_GOLDEN=1 swift test --filter SQLGolden` records the files whose content
/// changed; read the diff (`git diff -- Tests/GoalspecTests/Golden/sql`) before committing.
struct SQLGoldenCase: Sendable, Hashable, CustomTestStringConvertible {
    static let folder = testsDirectory.appendingPathComponent("Golden").appendingPathComponent("sql")
    static let specsFolder = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Specs")

    static func goalFiles(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".goal") }.sorted()
    }

    static let specs: [(name: String, path: String)] =
        goalFiles(in: specsFolder).map { ("specs-" + $0.dropLast(5), specsFolder.appendingPathComponent($0).path) }
        + goalFiles(in: folder).map { (String($0.dropLast(5)), folder.appendingPathComponent($0).path) }

    static let all: [SQLGoldenCase] = specs.flatMap { spec in
        SQLDialectKind.allCases.map { SQLGoldenCase(name: spec.name, path: spec.path, dialect: $0) }
    }

    let name: String
    let path: String
    let dialect: SQLDialectKind

    var testDescription: String { "\(name) (\(dialect.rawValue))" }
    var expectedPath: String { Self.folder.appendingPathComponent("expected").appendingPathComponent("\(name).\(dialect.rawValue).sql").path }

    /// The checked spec, or nil with the rendered diagnostics.
    static func checked(_ path: String) -> (CheckedSpec?, String) {
        let run = Runner.run(files: [path], options: Runner.Options(checkOnly: true))
        return (run.hasErrors ? nil : run.specs.first?.checked, renderedDiagnostics(run))
    }

    func render() -> String? {
        guard let spec = Self.checked(path).0 else { return nil }
        return SQLPushdown.compile(spec, dialect: dialect.dialect).map(\.text).joined(separator: "\n")
    }
}

@Suite("SQL golden files")
struct SQLGoldenTests {
    @Test("the corpus holds the bundled specs and the SQL cases")
    func corpus() {
        #expect(SQLGoldenCase.specs.count >= 8)
        #expect(SQLGoldenCase.specs.contains { $0.name == "specs-aarhus-msb-2026" })
        #expect(SQLGoldenCase.specs.contains { $0.name == "hostile" })
    }

    @Test("each spec compiles to the recorded SQL", arguments: SQLGoldenCase.all)
    func golden(_ c: SQLGoldenCase) throws {
        let (spec, diagnostics) = SQLGoldenCase.checked(c.path)
        guard spec != nil else {
            Issue.record("\(c.path) does not check:\n\(diagnostics)")
            return
        }
        let actual = try #require(c.render())
        try FileManager.default.createDirectory(atPath: (c.expectedPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        Golden.check(actual, againstFileAt: c.expectedPath, shownAs: "Golden/sql/expected/\(c.name).\(c.dialect.rawValue).sql",
                     source: c.path, filter: "SQLGolden")
    }
}
