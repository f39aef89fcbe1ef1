/// Compiles a dataset's plan of measures (`DatasetPlan`) to SQL that an engine runs where the
/// data lives, returning only aggregates.
///
/// What it guarantees:
/// - **Only exact figures are pushed down.** For every request the query computes exactly the
///   partial figures the in-process `Accumulator` keeps — rows in scope, Σ weight, rows where
///   the condition is known and where it holds, Σ weight where it holds, rows with a value,
///   Σ weight of those, Σ weight × value, min, max — as counts, exact decimal sums and min/max
///   (see each dialect for how its sums stay exact). For median and percentile it returns, per
///   group, each distinct value with its row count and Σ weight: enough to rebuild the
///   quantile exactly, and it grows with the distinct values, never with the rows. Shares,
///   means, quantiles, peer averages, previous periods and thresholds are never computed in
///   SQL: all arithmetic behind a verdict stays in Swift, so verdicts are those of the
///   in-process engine by construction.
/// - **One scan per dataset.** Every pushed request of a dataset is answered by one SELECT:
///   grouped by the one grouping, or by `GROUPING SETS` with a `GROUPING()` flag per column
///   when requests group differently. Filters are not a WHERE clause but conditions inside
///   each figure (`COUNT(CASE WHEN filter THEN 1 END)`), because every row counts for the
///   dataset's periods, distinct values and weight check, as in the in-process scan.
/// - **Unknown values as in docs/SEMANTICS.md §2.** A row whose filter is unknown is out of
///   scope; a row whose condition is unknown counts in rows but not in hits nor known rows; a
///   value measure skips missing values. An empty text is missing, as an empty CSV field is.
/// - **Quoting.** Every identifier and literal is quoted by the ``SQLDialect``; the user's
///   column names appear once, in the derived table that renames them `c0`, `c1`… (by schema
///   index), so no name or value from a spec or data file can change the query's structure.
/// - **Units and factors stay in Swift.** An argument `a·x + b` of one column (a column in
///   `mio. kr` is x × 1000000) is aggregated as x; Swift applies a and b exactly.
/// - **What cannot be pushed down is said.** A request whose filter or argument uses other row
///   arithmetic or periods is answered by a row query (the columns it reads, every row) for
///   Swift to aggregate, with the reason.
///
/// Assumed of the table: its columns are named as the spec's data file names them and typed —
/// Bool columns BOOLEAN, integer columns an integer type, decimal and percent columns
/// `DECIMAL(p ≤ 18, s)` (a percent as its fraction, 86,2 % as 0.862), text and period columns
/// text (periods as codes such as `2024K3`). ``SQLTableSource/schema()`` checks this against the table.
public enum SQLPushdown {
    /// The queries of one dataset.
    public static func compile(_ plan: DatasetPlan, table: SQLTableName, dialect: any SQLDialect) -> SQLDatasetQueries {
        SQLQueryBuilder(plan: plan, table: table, dialect: dialect).build()
    }

    /// The queries of every dataset of a checked spec; `tables` maps dataset names (as
    /// `Name.matchKey` matches them) to tables; a dataset bound to a table reads it, the rest
    /// get ``SQLTableName/default(for:)``.
    public static func compile(_ spec: CheckedSpec, tables: [String: SQLTableName] = [:], dialect: any SQLDialect) -> [SQLDatasetQueries] {
        var byKey: [String: SQLTableName] = [:]
        for (name, table) in tables { byKey[Name.matchKey(name)] = table }
        return EvaluationPlan(spec).datasets.map { plan in
            compile(plan, table: byKey[Name.matchKey(plan.binding.name)] ?? plan.binding.schema.tableName ?? .default(for: plan.binding.name),
                    dialect: dialect)
        }
    }
}

/// The queries that answer one dataset's plan.
public struct SQLDatasetQueries: Sendable {
    /// The dataset's name in the spec.
    public var dataset: String
    public var table: SQLTableName
    public var dialect: SQLDialectKind
    /// The aggregate query; nil when no request could be pushed down.
    public var aggregate: SQLAggregateQuery?
    /// The row query for the requests that stay in Swift; nil when every request is pushed down.
    public var rows: SQLRowQuery?

