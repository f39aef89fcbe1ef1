/// A dataset bound to a table on an SQL engine instead of a file (`--data NAME=URI`, a data
/// path that is a URI, or `data NAME from table "T" in CONNECTION`), on PostgreSQL, DuckDB or
/// Spark alike; only the column listing and the client differ per engine.
///
/// - ``schema()`` reads the columns and their types from the engine (PostgreSQL's
///   `information_schema.columns`, DuckDB's `DESCRIBE`, Spark's `DESCRIBE QUERY`) and maps them
///   to ``ColumnType``: boolean → bool; the integer types → integer; numeric/decimal → decimal;
///   text, varchar, char, string → text, or period when every listed value is a period code and
///   not all are bare years (in the time column, bare years too). Other types (floating point, dates, timestamps, …) are an error
///   naming the column: Goalspec reads only exact values. It then lists, in one more query,
///   the row count and up to 201 distinct values of every text and integer column, so the
///   checker's errors (unknown column, wrong type, a `for` value or group member that never
///   occurs, a period finer than the data) come before any aggregate query, as they do for a
///   file. A column with more than 200 distinct values is listed in part: then the checker
///   leaves "never occurs" to the aggregate query's result, whose groups hold every value of
///   the grouping columns.
/// - ``run(_:)`` compiles the dataset's plan with the engine's dialect, runs the one aggregate
///   query and rebuilds the `DatasetResult` with ``SQLResultDecoder``: verdicts come from the
///   same Swift code as for a file.
public struct SQLTableSource: Sendable {
    public var location: SQLTableLocation
    /// The run's budget: its deadline bounds each query, and a query it cuts short is
    /// `budgetExceeded(.time)` like a scan past the deadline.
    var budget = ScanBudget.unlimited

    public init(_ location: SQLTableLocation) {
        self.location = location
    }

    /// Runs `sql` within the client's own limit and the run's remaining time.
    func query(_ client: any SQLClient, _ sql: String) throws(DataError) -> SQLQueryResult {
        try budget.checkTime(path: location.display)
        var limit = ProcessWatchdog.queryLimit
        if let deadline = budget.deadline { limit = min(limit, max(.milliseconds(1), deadline - ContinuousClock.now)) }
        do {
            return try client.query(sql, within: limit)
        } catch {
            if case .unreadable("timed out") = error.kind { try budget.checkTime(path: location.display) }
            throw error
        }
    }

    /// Distinct values listed per column; one more means "more than the limit".
    static let distinctLimit = ColumnSchema.distinctValueLimit

    /// The query listing the table's columns, and where name and type are in its rows.
    func columnsQuery(_ quoted: String) -> String {
        let d = location.dialect
        switch location {
        case .postgresql:
            return """
                SELECT column_name, data_type FROM information_schema.columns \
                WHERE (table_schema, table_name) = (SELECT n.nspname, c.relname FROM pg_catalog.pg_class c \
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(\(d.string(quoted)))) \
                ORDER BY ordinal_position
                """
        case .duckdb: return "DESCRIBE SELECT * FROM \(quoted)"
        case .spark: return "DESCRIBE QUERY SELECT * FROM \(quoted)"
        }
    }

    /// A column type as the engine names it, as Goalspec reads it; nil when not exact.
    static func columnType(_ sqlType: String) -> ColumnType? {
        var base = sqlType.lowercased()
        if let paren = base.firstIndex(of: "(") { base = String(base[..<paren]) }
        switch base.trimmingCharacters(in: .whitespaces) {
        case "boolean", "bool": return .bool
        case "tinyint", "smallint", "integer", "int", "bigint", "hugeint", "long", "short", "byte",
             "utinyint", "usmallint", "uinteger", "ubigint", "uhugeint", "int2", "int4", "int8":
            return .integer
        case "numeric", "decimal": return .decimal
        case "text", "character varying", "character", "varchar", "char", "bpchar", "string": return .text
        default: return nil
        }
    }

