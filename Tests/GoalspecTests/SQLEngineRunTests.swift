import Foundation
import Testing
@testable import Goalspec

/// `goalspec check` on DuckDB database files, through the `duckdb` client: the bundled MSB 2026
/// spec and the hostile corpus give the JSON result and text report of their CSV files.
@Suite("check on DuckDB files", .enabled(if: DuckDBLoader.client != nil, "the duckdb client is not installed (pip install duckdb-cli; .ci/run installs it)"))
struct SQLDuckDBFileTests {
    /// A database file holding the MSB 2026 tables and the hostile table.
    static func database() throws -> (TempDir, String) {
        let dir = try TempDir()
        let file = dir.path("msb.duckdb")
        try DuckDBLoader.load(SQLEngineCase.msbData("employment"), time: "quarter", into: "employment", file: file)
        try DuckDBLoader.load(SQLEngineCase.msbData("social"), time: "quarter", into: "social", file: file)
        try DuckDBLoader.load(SQLEngineCase.hostileData, time: "kvartal", into: "'; DROP TABLE x; --\"", file: file)
        return (dir, file)
    }

    @Test("the MSB 2026 spec gives the same JSON result and report on a DuckDB file as on its CSV files")
    func msb2026() throws {
        let (dir, file) = try Self.database()
        let c = SQLEngineCase.compare(SQLEngineCase.msbSpec, tables: [
            "employment": "duckdb:\(file)?table=employment", "social": "duckdb:\(file)?table=main.social",
        ])
        #expect(c.targets > 0)
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        _ = dir
    }

    @Test("hostile column names, values and table names round-trip on DuckDB")
    func hostile() throws {
        let (dir, file) = try Self.database()
        let table = "'; DROP TABLE x; --\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let c = SQLEngineCase.compare(SQLEngineCase.hostileSpec, tables: ["fjendtlig": "duckdb:\(file)?table=\(table)"])
        #expect(c.targets > 0)
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        _ = dir
    }

    @Test("a spec's data from table \"T\" in CONNECTION reads the table on the connection given")
    func connectionInSpec() throws {
        let (dir, file) = try Self.database()
        let spec = try String(contentsOfFile: SQLEngineCase.msbSpec, encoding: .utf8)
            .replacingOccurrences(of: "from \"data/employment.csv\"", with: "from table \"employment\" in warehouse")
            .replacingOccurrences(of: "from \"data/social.csv\"", with: "from table \"main.social\" in warehouse")
        try dir.write("msb.goal", spec)
        let files = Runner.run(files: [SQLEngineCase.msbSpec])
        let tables = Runner.run(files: [dir.path("msb.goal")], options: { var o = Runner.Options(); o.connections = ["Warehouse": "duckdb:\(file)"]; return o }())
        #expect(tables.diagnostics.isEmpty, "\(renderedDiagnostics(tables))")
        let a = SQLEngineCase.rendered(files).json
        let b = SQLEngineCase.rendered(tables).json.replacingOccurrences(of: dir.path("msb.goal"), with: SQLEngineCase.msbSpec)
        #expect(a == b, "\(goldenDiff(expected: a, actual: b))")
        // Without the connection: GS0509 at the connection's name, and the spec is not evaluated.
        let missing = Runner.run(files: [dir.path("msb.goal")])
        #expect(missing.diagnostics.map(\.code.rawValue) == ["GS0509", "GS0509"], "\(renderedDiagnostics(missing))")
        #expect(renderedDiagnostics(missing).contains("--connection warehouse="))
        #expect(missing.exitStatus == 2)
    }

