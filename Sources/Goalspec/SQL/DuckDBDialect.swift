/// DuckDB.
///
/// - Identifiers `"name"`, `"` doubled; text literals `'value'`, `'` doubled. A backslash in a
///   DuckDB string literal is an ordinary character.
/// - Exact sums: `SUM` of `DECIMAL(p, s)` is `DECIMAL(38, s)` and `SUM` of `BIGINT` is `HUGEINT`
///   (128-bit), both exact; an overflow of a decimal or integer product or sum is an error, never
///   a wrapped or rounded value. `DECIMAL(p ≤ 18)` × `DECIMAL(p ≤ 18)` keeps width 18 and fails
///   (loudly) when the product needs more; `BIGINT` × `DECIMAL(18, s)` widens to `DECIMAL(37, s)`.
/// - Text compares by bytes under the default (binary) collation; a column declared with another
///   collation (`COLLATE NOCASE`) is not supported.
public struct DuckDBDialect: SQLDialect {
    public init() {}
    public var kind: SQLDialectKind { .duckdb }
    public func identifier(_ name: String) -> String { doubleQuotedIdentifier(name) }
    public func string(_ value: String) -> String { standardStringLiteral(value) }
    public func typeName(_ type: SQLType) -> String {
        switch type {
        case .integer: "BIGINT"
        case .decimal(let p, let s): "DECIMAL(\(p), \(s))"
        case .text: "VARCHAR"
        }
    }
    public func textColumn(_ rendered: String) -> String { rendered }
    public func exactInteger(_ expr: SQLExpr) -> SQLExpr { expr }
}
