/// A small SQL tree: just what the pushdown compiler emits (one SELECT with an optional derived
/// table, WHERE, GROUP BY or GROUPING SETS; columns, literals, comparisons, Kleene connectives,
/// IS NULL, CASE, IN, COUNT/SUM/MIN/MAX, GROUPING, casts).
///
/// The tree holds names and values as plain Swift strings, never as SQL text: only
/// ``SQLRenderer`` turns them into SQL, through a ``SQLDialect`` that quotes every identifier and
/// literal. So no name or value from a spec or a data file is ever spliced into a query unquoted.
public indirect enum SQLExpr: Sendable, Hashable {
    /// A column of the FROM item, by its name (quoted by the dialect).
    case column(String)
    /// A text literal (quoted by the dialect).
    case string(String)
    /// An exact decimal literal: an optional `-`, digits, and an optional `.` with digits; no exponent.
    case number(String)
    case bool(Bool)
    case null
    case compare(SQLComparison, SQLExpr, SQLExpr)
    case and(SQLExpr, SQLExpr)
    case or(SQLExpr, SQLExpr)
    case not(SQLExpr)
    case isNull(SQLExpr)
    case isNotNull(SQLExpr)
    /// `x IN (a, b, …)`; the list is never empty.
    case inList(SQLExpr, [SQLExpr])
    /// `CASE WHEN c THEN v … ELSE e END`; without `else`, NULL.
    case caseWhen([SQLWhen], else: SQLExpr?)
    /// `NULLIF(x, '')`: an empty text is missing, as an empty CSV field is. The dialect adds the
    /// collation that makes the text compare and group by its bytes (``SQLDialect/textColumn(_:)``).
    case nullIfEmpty(SQLExpr)
    case multiply(SQLExpr, SQLExpr)
    case aggregate(SQLAggregate, SQLExpr)
    /// `COUNT(*)`.
    case countAll
    /// `GROUPING(x)`: 1 when x is not grouped in the row's grouping set, else 0.
    case grouping(SQLExpr)
    case cast(SQLExpr, SQLType)
}

/// One `WHEN c THEN v` arm.
public struct SQLWhen: Sendable, Hashable {
    public var condition: SQLExpr
    public var value: SQLExpr
    public init(_ condition: SQLExpr, _ value: SQLExpr) {
        self.condition = condition
        self.value = value
    }
}

public enum SQLComparison: String, Sendable, Hashable {
    case equal = "=", notEqual = "<>", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

public enum SQLAggregate: String, Sendable, Hashable {
    case count = "COUNT", sum = "SUM", min = "MIN", max = "MAX"
}

/// The types the compiler casts to.
public enum SQLType: Sendable, Hashable {
    case integer
    /// An exact decimal with `precision` digits, `scale` of them after the point.
    case decimal(precision: Int, scale: Int)
    case text
}

/// One item of a select list, with its alias (an ASCII name the compiler chooses, still quoted).
public struct SQLSelectItem: Sendable, Hashable {
    public var expr: SQLExpr
    public var alias: String
    public init(_ expr: SQLExpr, as alias: String) {
        self.expr = expr
        self.alias = alias
    }
}

/// What a SELECT reads from.
public indirect enum SQLFrom: Sendable, Hashable {
    /// A table by its name parts (`schema.table` is two parts), each quoted.
    case table([String])
    /// A derived table.
    case subquery(SQLSelect, alias: String)
}

/// How a SELECT groups its rows.
public enum SQLGrouping: Sendable, Hashable {
    case columns([SQLExpr])
    /// `GROUPING SETS ((a, b), (a), ())`.
    case sets([[SQLExpr]])
}

/// A SELECT statement.
public struct SQLSelect: Sendable, Hashable {
    public var items: [SQLSelectItem]
    public var from: SQLFrom
    public var filter: SQLExpr?
    public var grouping: SQLGrouping?

    public init(items: [SQLSelectItem], from: SQLFrom, filter: SQLExpr? = nil, grouping: SQLGrouping? = nil) {
        self.items = items
        self.from = from
        self.filter = filter
        self.grouping = grouping
    }
}