    @Test("goalspec check --connection and --data with duckdb: URIs, through the command line")
    func commandLine() throws {
        let (dir, file) = try Self.database()
        try dir.write("jobs.goal", """
            data employment from table "employment" in warehouse
              entity city
              time quarter
              weight persons
            target job "Andelen i job over 80%"
              data employment
              for city = "Aarhus"
              share(job) >= 80%
            """)
        let viaConnection = runCLI(["check", dir.path("jobs.goal"), "--connection", "warehouse=duckdb:\(file)"])
        #expect(viaConnection.status == 0, "\(viaConnection.output.stderr)")
        #expect(viaConnection.output.stdout.contains("share(job) = 86.2% (198260 of 230000 persons, 2 rows, 2024K3)"))
        let viaData = runCLI(["check", SQLEngineCase.msbSpec, "--data", "employment=duckdb:\(file)?table=employment",
                              "--data", "social=duckdb:\(file)?table=social"])
        let files = runCLI(["check", SQLEngineCase.msbSpec])
        #expect(viaData.status == files.status && viaData.output.stdout == files.output.stdout, "\(viaData.output.stderr)")
        let sql = runCLI(["sql", dir.path("jobs.goal"), "--dialect", "postgresql", "--connection", "warehouse=duckdb:\(file)"])
        #expect(sql.status == 0 && sql.output.stdout.contains("FROM \"employment\""), "\(sql.output.stdout)\(sql.output.stderr)")
        for bad in [["--connection", "warehouse"], ["--connection", "warehouse=data.csv"],
                    ["--connection", "w=duckdb:x", "--connection", "W=duckdb:y"], ["--connection", "warehuose=duckdb:\(file)"]] {
            let run = runCLI(["check", dir.path("jobs.goal")] + bad)
            #expect(run.status == 64 && run.output.stderr.hasPrefix("goalspec: "), "\(bad): \(run.output.stderr)")
        }
    }

    @Test("the checker's errors come from the DuckDB table's columns and values, as from the file")
    func checkerErrors() throws {
        let (dir, file) = try Self.database()
        try dir.write("spec.goal", """
            data social from "social.csv"
              time quarter
            target wrong_column
              data social
              share(reched) >= 70%
            target wrong_value
              data social
              for age_group = "adlt"
              share(reached) >= 70%
            target wrong_period
              data social
              at 2024M07
              share(reached) >= 70%
            """)
        let spec = dir.path("spec.goal")
        let fileRun = Runner.run(files: [spec], options: Runner.Options(dataOverrides: ["social": SQLEngineCase.msbData("social")]))
        let tableRun = Runner.run(files: [spec], options: Runner.Options(dataOverrides: ["social": "duckdb:\(file)?table=social"]))
        let codes = { (run: Runner.Run) in run.diagnostics.map { "\($0.code) \($0.sourceRange?.lowerBound ?? -1)" } }
        #expect(!fileRun.diagnostics.isEmpty)
        #expect(codes(tableRun) == codes(fileRun), "file:\n\(renderedDiagnostics(fileRun))\ntable:\n\(renderedDiagnostics(tableRun))")
    }

    @Test("a missing database file, a missing table and a floating-point column are located errors", arguments: [
        ("duckdb:/nonexistent/goalspec.duckdb?table=social", "data file not found: /nonexistent/goalspec.duckdb"),
        ("duckdb:FILE?table=nosuch", "nosuch"),
        ("duckdb:FILE?table=floats", "cannot read exactly"),
        ("duckdb:FILE", "names no table"),
    ])
    func errors(_ uri: String, _ message: String) throws {
        let (dir, file) = try Self.database()
        try DuckDBLoader.execute(file, "CREATE TABLE floats AS SELECT 'x' AS quarter, 1.5::DOUBLE AS reached")
        let run = Runner.run(files: [SQLEngineCase.msbSpec], options: Runner.Options(dataOverrides: [
            "social": uri.replacingOccurrences(of: "FILE", with: file)]))
        #expect(run.exitStatus == 2)
        #expect(renderedDiagnostics(run).contains(message), "\(renderedDiagnostics(run))")
        _ = dir
    }
}

/// `goalspec check` on Spark tables in local mode, one session for the suite (``SparkTestSession``).
@Suite("check on Spark tables", .serialized, .enabled(if: SparkTestSession.availability.0, "\(SparkTestSession.availability.1)"))
struct SQLSparkTests {
    @Test("the MSB 2026 spec gives the same JSON result and report on Spark tables as on its CSV files")
    func msb2026() throws {
        if let failure = SparkTestSession.loadFailure { Issue.record("loading the Spark tables failed: \(failure)"); return }
        let c = SQLEngineCase.compare(SQLEngineCase.msbSpec, tables: [
            "employment": SparkTestSession.uri("msb.employment"), "social": SparkTestSession.uri("msb.social"),
        ])
        #expect(c.targets > 0)
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
    }

    @Test("hostile column names and values round-trip on Spark")
    func hostile() throws {
        if let failure = SparkTestSession.loadFailure { Issue.record("loading the Spark tables failed: \(failure)"); return }
        let c = SQLEngineCase.compare(SQLEngineCase.hostileSpec, tables: ["fjendtlig": SparkTestSession.uri("msb.fjendtlig")])
        #expect(c.targets > 0)
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
    }

