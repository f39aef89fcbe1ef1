import Foundation

/// Where a PostgreSQL table lives: a libpq connection URI with a `table` parameter added,
/// `postgresql://USER@HOST:PORT/DB?table=schema.table` or, for a Unix socket,
/// `postgresql:///DB?host=/tmp/sock&table=t`.
///
/// Credentials never leave this value except toward `psql`: ``display`` (what diagnostics and
/// reports show) has the password and any `password` parameter removed, and the password is
/// handed to `psql` through its environment (`PGPASSWORD`), not its command line. Without one,
/// libpq takes credentials from the environment (`PGPASSWORD`, `PGUSER`, …) or `~/.pgpass`.
public struct PostgreSQLLocation: Sendable, Hashable {
    /// The URI `psql -d` connects with: without the `table` parameter and the password.
    public var connection: String
    /// The password written in the URI, if any (percent-decoded).
    var password: String?
    public var table: SQLTableName
    /// The URI as shown to people: no password.
    public var display: String

    /// Whether a data path names a PostgreSQL table rather than a file.
    public static func isLocation(_ path: String) -> Bool {
        path.hasPrefix("postgresql://") || path.hasPrefix("postgres://")
    }

    /// Parses a location; the error says what is wrong with it (without the password). A `table`
    /// given (a spec's `data NAME from table "T" in CONNECTION`) takes the place of the URI's.
    public static func parse(_ uri: String, table given: SQLTableName? = nil) -> Result<PostgreSQLLocation, DataError> {
        func fail(_ message: String) -> Result<PostgreSQLLocation, DataError> {
            .failure(DataError(kind: .unsupportedFormat(message), path: strippingPasswords(uri), message: message,
                               hint: "write postgresql://USER@HOST:PORT/DB?table=SCHEMA.TABLE, or postgresql:///DB?host=/SOCKET/DIR&table=TABLE"))
        }
        guard let scheme = uri.range(of: "://") else { return fail("not a postgresql:// URI") }
        let prefix = String(uri[..<scheme.upperBound])
        var rest = String(uri[scheme.upperBound...])
        var query: [String] = []
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true).map(String.init)
            rest = String(rest[..<q])
        }
        // userinfo: USER[:PASSWORD]@ before the host part.
        var password: String?
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        let path = String(rest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") {
            var user = String(authority[..<at])
            if let colon = user.firstIndex(of: ":") {
                password = String(user[user.index(after: colon)...]).removingPercentEncoding ?? String(user[user.index(after: colon)...])
                user = String(user[..<colon])
            }
            authority = user + "@" + authority[authority.index(after: at)...]
        }
        var table: SQLTableName?
        var kept: [String] = []
        for item in query {
            let key = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? item
            let value = item.firstIndex(of: "=").map { String(item[item.index(after: $0)...]) } ?? ""
            switch key {
            case "table":
                guard let name = value.removingPercentEncoding.flatMap(SQLTableName.init(parsing:)) else {
                    return fail("'table=\(value)' is not a table name (SCHEMA.TABLE or TABLE)")
                }
                table = name
            case "password":
                password = value.removingPercentEncoding ?? value
            default:
                kept.append(item)
            }
        }
        guard let table = given ?? table else { return fail("the URI names no table: add ?table=SCHEMA.TABLE") }
        let base = prefix + authority + path
        let connection = base + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        let writtenTable = given.map { $0.parts.joined(separator: ".") }
            ?? query.first { $0.hasPrefix("table=") }.map { String($0.dropFirst(6)) } ?? ""
        let shownQuery = kept + ["table=" + writtenTable]
        return .success(PostgreSQLLocation(connection: connection, password: password, table: table,
                                           display: base + "?" + shownQuery.joined(separator: "&")))
    }

    /// A URI with its password and any `password` parameter removed, for messages.
    public static func redacted(_ uri: String) -> String {
        if case .success(let l) = parse(uri) { return l.display }
        return strippingPasswords(uri)
    }

    /// Any text with a `:password@` and `password=` parameters cut.
    static func strippingPasswords(_ uri: String) -> String {
        guard let scheme = uri.range(of: "://") else { return uri }
        var rest = String(uri[scheme.upperBound...])
        if let at = rest.lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest = String(rest[..<colon]) + String(rest[at...])
        }
        if let q = rest.firstIndex(of: "?") {
            let items = rest[rest.index(after: q)...].split(separator: "&").filter { !$0.hasPrefix("password=") }
            rest = String(rest[..<q]) + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
        }
        return String(uri[..<scheme.upperBound]) + rest
    }
}

