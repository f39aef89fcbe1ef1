import Foundation

/// Where a DuckDB table lives: `duckdb:PATH?table=SCHEMA.TABLE` (or `?table=TABLE`, in the
/// file's default schema `main`). A relative PATH is relative to the spec file when a spec
/// names it, to the working folder on the command line (``SQLTableLocation/parse(_:table:resolvingPath:)``
/// resolves it); `%3F` in PATH stands for a `?`.
public struct DuckDBLocation: Sendable, Hashable {
    /// The database file, resolved.
    public var file: String
    public var table: SQLTableName
    /// What diagnostics and reports show: `duckdb:FILE?table=T`.
    public var display: String { "duckdb:" + file + "?table=" + table.parts.joined(separator: ".") }
}

/// Runs SQL on a DuckDB database file through DuckDB's own command-line client, `duckdb`
/// (PyPI `duckdb-cli`, or the release binary): `duckdb -init /dev/null -readonly -csv
/// -nullvalue '' FILE -c QUERY`. `-readonly` lets any number of readers share the file and
/// never changes it; `-init /dev/null` keeps a `~/.duckdbrc` out. The client is looked up on
/// `PATH` or given by `GOALSPEC_DUCKDB`.
public struct DuckDBClient: SQLClient {
    public var location: DuckDBLocation

    public init(_ location: DuckDBLocation) {
        self.location = location
    }

    public func query(_ sql: String) throws(DataError) -> SQLQueryResult {
        try query(sql, within: ProcessWatchdog.queryLimit)
    }

    /// Runs one statement for at most `limit`.
    public func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult {
        let shown = location.display
        guard let duckdb = ClientProgram.find("duckdb", override: "GOALSPEC_DUCKDB") else {
            throw DataError(kind: .unreadable("duckdb not found"), path: shown,
                            message: "cannot read \(shown): the DuckDB client duckdb is not installed",
                            hint: "install it (pip install duckdb-cli), put it on PATH, or set GOALSPEC_DUCKDB to its path")
        }
        guard FileManager.default.fileExists(atPath: location.file) else {
            throw DataError(kind: .fileNotFound, path: location.file, message: "DuckDB database not found: \(location.file)",
                            hint: "a relative path in duckdb:PATH is relative to the spec file, or on the command line to the working folder")
        }
        // A path that starts with '-' would be read as an option.
        let file = location.file.hasPrefix("-") ? "./" + location.file : location.file
        let arguments = ["-init", "/dev/null", "-readonly", "-csv", "-nullvalue", "", file, "-c", sql]
        let output: ClientProgram.Output
        switch ClientProgram.run(duckdb, arguments, limit: limit, environment: ProcessInfo.processInfo.environment) {
        case .success(let o): output = o
        case .failure(let why):
            throw DataError(kind: .unreadable("duckdb did not start"), path: shown,
                            message: "cannot read \(shown): duckdb (\(duckdb)) did not start: \(why)")
        }
        if output.timedOut { throw ClientProgram.timedOut(shown, client: "duckdb", limit: limit) }
        guard output.status == 0 else {
            let message = output.stderr.isEmpty ? "duckdb exited with status \(output.status)" : output.stderr
            throw DataError(kind: .unreadable(message), path: shown, message: "query on \(shown) failed: \(message)",
                            hint: "the file must be a DuckDB database readable by this duckdb client, holding the table")
        }
        return SQLClientCSV.result(output.stdout)
    }
}
