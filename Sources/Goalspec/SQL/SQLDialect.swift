/// How one SQL engine spells what the pushdown compiler emits: identifiers, text literals,
/// types, and the few places where engines differ in exactness.
///
/// Every identifier and every text literal of a query goes through ``identifier(_:)`` and
/// ``string(_:)``; a conforming dialect must map every Swift string to a token that the engine
/// reads back as exactly that string, so that no name or value can end the token early.
public protocol SQLDialect: Sendable {
    /// Which engine.
    var kind: SQLDialectKind { get }
    /// A quoted identifier that the engine reads as exactly `name`.
    func identifier(_ name: String) -> String
    /// A text literal that the engine reads as exactly `value`.
    func string(_ value: String) -> String
    /// The spelling of a type.
    func typeName(_ type: SQLType) -> String
    /// A text column as the derived table projects it (already `NULLIF(x, '')`): where the engine
    /// lets a column carry a collation that orders or equates text differently from its bytes,
    /// the dialect pins byte order here.
    func textColumn(_ rendered: String) -> String
    /// An integer operand of a sum or a product, widened where the engine's integer arithmetic
    /// could wrap around instead of failing.
    func exactInteger(_ expr: SQLExpr) -> SQLExpr
}

/// The engines Goalspec compiles to.
public enum SQLDialectKind: String, Sendable, Hashable, CaseIterable {
    case duckdb, postgresql, spark

    /// The dialect that renders for this engine.
    public var dialect: any SQLDialect {
        switch self {
        case .duckdb: DuckDBDialect()
        case .postgresql: PostgreSQLDialect()
        case .spark: SparkDialect()
        }
    }
}

/// The quoting shared by DuckDB and PostgreSQL: `"name"` with `"` doubled.
func doubleQuotedIdentifier(_ name: String) -> String {
    var out = "\""
    for c in name.unicodeScalars {
        if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
    }
    return out + "\""
}

/// `'value'` with `'` doubled (the SQL standard's string literal).
func standardStringLiteral(_ value: String) -> String {
    var out = "'"
    for c in value.unicodeScalars {
        if c == "'" { out += "''" } else { out.unicodeScalars.append(c) }
    }
    return out + "'"
}