    /// `time` names the data block's time column: there a text column of bare years
    /// (`2017`) is a period column too, as a file's column of years is a time column.
    public func schema(time: String? = nil) throws(DataError) -> TableSchema {
        let d = location.dialect
        let client = location.client
        let shown = location.display
        let quoted = location.table.parts.map(d.identifier).joined(separator: ".")
        let listed = try query(client, columnsQuery(quoted))
        // Spark's DESCRIBE QUERY (unlike DESCRIBE TABLE) lists only the columns, partition
        // columns included, so a column named '#x' is a column.
        let described = listed.rows
        guard !described.isEmpty else {
            throw DataError(kind: .unreadable("no table"), path: shown, message: "no table \(quoted) at \(shown)",
                            hint: "the table must exist and be readable by the connecting user; name it ?table=SCHEMA.TABLE")
        }
        var columns: [ColumnSchema] = []
        var listedColumns: [Int] = []
        for (i, row) in described.enumerated() {
            let name = row.first.flatMap { $0 } ?? ""
            let sqlType = row.count > 1 ? (row[1] ?? "") : ""
            guard let type = Self.columnType(sqlType) else {
                throw DataError(kind: .schemaMismatch, path: shown,
                                message: "column '\(name)' of \(quoted) has type \(sqlType), which Goalspec cannot read exactly",
                                hint: "the supported types are boolean, the integer types, numeric/decimal and text (periods as codes such as 2024K3); cast the column in a view")
            }
            if let earlier = columns.first(where: { TableSchema.foldedName($0.name) == TableSchema.foldedName(name) }) {
                throw DataError(kind: .duplicateColumn(name), path: shown,
                                message: "columns '\(earlier.name)' and '\(name)' of \(quoted) have the same name ignoring case, spaces and underscores")
            }
            columns.append(ColumnSchema(name: name, index: i, type: type))
            if type == .text || type == .integer { listedColumns.append(i) }
        }
        // The row count and the distinct values of text and integer columns, in one query.
        let text = d.typeName(.text)
        var parts = ["(SELECT -1 AS i, CAST(COUNT(*) AS \(text)) AS v FROM \(quoted))"]
        for i in listedColumns {
            let c = d.identifier(columns[i].name)
            let value = columns[i].type == .text ? d.textColumn(c) : c
            let notEmpty = columns[i].type == .text ? " AND \(c) <> ''" : ""
            parts.append("(SELECT \(i) AS i, CAST(\(value) AS \(text)) AS v FROM \(quoted) WHERE \(c) IS NOT NULL\(notEmpty) "
                         + "GROUP BY \(value) ORDER BY \(value) LIMIT \(Self.distinctLimit + 1))")
        }
        let values = try query(client, parts.joined(separator: " UNION ALL "))
        var rows = 0
        var seen: [Int: [String]] = [:]
        for row in values.rows {
            guard row.count == 2, let i = row[0].flatMap({ Int($0) }) else { continue }
            if i < 0 { rows = row[1].flatMap { Int($0) } ?? 0 } else { seen[i, default: []].append(row[1] ?? "") }
        }
        var complete = true
        for i in columns.indices {
            var list = seen[i] ?? []
            // UNION ALL keeps each part's order only on some engines: order here, then drop the one past the limit.
            if columns[i].type == .integer {
                list.sort { (Int($0) ?? 0) < (Int($1) ?? 0) }
            } else {
                list.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            }
            let truncated = list.count > Self.distinctLimit
            if truncated { list.removeLast(); complete = false }
            columns[i].sampleDistinctValues = list
            // The table declares the type: a column with no value keeps it (a file's empty column is typed by use).
            columns[i].sampleDistinctValuesTruncated = truncated || (columns[i].type != .text && list.isEmpty)
            if columns[i].type == .text, !list.isEmpty {
                let periods = list.map { v in Array(v.utf8).withUnsafeBytes { FieldDecoding.period($0) } }
                let isTime = time.map { TableSchema.foldedName($0) == TableSchema.foldedName(columns[i].name) } ?? false
                if periods.allSatisfy({ $0 != nil }), isTime || periods.contains(where: { $0?.granularity != .year }) {
                    columns[i].type = .period
                }
            }
        }
        var schema = TableSchema(path: shown, format: .csv, dialect: nil, columns: columns, sampledRows: rows,
                                 sampleCoversWholeFile: complete)
        schema.tableSource = "\(location.engine) table \(quoted)"
        schema.tableEngine = location.dialect.kind.rawValue
        schema.tableName = location.table
        return schema
    }

    /// The dataset's aggregates, computed by the engine and rebuilt in Swift.
    public func run(_ plan: DatasetPlan) throws(DataError) -> DatasetResult {
        let dialect = location.dialect
        let queries = SQLPushdown.compile(plan, table: location.table, dialect: dialect)
        if let rows = queries.rows {
            throw DataError(kind: .unsupportedFormat("row query"), path: location.display,
                            message: "data \(plan.binding.name) on \(location.engine): \(rows.requests.count) measure\(rows.requests.count == 1 ? "" : "s") cannot be pushed down yet (\(Set(rows.reasons.values).sorted().joined(separator: "; ")))",
                            hint: "export the table to a CSV file for this spec, or see `goalspec sql SPEC --dialect \(dialect.kind.rawValue)`")
        }
        guard let aggregate = queries.aggregate else {
            return DatasetResult(rows: 0, periods: [], tables: [:], distinctValues: [:])
        }
        let result = try query(location.client, SQLRenderer(dialect).render(aggregate.select))
        return try SQLResultDecoder.decode(queries, plan: plan, columns: result.columns, rows: result.rows)
    }
}
