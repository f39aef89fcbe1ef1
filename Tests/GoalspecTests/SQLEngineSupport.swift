import Foundation
import Testing
@testable import Goalspec

/// What the engine tests share: the specs they run, how a data file becomes a typed table, and
/// the comparison of a table run with the file run (the full JSON result and the text report).
enum SQLEngineCase {
    static let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let msbSpec = root.appendingPathComponent("Specs/aarhus-msb-2026.goal").path
    static func msbData(_ name: String) -> String { root.appendingPathComponent("Specs/data/\(name).csv").path }
    /// Hostile column names and values (`'; DROP TABLE x; --`, quotes, backticks, backslashes, æøå).
    static let hostileSpec = testsDirectory.appendingPathComponent("Golden/sql/hostile.goal").path
    static let hostileData = testsDirectory.appendingPathComponent("Golden/sql/data/hostile.csv").path

    /// A CSV file's columns with the SQL types of a typed table: Bool → BOOLEAN, integer →
    /// BIGINT, decimal and percent → DECIMAL(18, 6), text and the time column → text.
    static func columns(_ csv: String, time: String?, dialect: any SQLDialect) throws -> [(name: String, type: String)] {
        let schema = try TableReader.inferSchema(path: csv, options: ReadOptions())
        return schema.columns.map { c in
            let type: String = switch c.type {
            case _ where c.name == time: dialect.typeName(.text)
            case .bool: "BOOLEAN"
            case .integer: dialect.typeName(.integer)
            case .decimal, .percent: dialect.typeName(.decimal(precision: 18, scale: 6))
            case .text, .period: dialect.typeName(.text)
            }
            return (c.name, type)
        }
    }

    /// The run as the JSON report renders it, and as text.
    static func rendered(_ run: Runner.Run) -> (json: String, text: String) {
        (JSONReport.render(run, exitStatus: run.exitStatus).serialized(),
         ResultTextRenderer(style: TextStyle(colored: false)).render(run))
    }

    /// `spec` run on its files and with `overrides` (tables): where the JSON result, text report
    /// and exit status differ, and how many targets there were.
    struct Comparison {
        var fileRun: Runner.Run
        var tableRun: Runner.Run
        /// The targets the file run evaluated (a comparison of nothing proves nothing).
        var targets: Int
        /// Where the two runs differ: not evaluated, JSON, text, exit status; empty when the same.
        var differences: [String]
    }

    static func compare(_ spec: String, tables overrides: [String: String], files: [String: String] = [:]) -> Comparison {
        let fileRun = Runner.run(files: [spec], options: Runner.Options(dataOverrides: files))
        let tableRun = Runner.run(files: [spec], options: Runner.Options(dataOverrides: overrides))
        var differences: [String] = []
        if fileRun.specs.first?.evaluated != true { differences.append("the file run was not evaluated:\n\(renderedDiagnostics(fileRun))") }
        if tableRun.specs.first?.evaluated != true { differences.append("the table run was not evaluated:\n\(renderedDiagnostics(tableRun))") }
        let a = rendered(fileRun), b = rendered(tableRun)
        if a.json != b.json { differences.append("JSON:\n\(goldenDiff(expected: a.json, actual: b.json))") }
        if a.text != b.text { differences.append("text:\n\(goldenDiff(expected: a.text, actual: b.text))") }
        if fileRun.exitStatus != tableRun.exitStatus { differences.append("exit status \(fileRun.exitStatus) on files, \(tableRun.exitStatus) on tables") }
        return Comparison(fileRun: fileRun, tableRun: tableRun, targets: targets(fileRun).count, differences: differences)
    }
}

/// Loads CSV files into a DuckDB database file with the `duckdb` client (`COPY … FROM`, which
/// reads the file itself: no value passes through Goalspec's quoting on the way in).
enum DuckDBLoader {
    static var client: String? { ClientProgram.find("duckdb", override: "GOALSPEC_DUCKDB") }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func execute(_ file: String, _ sql: String) throws {
        guard let duckdb = client else { throw Failure(description: "duckdb is not installed") }
        let output = try ClientProgram.run(duckdb, ["-init", "/dev/null", file, "-c", sql],
                                           environment: ProcessInfo.processInfo.environment).get()
        guard output.status == 0 else { throw Failure(description: "duckdb: \(output.stderr)\n\(sql)") }
    }

