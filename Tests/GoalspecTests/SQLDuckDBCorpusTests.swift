import Foundation
import Testing
@testable import Goalspec

/// `goalspec check` through the `duckdb` client on the whole SQL corpus (every bundled spec and
/// the cases in `Golden/sql/`): each dataset's file, read by Goalspec's own reader, becomes a
/// typed table in a DuckDB file; with every dataset bound to its table the run gives the file
/// run's JSON result and text report, or, where a measure cannot be pushed down, a located
/// error that says so.
@Suite("check on DuckDB files, the SQL corpus", .enabled(if: DuckDBLoader.client != nil, "the duckdb client is not installed (pip install duckdb-cli; .ci/run installs it)"))
struct SQLDuckDBCorpusTests {
    static let specs = SQLGoldenCase.specs.map(\.path)

    /// Writes the dataset's rows as INSERT statements into a file that `duckdb` reads with `.read`.
    static func load(_ binding: DatasetBinding, table: String, into file: String, dir: TempDir) throws {
        let t = try DuckDBRunner.table(binding, name: table)
        let d = DuckDBDialect()
        let columns = (t["columns"] as? [[String: String]]) ?? []
        let rows = (t["rows"] as? [[Any]]) ?? []
        var sql = "CREATE TABLE \(d.identifier(table)) ("
            + columns.map { d.identifier($0["name"] ?? "") + " " + ($0["type"] ?? "") }.joined(separator: ", ") + ");\n"
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            let values = rows[chunk..<min(chunk + 500, rows.count)].map { row in
                "(" + zip(row, columns).map { value, column in
                    (value as? String).map { "CAST(\(d.string($0)) AS \(column["type"] ?? ""))" } ?? "NULL"
                }.joined(separator: ", ") + ")"
            }
            sql += "INSERT INTO \(d.identifier(table)) VALUES " + values.joined(separator: ", ") + ";\n"
        }
        let script = dir.path("load-\(table).sql")
        try dir.write("load-\(table).sql", sql)
        try DuckDBLoader.execute(file, ".read \(script)")
    }

    @Test("every spec gives its file results on DuckDB tables, or says what cannot be pushed down", arguments: specs)
    func corpus(_ path: String) throws {
        let fileRun = Runner.run(files: [path])
        let spec = try #require(fileRun.specs.first)
        let prepared = try #require(spec.prepared, "\(path) does not evaluate:\n\(renderedDiagnostics(fileRun))")
        let dir = try TempDir()
        let file = dir.path("corpus.duckdb")
        var overrides: [String: String] = [:]
        var pushedDown = true
        for (i, plan) in EvaluationPlan(prepared.checked).datasets.enumerated() {
            let table = "t\(i)"
            try Self.load(plan.binding, table: table, into: file, dir: dir)
            overrides[plan.binding.name] = "duckdb:\(file)?table=\(table)"
            if SQLPushdown.compile(plan, table: SQLTableName(parts: [table]), dialect: DuckDBDialect()).rows != nil { pushedDown = false }
        }
        let tableRun = Runner.run(files: [path], options: Runner.Options(dataOverrides: overrides))
        // A percent column reads from a table as its fraction, a decimal, so a spec that takes
        // share() of one is typed differently on a table (docs/sql.md): only its run is checked.
        let percent = prepared.checked.datasets.contains { $0.schema.columns.contains { $0.type == .percent } }
        if percent {
            // Either the same result, or errors of types only (a share() of a decimal column), and
            // where a measure cannot be pushed down, that error.
            var typeCodes: Set<DiagnosticCode> = [.argumentType, .comparisonMismatch, .unitMismatch, .percentNotPoints, .ratioOutOfRange]
            if !pushedDown { typeCodes.insert(.unsupportedFormat) }
            if tableRun.exitStatus == 2 {
                #expect(!tableRun.diagnostics.isEmpty && tableRun.diagnostics.allSatisfy { $0.severity != .error || typeCodes.contains($0.code) },
                        "\(renderedDiagnostics(tableRun))")
            } else {
                #expect(SQLEngineCase.rendered(fileRun).json == SQLEngineCase.rendered(tableRun).json)
            }
            return
        }
        if !pushedDown {
            #expect(tableRun.exitStatus == 2)
            #expect(renderedDiagnostics(tableRun).contains("cannot be pushed down yet"), "\(renderedDiagnostics(tableRun))")
            return
        }
        let a = SQLEngineCase.rendered(fileRun), b = SQLEngineCase.rendered(tableRun)
        #expect(a.json == b.json, "\(goldenDiff(expected: a.json, actual: b.json))\n\(renderedDiagnostics(tableRun))")
        #expect(a.text == b.text, "\(goldenDiff(expected: a.text, actual: b.text))")
    }
}