/// Runs SQL on PostgreSQL through its own client, `psql` (which brings TLS, authentication,
/// `.pgpass` and every libpq setting): `psql --csv -X -q -w -v ON_ERROR_STOP=1 -d URI -c QUERY`,
/// started with Foundation's `Process`, the result read as CSV. `psql` is looked up on `PATH`
/// (or taken from the environment variable `GOALSPEC_PSQL`). Every failure — no `psql`, a
/// connection refused, a query error — is a `DataError` with psql's own message; nothing traps
/// and nothing is printed.
public struct PostgreSQLClient: SQLClient {
    public var location: PostgreSQLLocation

    public init(_ location: PostgreSQLLocation) {
        self.location = location
    }

    public typealias Result = SQLQueryResult

    /// Runs one statement and returns its rows.
    public func query(_ sql: String) throws(DataError) -> SQLQueryResult {
        try query(sql, within: ProcessWatchdog.queryLimit)
    }

    /// Runs one statement for at most `limit`.
    public func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult {
        let shown = location.display
        guard let psql = ClientProgram.find("psql", override: "GOALSPEC_PSQL") else {
            throw DataError(kind: .unreadable("psql not found"), path: shown,
                            message: "cannot read \(shown): the PostgreSQL client psql is not installed",
                            hint: "install it (Debian/Ubuntu: apt-get install postgresql-client), put it on PATH, or set GOALSPEC_PSQL to its path")
        }
        var env = ProcessInfo.processInfo.environment
        env["PGCLIENTENCODING"] = "UTF8"
        // A host that never answers would otherwise keep psql waiting for good; a
        // connect_timeout in the URI still wins.
        if env["PGCONNECT_TIMEOUT"] == nil { env["PGCONNECT_TIMEOUT"] = "10" }
        if let p = location.password { env["PGPASSWORD"] = p }
        let arguments = ["--csv", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-d", location.connection, "-c", sql]
        let output: ClientProgram.Output
        switch ClientProgram.run(psql, arguments, limit: limit, environment: env) {
        case .success(let o): output = o
        case .failure(let why):
            throw DataError(kind: .unreadable("psql did not start"), path: shown,
                            message: "cannot read \(shown): psql (\(psql)) did not start: \(why)")
        }
        if output.timedOut { throw ClientProgram.timedOut(shown, client: "psql", limit: limit) }
        guard output.status == 0 else {
            var message = output.stderr
            if let p = location.password, !p.isEmpty { message = message.replacingOccurrences(of: p, with: "***") }
            message = message.replacingOccurrences(of: "psql: error: ", with: "")
            let connecting = output.status == 2
            throw DataError(kind: .unreadable(message), path: shown,
                            message: connecting ? "cannot connect to \(shown): \(message)" : "query on \(shown) failed: \(message)",
                            hint: connecting ? "check the URI, that the server runs, and the credentials (PGPASSWORD, PGUSER or ~/.pgpass)" : nil)
        }
        return SQLClientCSV.result(output.stdout)
    }

    /// RFC 4180 CSV as `psql --csv` writes it (see ``SQLClientCSV``).
    static func parseCSV(_ data: Data) -> [[String?]] { SQLClientCSV.parse(data) }
}