    @Test("a missing Spark table is a located error")
    func missingTable() throws {
        if let failure = SparkTestSession.loadFailure { Issue.record("loading the Spark tables failed: \(failure)"); return }
        let run = Runner.run(files: [SQLEngineCase.msbSpec], options: Runner.Options(dataOverrides: ["social": SparkTestSession.uri("msb.nosuch")]))
        #expect(run.exitStatus == 2)
        #expect(renderedDiagnostics(run).contains("GS0501"), "\(renderedDiagnostics(run))")
    }
}

/// The PySpark driver's protocol, without Spark.
struct SparkDriverTests {
    @Test("without PySpark the driver answers one error line naming it, and nothing else on its output")
    func missingPySpark() throws {
        let python = try #require(ClientProgram.find("python3", override: "GOALSPEC_PYTHON"))
        // -S leaves site-packages out, so `import pyspark` fails as on a machine without it.
        let output = try ClientProgram.run(python, ["-S", "-u", "-c", SparkDriverScript.source, "{}"],
                                           environment: ProcessInfo.processInfo.environment).get()
        #expect(output.status == 0)
        let lines = String(decoding: output.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 1)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(answer["missing"] as? String == "pyspark")
        #expect((answer["error"] as? String)?.contains("PySpark cannot be imported") == true)
    }
}

/// The table URIs, without an engine.
struct SQLTableLocationTests {
    @Test("duckdb: and spark: URIs: file, table, master, warehouse, settings; secrets never shown")
    func parsing() throws {
        guard case .duckdb(let d) = try SQLTableLocation.parse("duckdb:data/msb%3F.duckdb?table=main.employment", resolvingPath: { "/specs/" + $0 }).get() else {
            Issue.record("not duckdb"); return
        }
        #expect(d.file == "/specs/data/msb?.duckdb" && d.table.parts == ["main", "employment"])
        guard case .spark(let s) = try SQLTableLocation.parse("spark:?master=local[2]&warehouse=wh&spark.hadoop.fs.s3a.secret.key=abc&table=db.t",
                                                              resolvingPath: { "/x/" + $0 }).get() else {
            Issue.record("not spark"); return
        }
        #expect(s.master == "local[2]" && s.warehouse == "/x/wh" && s.table.parts == ["db", "t"])
        #expect(!s.display.contains("abc") && s.display.contains("secret.key=***"))
        guard case .spark(let cluster) = try SQLTableLocation.parse("spark://head:7077?table=t").get() else { Issue.record("not spark"); return }
        #expect(cluster.master == "spark://head:7077")
        let table = SQLTableName(parts: ["s", "t"])
        guard case .postgresql(let p) = try SQLTableLocation.parse("postgresql://ana:pw@h/db", table: table).get() else { Issue.record("not pg"); return }
        #expect(p.table == table && !p.display.contains("pw"))
        #expect(SQLTableLocation.redacted("spark:?spark.x.password=pw&colour=red") == "spark:?spark.x.password=***&colour=red")
        for bad in ["duckdb:x.duckdb", "duckdb:?table=t", "duckdb:x.duckdb?tabel=t", "spark:?table=", "spark:local?table=t", "spark:?colour=red&table=t"] {
            #expect(throws: DataError.self, "\(bad)") { try SQLTableLocation.parse(bad).get() }
        }
    }

    @Test("the table type names of the three engines", arguments: [
        ("BOOLEAN", ColumnType.bool), ("boolean", .bool), ("BIGINT", .integer), ("int", .integer), ("HUGEINT", .integer),
        ("DECIMAL(18,3)", .decimal), ("decimal(38,0)", .decimal), ("numeric", .decimal), ("VARCHAR", .text),
        ("string", .text), ("character varying", .text), ("varchar(10)", .text),
    ])
    func types(_ sqlType: String, _ type: ColumnType) {
        #expect(SQLTableSource.columnType(sqlType) == type)
    }

    @Test("floating-point, date and other types are not read", arguments: ["DOUBLE", "double precision", "real", "float", "date", "timestamp", "interval", "blob"])
    func inexactTypes(_ sqlType: String) {
        #expect(SQLTableSource.columnType(sqlType) == nil)
    }
}
