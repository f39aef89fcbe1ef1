/// A dataset's table on an SQL engine, written as a URI in place of a file path:
/// `postgresql://…?table=T` (``PostgreSQLLocation``), `duckdb:PATH?table=T`
/// (``DuckDBLocation``) or `spark:?table=T` / `spark://HOST:PORT?table=T` (``SparkLocation``).
public enum SQLTableLocation: Sendable, Hashable {
    case postgresql(PostgreSQLLocation)
    case duckdb(DuckDBLocation)
    case spark(SparkLocation)

    /// Whether a data path or connection names an engine rather than a file.
    public static func isLocation(_ path: String) -> Bool {
        PostgreSQLLocation.isLocation(path) || path.hasPrefix("duckdb:") || path.hasPrefix("spark:")
    }

    /// Parses a location. `table`, when given, is the table (a spec's `from table "T" in
    /// CONNECTION`, whose connection URI names none); `resolvingPath` turns a relative file or
    /// folder (a DuckDB file, a Spark warehouse) into the path to open, so that every path of a
    /// run is resolved in one place.
    public static func parse(_ uri: String, table: SQLTableName? = nil,
                             resolvingPath: (String) -> String = { $0 }) -> Result<SQLTableLocation, DataError> {
        if PostgreSQLLocation.isLocation(uri) {
            return PostgreSQLLocation.parse(uri, table: table).map { .postgresql($0) }
        }
        if uri.hasPrefix("spark:") {
            return SparkLocation.parse(uri, table: table, resolvingPath: resolvingPath).map { .spark($0) }
        }
        guard uri.hasPrefix("duckdb:") else {
            return .failure(DataError(kind: .unsupportedFormat("not a table URI"), path: uri, message: "'\(uri)' names no SQL engine",
                                      hint: "a table is postgresql://…?table=T, duckdb:PATH?table=T or spark:?table=T"))
        }
        var rest = Substring(uri.dropFirst("duckdb:".count))
        var written: String?
        if let q = rest.firstIndex(of: "?") {
            for item in rest[rest.index(after: q)...].split(separator: "&") {
                if item.hasPrefix("table=") {
                    written = String(item.dropFirst("table=".count))
                } else {
                    return .failure(DataError(kind: .unsupportedFormat("parameter"), path: uri,
                                              message: "unknown parameter '\(item)' in a duckdb: URI (only table=…)",
                                              hint: "write duckdb:PATH.duckdb?table=SCHEMA.TABLE"))
                }
            }
            rest = rest[..<q]
        }
        let file = String(rest).removingPercentEncoding ?? String(rest)
        guard !file.isEmpty else {
            return .failure(DataError(kind: .unsupportedFormat("no file"), path: uri, message: "the duckdb: URI names no database file",
                                      hint: "write duckdb:PATH.duckdb?table=SCHEMA.TABLE"))
        }
        let name = table ?? written.flatMap { $0.removingPercentEncoding.flatMap(SQLTableName.init(parsing:)) }
        guard let name else {
            return .failure(DataError(kind: .unsupportedFormat("no table"), path: uri,
                                      message: written == nil ? "the URI names no table: add ?table=SCHEMA.TABLE"
                                                              : "'table=\(written ?? "")' is not a table name (SCHEMA.TABLE or TABLE)",
                                      hint: "write duckdb:PATH.duckdb?table=SCHEMA.TABLE"))
        }
        return .success(.duckdb(DuckDBLocation(file: resolvingPath(file), table: name)))
    }

    /// Any location text with its secrets removed, for messages about it.
    public static func redacted(_ uri: String) -> String {
        if PostgreSQLLocation.isLocation(uri) { return PostgreSQLLocation.redacted(uri) }
        if case .success(let l) = parse(uri) { return l.display }
        return uri.hasPrefix("spark:") ? SparkLocation.redacted(uri) : uri
    }

    public var table: SQLTableName {
        switch self {
        case .postgresql(let l): l.table
        case .duckdb(let l): l.table
        case .spark(let l): l.table
        }
    }

    /// The location as diagnostics and reports show it: never a password.
    public var display: String {
        switch self {
        case .postgresql(let l): l.display
        case .duckdb(let l): l.display
        case .spark(let l): l.display
        }
    }

    public var dialect: any SQLDialect {
        switch self {
        case .postgresql: PostgreSQLDialect()
        case .duckdb: DuckDBDialect()
        case .spark: SparkDialect()
        }
    }

    /// The engine's name in messages.
    public var engine: String {
        switch self {
        case .postgresql: "PostgreSQL"
        case .duckdb: "DuckDB"
        case .spark: "Spark"
        }
    }

    /// The client that runs queries there.
    public var client: any SQLClient {
        switch self {
        case .postgresql(let l): PostgreSQLClient(l)
        case .duckdb(let l): DuckDBClient(l)
        case .spark(let l): SparkClient(l)
        }
    }
}
