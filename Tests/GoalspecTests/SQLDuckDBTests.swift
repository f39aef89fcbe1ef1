import Foundation
import Testing
@testable import Goalspec

/// Runs the DuckDB queries of the golden corpus on DuckDB (through `Golden/sql/run-duckdb.py`,
/// when `python3` can import `duckdb`; skipped otherwise), with each dataset's file loaded into a
/// typed table; then rebuilds the aggregates from the rows returned and evaluates the spec again.
/// Every query must run, and where every measure of a spec is pushed down, the verdicts and
/// explanations must be those of the in-process engine, character for character.
enum DuckDBRunner {
    static let script = testsDirectory.appendingPathComponent("Golden/sql/run-duckdb.py").path

    static let available: Bool = {
        guard let (status, _) = try? python(["-c", "import duckdb"], input: Data()) else { return false }
        return status == 0
    }()

    static func python(_ arguments: [String], input: Data) throws -> (Int32, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = Thread { stdin.fileHandleForWriting.write(input); try? stdin.fileHandleForWriting.close() }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    struct Result {
        var columns: [String]
        var rows: [[String?]]
    }

    /// Runs `queries` against `tables`; one result (or error text) per query.
    static func run(tables: [[String: Any]], queries: [String]) throws -> [Swift.Result<Result, QueryError>] {
        let job = try JSONSerialization.data(withJSONObject: ["tables": tables, "queries": queries])
        let (status, output) = try python([script], input: job)
        guard status == 0, let json = try JSONSerialization.jsonObject(with: output) as? [String: Any],
              let results = json["results"] as? [[String: Any]] else {
            throw QueryError(message: "run-duckdb.py failed (status \(status)): \(String(decoding: output, as: UTF8.self))")
        }
        return results.map { r in
            if let e = r["error"] as? String { return .failure(QueryError(message: e)) }
            let columns = r["columns"] as? [String] ?? []
            let rows = (r["rows"] as? [[Any]] ?? []).map { $0.map { $0 as? String } }
            return .success(Result(columns: columns, rows: rows))
        }
    }

    struct QueryError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// A dataset's file as a typed table: Bool → BOOLEAN, integer → BIGINT, decimal and percent
    /// → DECIMAL(18, s) with s the most decimals in the column, text and period → VARCHAR (an
    /// empty field stays '', which the queries must read as missing); numbers empty → NULL.
    static func table(_ binding: DatasetBinding, name: String) throws -> [String: Any] {
        var sink = TypedRows(binding: binding)
        try TableReader.scan(binding.schema, columns: Array(binding.schema.columns.indices), into: &sink)
        let columns: [[String: String]] = binding.schema.columns.enumerated().map { i, c in
            ["name": c.name, "type": sink.sqlType(i)]
        }
        return ["name": name, "columns": columns, "rows": sink.rows.map { $0.map { $0 as Any? ?? NSNull() } }]
    }

    struct TypedRows: RowSink {
        let binding: DatasetBinding
        var rows: [[String?]] = []
        var scales: [Int: Int] = [:]

        func kind(_ i: Int) -> ColumnType {
            i == binding.time ? .period : binding.schema.columns[i].type
        }

        func sqlType(_ i: Int) -> String {
            switch kind(i) {
            case .bool: "BOOLEAN"
            case .integer: "BIGINT"
            case .decimal, .percent: "DECIMAL(18, \(max(0, scales[i] ?? 0)))"
            case .text, .period: "VARCHAR"
            }
        }

        mutating func consume(_ row: borrowing RawRow) throws(DataError) {
            var out: [String?] = []
            for i in binding.schema.columns.indices {
                let field = row.field(i)
                let format = binding.schema.columns[i].numberFormat
                switch kind(i) {
                case .text, .period:
                    out.append(String(decoding: field, as: UTF8.self))
                case _ where FieldDecoding.trimmed(field).0 == FieldDecoding.trimmed(field).1:
                    out.append(nil)
                case .bool:
                    out.append(FieldDecoding.bool(field).map { $0 ? "true" : "false" })
                case .integer, .decimal, .percent:
                    let d = kind(i) == .percent ? FieldDecoding.percent(field, format: format) : FieldDecoding.decimal(field, format: format)
                    if let d { scales[i] = max(scales[i] ?? 0, Int(d.normalized.scale)) }
                    out.append(d?.description)
                }
            }
            rows.append(out)
        }
    }
}

@Suite("SQL on DuckDB", .enabled(if: DuckDBRunner.available, "python3 with duckdb is not installed"))
struct SQLDuckDBTests {
    static let specs = SQLGoldenCase.specs.map(\.path)

