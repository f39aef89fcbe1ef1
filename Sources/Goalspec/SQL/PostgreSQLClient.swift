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

    /// Parses a location; the error says what is wrong with it (without the password).
    public static func parse(_ uri: String) -> Result<PostgreSQLLocation, DataError> {
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
            let value = item.contains("=") ? String(item[item.index(after: item.firstIndex(of: "=")!)...]) : ""
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
        guard let table else { return fail("the URI names no table: add ?table=SCHEMA.TABLE") }
        let base = prefix + authority + path
        let connection = base + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        let shownQuery = kept + ["table=" + (query.first { $0.hasPrefix("table=") }.map { String($0.dropFirst(6)) } ?? "")]
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
public struct PostgreSQLClient: Sendable {
    public var location: PostgreSQLLocation

    public init(_ location: PostgreSQLLocation) {
        self.location = location
    }

    /// A query's result: column names and rows, each value nil for NULL (or an empty text).
    public struct Result: Sendable {
        public var columns: [String]
        public var rows: [[String?]]
    }

    /// The `psql` executable, or nil when there is none.
    static func psqlPath() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let given = env["GOALSPEC_PSQL"], !given.isEmpty { return FileManager.default.isExecutableFile(atPath: given) ? given : nil }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/psql"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs one statement and returns its rows.
    public func query(_ sql: String) throws(DataError) -> Result {
        let shown = location.display
        guard let psql = Self.psqlPath() else {
            throw DataError(kind: .unreadable("psql not found"), path: shown,
                            message: "cannot read \(shown): the PostgreSQL client psql is not installed",
                            hint: "install it (Debian/Ubuntu: apt-get install postgresql-client), put it on PATH, or set GOALSPEC_PSQL to its path")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = ["--csv", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-d", location.connection, "-c", sql]
        var env = ProcessInfo.processInfo.environment
        env["PGCLIENTENCODING"] = "UTF8"
        if let p = location.password { env["PGPASSWORD"] = p }
        process.environment = env
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw DataError(kind: .unreadable("psql did not start"), path: shown,
                            message: "cannot read \(shown): psql (\(psql)) did not start: \(error.localizedDescription)")
        }
        let errorBox = OutputBox()
        let reader = Thread { errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorBox.done { usleep(1000) }
        guard process.terminationStatus == 0 else {
            var message = String(decoding: errorBox.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if let p = location.password, !p.isEmpty { message = message.replacingOccurrences(of: p, with: "***") }
            message = message.replacingOccurrences(of: "psql: error: ", with: "")
            let connecting = process.terminationStatus == 2
            throw DataError(kind: .unreadable(message), path: shown,
                            message: connecting ? "cannot connect to \(shown): \(message)" : "query on \(shown) failed: \(message)",
                            hint: connecting ? "check the URI, that the server runs, and the credentials (PGPASSWORD, PGUSER or ~/.pgpass)" : nil)
        }
        let records = Self.parseCSV(output)
        guard let header = records.first else { return Result(columns: [], rows: []) }
        return Result(columns: header.map { $0 ?? "" }, rows: Array(records.dropFirst()))
    }

    /// Filled by the thread reading psql's standard error.
    final class OutputBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Data?
        private var finished = false
        var data: Data? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue; finished = true } }
        }
        var done: Bool { lock.withLock { finished } }
    }

    /// RFC 4180 CSV as `psql --csv` writes it: `"` quotes fields, `""` inside them; an empty
    /// field (NULL, or an empty text) is nil.
    static func parseCSV(_ data: Data) -> [[String?]] {
        var records: [[String?]] = []
        var record: [String?] = []
        var field: [UInt8] = []
        var quoted = false, wasQuoted = false, inRecord = false
        let bytes = [UInt8](data)
        var i = 0
        func endField() {
            record.append(field.isEmpty ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { quoted = false }
                } else {
                    field.append(b)
                }
            } else {
                switch b {
                case UInt8(ascii: "\""): quoted = true; wasQuoted = true; inRecord = true
                case UInt8(ascii: ","): endField(); inRecord = true
                case UInt8(ascii: "\n"):
                    endField()
                    records.append(record)
                    record = []
                    inRecord = false
                case UInt8(ascii: "\r"): break
                default: field.append(b); inRecord = true
                }
            }
            i += 1
        }
        if inRecord || !field.isEmpty { endField(); records.append(record) }
        _ = wasQuoted
        return records
    }
}
