/// A dataset bound to a PostgreSQL table instead of a file (`--data NAME=postgresql://…?table=T`).
///
/// - ``schema()`` reads the columns from `information_schema.columns` and maps their types to
///   ``ColumnType`` (boolean → bool; smallint, integer, bigint → integer; numeric → decimal;
///   text, varchar, char → text, or period when every listed value is a period code and not all
///   are bare years). Other types (floating point, dates, timestamps, …) are an error naming the
///   column: Goalspec reads only exact values. It then lists, in one more query, the row count
///   and up to 201 distinct values of every text and integer column, so the checker's errors
///   (unknown column, wrong type, a `for` value or group member that never occurs, a period
///   finer than the data) come before any aggregate query, as they do for a file. A column with
///   more than 200 distinct values is listed in part: then the checker leaves "never occurs"
///   to the aggregate query's result, whose groups hold every value of the grouping columns.
/// - ``run(_:)`` compiles the dataset's plan with ``PostgreSQLDialect``, runs the one aggregate
///   query and rebuilds the `DatasetResult` with ``SQLResultDecoder``: verdicts come from the
///   same Swift code as for a file.
public struct PostgreSQLTableSource: Sendable {
    public var location: PostgreSQLLocation
    var client: PostgreSQLClient { PostgreSQLClient(location) }

    public init(_ location: PostgreSQLLocation) {
        self.location = location
    }

    /// Distinct values listed per column; one more means "more than the limit".
    static let distinctLimit = ColumnSchema.distinctValueLimit

    public func schema() throws(DataError) -> TableSchema {
        let d = PostgreSQLDialect()
        let shown = location.display
        let quoted = location.table.parts.map(d.identifier).joined(separator: ".")
        let columnsQuery = """
            SELECT column_name, data_type FROM information_schema.columns \
            WHERE (table_schema, table_name) = (SELECT n.nspname, c.relname FROM pg_catalog.pg_class c \
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(\(d.string(quoted)))) \
            ORDER BY ordinal_position
            """
        let listed = try client.query(columnsQuery)
        guard !listed.rows.isEmpty else {
            throw DataError(kind: .unreadable("no table"), path: shown, message: "no table \(quoted) at \(shown)",
                            hint: "the table must exist and be readable by the connecting user; name it ?table=SCHEMA.TABLE")
        }
        var columns: [ColumnSchema] = []
        var listedColumns: [Int] = []
        for (i, row) in listed.rows.enumerated() {
            let name = row.first.flatMap { $0 } ?? ""
            let sqlType = row.count > 1 ? (row[1] ?? "") : ""
            let type: ColumnType
            switch sqlType {
            case "boolean": type = .bool
            case "smallint", "integer", "bigint": type = .integer
            case "numeric": type = .decimal
            case "text", "character varying", "character": type = .text
            default:
                throw DataError(kind: .schemaMismatch, path: shown,
                                message: "column '\(name)' of \(quoted) has type \(sqlType), which Goalspec cannot read exactly",
                                hint: "the supported types are boolean, smallint, integer, bigint, numeric and text (periods as codes such as 2024K3); cast the column in a view")
            }
            if let earlier = columns.first(where: { TableSchema.foldedName($0.name) == TableSchema.foldedName(name) }) {
                throw DataError(kind: .duplicateColumn(name), path: shown,
                                message: "columns '\(earlier.name)' and '\(name)' of \(quoted) have the same name ignoring case, spaces and underscores")
            }
            columns.append(ColumnSchema(name: name, index: i, type: type))
            if type == .text || type == .integer { listedColumns.append(i) }
        }
        // The row count and the distinct values of text and integer columns, in one query.
        var parts = ["(SELECT -1 AS i, CAST(COUNT(*) AS TEXT) AS v FROM \(quoted))"]
        for i in listedColumns {
            let c = d.identifier(columns[i].name)
            let value = columns[i].type == .text ? "\(c) COLLATE \"C\"" : c
            let notEmpty = columns[i].type == .text ? " AND \(c) <> ''" : ""
            parts.append("(SELECT \(i) AS i, CAST(\(value) AS TEXT) AS v FROM \(quoted) WHERE \(c) IS NOT NULL\(notEmpty) "
                         + "GROUP BY \(value) ORDER BY \(value) LIMIT \(Self.distinctLimit + 1))")
        }
        let values = try client.query(parts.joined(separator: " UNION ALL "))
        var rows = 0
        var seen: [Int: [String]] = [:]
        for row in values.rows {
            guard row.count == 2, let i = row[0].flatMap({ Int($0) }) else { continue }
            if i < 0 { rows = row[1].flatMap { Int($0) } ?? 0 } else { seen[i, default: []].append(row[1] ?? "") }
        }
        var complete = true
        for i in columns.indices {
            var list = seen[i] ?? []
            let truncated = list.count > Self.distinctLimit
            if truncated { list.removeLast(); complete = false }
            columns[i].sampleDistinctValues = list
            // The table declares the type: a column with no value keeps it (a file's empty column is typed by use).
            columns[i].sampleDistinctValuesTruncated = truncated || (columns[i].type != .text && list.isEmpty)
            if columns[i].type == .text, !list.isEmpty {
                let periods = list.map { v in Array(v.utf8).withUnsafeBytes { FieldDecoding.period($0) } }
                if periods.allSatisfy({ $0 != nil }), periods.contains(where: { $0?.granularity != .year }) {
                    columns[i].type = .period
                }
            }
        }
        var schema = TableSchema(path: shown, format: .csv, dialect: nil, columns: columns, sampledRows: rows,
                                 sampleCoversWholeFile: complete)
        schema.tableSource = "PostgreSQL table \(quoted)"
        return schema
    }

    /// The dataset's aggregates, computed by PostgreSQL and rebuilt in Swift.
    public func run(_ plan: DatasetPlan) throws(DataError) -> DatasetResult {
        let queries = SQLPushdown.compile(plan, table: location.table, dialect: PostgreSQLDialect())
        if let rows = queries.rows {
            throw DataError(kind: .unsupportedFormat("row query"), path: location.display,
                            message: "data \(plan.binding.name) on PostgreSQL: \(rows.requests.count) measure\(rows.requests.count == 1 ? "" : "s") cannot be pushed down yet (\(Set(rows.reasons.values).sorted().joined(separator: "; ")))",
                            hint: "export the table to a CSV file for this spec, or see `goalspec sql SPEC --dialect postgresql`")
        }
        guard let aggregate = queries.aggregate else {
            return DatasetResult(rows: 0, periods: [], tables: [:], distinctValues: [:])
        }
        let result = try client.query(SQLRenderer(PostgreSQLDialect()).render(aggregate.select))
        return try SQLResultDecoder.decode(queries, plan: plan, columns: result.columns, rows: result.rows)
    }
}
