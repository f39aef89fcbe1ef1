/// PostgreSQL.
///
/// - Identifiers `"name"`, `"` doubled. Text literals `'value'`, `'` doubled; a value holding a
///   backslash is written as an escape string `E'…'` with `\` doubled too, so that it reads the
///   same whatever `standard_conforming_strings` is set to. (PostgreSQL cuts identifiers at 63
///   bytes and rejects a NUL character; both fail or are caught by the schema check, they cannot
///   change a query's meaning.)
/// - Exact sums: `SUM` of `bigint` and of `numeric` is `numeric`, arbitrary precision; products
///   of `numeric` are exact. Nothing is rounded.
/// - Text: every text column is projected `COLLATE "C"`, so comparisons, `IN` and grouping go
///   by bytes (code points), as the in-process engine does, whatever the database's or the
///   column's collation (a nondeterministic ICU collation would otherwise equate 'a' and 'A').
public struct PostgreSQLDialect: SQLDialect {
    public init() {}
    public var kind: SQLDialectKind { .postgresql }
    public func identifier(_ name: String) -> String { doubleQuotedIdentifier(name) }
    public func string(_ value: String) -> String {
        guard value.unicodeScalars.contains("\\") else { return standardStringLiteral(value) }
        var out = "E'"
        for c in value.unicodeScalars {
            switch c {
            case "'": out += "''"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "'"
    }
    public func typeName(_ type: SQLType) -> String {
        switch type {
        case .integer: "BIGINT"
        case .decimal(let p, let s): "NUMERIC(\(p), \(s))"
        case .text: "TEXT"
        }
    }
    public func textColumn(_ rendered: String) -> String { rendered + " COLLATE \"C\"" }
    public func exactInteger(_ expr: SQLExpr) -> SQLExpr { expr }
}