    /// Every statement, each ending in `;`, headed by `--` comments (dataset and table names
    /// in them are made single-line, so they cannot end the comment).
    public var text: String {
        let renderer = SQLRenderer(dialect.dialect)
        var out = "-- dataset " + SQLComment.safe(dataset) + ": table "
            + SQLComment.safe(table.parts.map(dialect.dialect.identifier).joined(separator: ".")) + "\n"
        if let aggregate {
            out += "-- \(aggregate.requests.count) aggregate request\(aggregate.requests.count == 1 ? "" : "s")"
                + ", \(aggregate.groupingSets.count) grouping\(aggregate.groupingSets.count == 1 ? "" : "s")\n"
            out += renderer.render(aggregate.select) + ";\n"
        }
        if let rows {
            if aggregate != nil { out += "\n" }
            out += "-- rows for \(rows.requests.count) request\(rows.requests.count == 1 ? "" : "s") computed in Swift: "
                + Set(rows.reasons.values).sorted().joined(separator: "; ") + "\n"
            out += renderer.render(rows.select) + ";\n"
        }
        return out
    }
}

/// The one aggregate SELECT of a dataset and how to read its result rows.
public struct SQLAggregateQuery: Sendable {
    public var select: SQLSelect
    /// The plan's requests it answers, by index in `DatasetPlan.requests`.
    public var requests: [Int]
    /// The grouping sets, as schema column indices; a quantile request adds one with its value column.
    public var groupingSets: [[Int]]
    /// Every column of any grouping set (schema indices), each output as `c<index>`.
    public var keyColumns: [Int]
    /// Whether each key column has a `g<index>` flag (1 when not grouped in a row's set): with several sets.
    public var groupingFlags: Bool
    /// Each request's grouping set (index into `groupingSets`), and for a quantile the set that adds its value column.
    public var requestSet: [Int: Int]
    public var quantileSet: [Int: Int]
    /// The output column (alias) of each request's figures.
    public var figures: [SQLFigureRef: String]
    /// Requests whose argument is `a·x + b` of the column aggregated: Swift applies a and b.
    public var transforms: [Int: SQLValueTransform]
    /// The alias of the rows-per-group count and of the count of rows with a missing or negative weight.
    public var rowCountAlias: String
    public var badWeightAlias: String?
}

/// A query returning the raw columns some requests need, for Swift to aggregate.
public struct SQLRowQuery: Sendable {
    public var select: SQLSelect
    public var requests: [Int]
    /// Schema indices of the columns returned, each as `c<index>`.
    public var columns: [Int]
    /// Why each request stays in Swift.
    public var reasons: [Int: String]
}

/// One figure of one request.
public struct SQLFigureRef: Sendable, Hashable {
    public var request: Int
    public var figure: SQLFigure
}

/// The partial figures of an `Accumulator`.
public enum SQLFigure: String, Sendable, Hashable, CaseIterable {
    case rows, weight, knownRows, hitRows, hits, valueRows, valueWeight, weightedSum, minimum, maximum
}

/// A table as dotted name parts (`schema.employment`), each quoted separately.
public struct SQLTableName: Sendable, Hashable {
    public var parts: [String]

    public init(parts: [String]) {
        self.parts = parts
    }

    /// `schema.table` split at dots; nil when a part is empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return nil }
        self.parts = parts
    }

    /// The table a dataset reads when none is given: its name in lower case, every character
    /// other than a letter, digit or `_` replaced by `_` (`Employment-2024` → `employment_2024`).
    public static func `default`(for dataset: String) -> SQLTableName {
        let name = String(dataset.lowercased().map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return SQLTableName(parts: [name.isEmpty ? "_" : name])
    }
}

/// Text shown in a `--` comment: every line break and other control character becomes `?`,
/// so the comment ends at the end of its line.
enum SQLComment {
    static func safe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { c in
            c.properties.generalCategory == .control || c.properties.generalCategory == .lineSeparator
                || c.properties.generalCategory == .paragraphSeparator || c == "\u{85}" ? "?" : c
        }))
    }
}
