/// Where a Spark SQL table lives, and the Spark session that reads it:
///
/// - `spark:?table=DB.TABLE` — local mode (`local[*]`), the catalog as configured for Spark
///   (`SPARK_CONF_DIR`, `hive-site.xml`);
/// - `spark:?master=local[2]&warehouse=DIR&table=DB.TABLE` — local mode with two threads, the
///   managed tables in DIR and their Hive metastore (Derby) in `DIR/metastore_db`;
/// - `spark://HOST:7077?table=DB.TABLE` — a standalone cluster's master (`master=yarn` or
///   `master=k8s://…` for others);
/// - any `spark.…=VALUE` parameter is passed to the session as configuration
///   (`spark.sql.catalog.…`, `spark.hadoop.…`); values of keys that name a password, secret,
///   token or credential are never shown.
///
/// A relative `warehouse` is relative to the spec file (on the command line, to the working
/// folder).
public struct SparkLocation: Sendable, Hashable {
    public var master: String
    /// The managed tables' folder and metastore, when given.
    public var warehouse: String?
    /// `spark.…` settings, in the order written.
    public var settings: [Setting]
    public var table: SQLTableName

    public struct Setting: Sendable, Hashable {
        public var key: String
        public var value: String
    }

    /// The configuration one Spark session serves: locations that share it share the session.
    var sessionKey: String {
        ([master, warehouse ?? ""] + settings.map { $0.key + "=" + $0.value }).joined(separator: "\u{0}")
    }

    /// Whether a setting's value is a secret, shown as `***`.
    static func isSecret(_ key: String) -> Bool {
        let k = key.lowercased()
        return ["password", "secret", "token", "credential"].contains { k.contains($0) }
    }

    /// What diagnostics and reports show.
    public var display: String {
        var items = ["master=" + master]
        if let warehouse { items.append("warehouse=" + warehouse) }
        items += settings.map { $0.key + "=" + (Self.isSecret($0.key) ? "***" : $0.value) }
        items.append("table=" + table.parts.joined(separator: "."))
        return "spark:?" + items.joined(separator: "&")
    }

    /// A `spark:` URI with the values of secret settings replaced by `***`.
    static func redacted(_ uri: String) -> String {
        guard let q = uri.firstIndex(of: "?") else { return uri }
        let items = uri[uri.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { (item: Substring) -> String in
            guard let eq = item.firstIndex(of: "=") else { return String(item) }
            let key = String(item[item.startIndex..<eq])
            return isSecret(key) ? key + "=***" : String(item)
        }
        return String(uri[uri.startIndex...q]) + items.joined(separator: "&")
    }

    /// Parses `spark:?…` or `spark://HOST:PORT?…`; `resolvingPath` resolves a relative
    /// `warehouse`; a `table` given takes the place of the URI's.
    static func parse(_ uri: String, table given: SQLTableName?, resolvingPath: (String) -> String) -> Result<SparkLocation, DataError> {
        func fail(_ message: String) -> Result<SparkLocation, DataError> {
            .failure(DataError(kind: .unsupportedFormat(message), path: redacted(uri), message: message,
                               hint: "write spark:?table=DB.TABLE, spark:?master=local[2]&warehouse=DIR&table=DB.TABLE or spark://HOST:7077?table=DB.TABLE"))
        }
        guard uri.hasPrefix("spark:") else { return fail("not a spark: URI") }
        var rest = Substring(uri.dropFirst("spark:".count))
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var master = "local[*]"
        if rest.hasPrefix("//") {
            guard rest.count > 2 else { return fail("spark:// names no master host") }
            master = "spark:" + rest
        } else if !rest.isEmpty {
            return fail("'\(rest)' after spark: is neither empty nor //HOST:PORT")
        }
        var warehouse: String?
        var settings: [Setting] = []
        var table: SQLTableName?
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            guard let eq = item.firstIndex(of: "=") else { return fail("'\(item)' in a spark: URI is not KEY=VALUE") }
            let key = String(item[..<eq])
            let raw = String(item[item.index(after: eq)...])
            let value = raw.removingPercentEncoding ?? raw
            switch key {
            case "table":
                guard let name = SQLTableName(parsing: value) else { return fail("'table=\(value)' is not a table name (DB.TABLE or TABLE)") }
                table = name
            case "master": master = value
            case "warehouse": warehouse = resolvingPath(value)
            case _ where key.hasPrefix("spark."): settings.append(Setting(key: key, value: value))
            default:
                return fail("unknown parameter '\(key)' in a spark: URI (master, warehouse, table and spark.… settings)")
            }
        }
        guard let table = given ?? table else { return fail("the URI names no table: add ?table=DB.TABLE") }
        return .success(SparkLocation(master: master, warehouse: warehouse, settings: settings, table: table))
    }
}