    /// Creates `table` (a name, quoted here) in `file` from the CSV file `csv`.
    static func load(_ csv: String, time: String?, into table: String, file: String) throws {
        let d = DuckDBDialect()
        let columns = try SQLEngineCase.columns(csv, time: time, dialect: d).map { d.identifier($0.name) + " " + $0.type }
        let name = d.identifier(table)
        try execute(file, "CREATE TABLE \(name) (\(columns.joined(separator: ", "))); "
                    + "COPY \(name) FROM \(d.string(csv)) (HEADER, QUOTE '\"', ESCAPE '\"')")
    }
}

/// One Spark session for the whole test run (local mode, two threads), with its warehouse and
/// metastore in a temporary folder; the tests reach it through the same ``SparkSessions`` that
/// `goalspec check` uses, so loading the tables and evaluating share one JVM.
enum SparkTestSession {
    static let warehouse = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-spark-\(UUID().uuidString.prefix(8))").path

    /// Whether PySpark and Java are there, and if not why.
    static let availability: (Bool, String) = {
        guard ClientProgram.find("java", override: "GOALSPEC_JAVA") != nil || ProcessInfo.processInfo.environment["JAVA_HOME"] != nil else {
            return (false, "Java is not installed (Spark needs Java 17): .ci/run installs it")
        }
        guard let python = ClientProgram.find("python3", override: "GOALSPEC_PYTHON"),
              let output = try? ClientProgram.run(python, ["-c", "import pyspark"], environment: ProcessInfo.processInfo.environment).get(),
              output.status == 0 else {
            return (false, "python3 cannot import pyspark (pip install pyspark): .ci/run installs it")
        }
        return (true, "")
    }()

    static func uri(_ table: String) -> String {
        "spark:?master=local[2]&warehouse=\(warehouse)&table=\(table)"
    }

    static var client: SparkClient {
        get throws {
            guard case .spark(let l) = try SQLTableLocation.parse(uri("x")).get() else { throw DuckDBLoader.Failure(description: "not spark") }
            return SparkClient(l)
        }
    }

    /// Creates `database.table` (names quoted here) from the CSV file `csv`: Spark's own CSV
    /// reader reads the file, a CREATE TABLE … AS SELECT casts each column to its type.
    static func load(_ csv: String, time: String?, into database: String, _ table: String) throws {
        let d = SparkDialect()
        let spark = try client
        let view = d.identifier("source_" + UUID().uuidString.prefix(8).lowercased())
        _ = try spark.query("CREATE DATABASE IF NOT EXISTS \(d.identifier(database))")
        _ = try spark.query("CREATE OR REPLACE TEMPORARY VIEW \(view) USING csv OPTIONS (path \(d.string(csv)), header 'true', escape '\"', multiLine 'true')")
        let casts = try SQLEngineCase.columns(csv, time: time, dialect: d).map { "CAST(\(d.identifier($0.name)) AS \($0.type)) AS \(d.identifier($0.name))" }
        _ = try spark.query("CREATE TABLE \(d.identifier(database)).\(d.identifier(table)) USING parquet AS SELECT \(casts.joined(separator: ", ")) FROM \(view)")
    }

    /// The MSB 2026 tables and the hostile table (named plainly: the Hive metastore takes
    /// only letters, digits and `_` in table names), loaded once; nil, or why loading failed.
    static let loadFailure: String? = {
        do {
            try load(SQLEngineCase.msbData("employment"), time: "quarter", into: "msb", "employment")
            try load(SQLEngineCase.msbData("social"), time: "quarter", into: "msb", "social")
            try load(SQLEngineCase.hostileData, time: "kvartal", into: "msb", "fjendtlig")
            return nil
        } catch {
            return "\(error)"
        }
    }()
}