    @Test("every generated query runs, and fully pushed-down specs get the in-process verdicts", arguments: specs)
    func differential(_ path: String) throws {
        let run = Runner.run(files: [path])
        let spec = try #require(run.specs.first)
        let prepared = try #require(spec.prepared, "\(path) does not evaluate:\n\(renderedDiagnostics(run))")
        var decoded: [Int: DatasetResult] = [:]
        var complete = true
        for plan in EvaluationPlan(prepared.checked).datasets {
            let table = SQLTableName.default(for: plan.binding.name)
            let queries = SQLPushdown.compile(plan, table: table, dialect: DuckDBDialect())
            var statements: [String] = []
            let renderer = SQLRenderer(DuckDBDialect())
            if let a = queries.aggregate { statements.append(renderer.render(a.select)) }
            if let r = queries.rows { statements.append(renderer.render(r.select)) }
            let results = try DuckDBRunner.run(tables: [try DuckDBRunner.table(plan.binding, name: table.parts[0])], queries: statements)
            for (statement, result) in zip(statements, results) {
                if case .failure(let e) = result { Issue.record("\(path), dataset \(plan.binding.name): \(e)\n\(statement)") }
            }
            if queries.rows != nil { complete = false }
            guard queries.aggregate != nil, case .success(let rows)? = results.first else {
                complete = false
                continue
            }
            decoded[plan.dataset] = try SQLResultDecoder.decode(queries, plan: plan, columns: rows.columns, rows: rows.rows)
            // Figures, request by request and group by group.
            let inProcess = try #require(prepared.data[plan.dataset])
            let fromSQL = try #require(decoded[plan.dataset])
            #expect(fromSQL.rows == inProcess.rows, "\(path) \(plan.binding.name): rows")
            #expect(fromSQL.periods == inProcess.periods, "\(path) \(plan.binding.name): periods")
            for request in queries.aggregate.map({ $0.requests.map { plan.requests[$0] } }) ?? [] {
                let a = (inProcess.tables[request]?.groups ?? []).sorted { $0.key.lexicographicallyPrecedes($1.key) }
                let b = fromSQL.tables[request]?.groups ?? []
                #expect(a.map(\.key) == b.map(\.key), "\(path) \(plan.binding.name): groups of \(request.measure.kind.name)")
                for (x, y) in zip(a, b) {
                    let ofWeight: Bool = if case .column(let c, _)? = request.measure.argument { c == plan.binding.weight } else { false }
                    #expect(x.accumulator.rows == y.accumulator.rows && x.accumulator.hitRows == y.accumulator.hitRows
                            && x.accumulator.knownRows == y.accumulator.knownRows && x.accumulator.valueRows == y.accumulator.valueRows
                            && x.accumulator.totalWeight == y.accumulator.totalWeight
                            && x.accumulator.value(of: request.measure, ofWeightColumn: ofWeight) == y.accumulator.value(of: request.measure, ofWeightColumn: ofWeight),
                            "\(path) \(plan.binding.name) \(request.measure.kind.name) at \(x.key)")
                }
            }
        }
        guard complete else { return }
        let again = Runner.PreparedSpec(checked: prepared.checked, data: decoded, sources: prepared.sources)
        var viaSQL = run
        viaSQL.specs[0].items = again.evaluate()
        let style = TextStyle(colored: false)
        #expect(ResultTextRenderer(style: style).render(viaSQL) == ResultTextRenderer(style: style).render(run))
    }
}
