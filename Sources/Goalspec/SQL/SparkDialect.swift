/// Spark SQL.
///
/// - Identifiers `` `name` ``, `` ` `` doubled. In Spark a double-quoted word is a string, not a
///   column (`SELECT "city"` returns the text 'city'), so double quotes are never used.
/// - Text literals `'value'` with `'` and `\` escaped by a backslash (`\'`, `\\`). Spark has
///   always read backslash escapes inside string literals; a doubled `''` is read as a quote
///   only by Spark 4 (earlier versions read `'it''s'` as two adjacent literals, "its"), so
///   backslash escapes are the form every version reads back as the same value. The default
///   `spark.sql.parser.escapedStringLiterals=false` is required; the session `goalspec check` starts
///   (``SparkClient``) pins it, after any setting of the URI.
/// - Exact sums: `SUM` of `DECIMAL(p, s)` is `DECIMAL(p + 10, s)`, exact. `SUM` and products
///   of `BIGINT` wrap around silently when ANSI mode is off, so every integer column that feeds
///   a sum or a product is cast to `DECIMAL(20, 0)` first; a sum is then `DECIMAL(30, 0)`.
///   A decimal product is exact while its precision p₁ + p₂ + 1 stays within 38 (true for
///   `DECIMAL(18, s)` columns and `BIGINT` weights); beyond that Spark keeps at least 6 fraction
///   digits, so it stays exact for values of at most 6 decimals. With ANSI mode (the default in
///   Spark 4) an overflow is an error; without it, NULL.
/// - Text compares by bytes under the default `UTF8_BINARY` collation.
public struct SparkDialect: SQLDialect {
    public init() {}
    public var kind: SQLDialectKind { .spark }
    public func identifier(_ name: String) -> String {
        var out = "`"
        for c in name.unicodeScalars {
            if c == "`" { out += "``" } else { out.unicodeScalars.append(c) }
        }
        return out + "`"
    }
    public func string(_ value: String) -> String {
        var out = "'"
        for c in value.unicodeScalars {
            switch c {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "'"
    }
    public func typeName(_ type: SQLType) -> String {
        switch type {
        case .integer: "BIGINT"
        case .decimal(let p, let s): "DECIMAL(\(p), \(s))"
        case .text: "STRING"
        }
    }
    public func textColumn(_ rendered: String) -> String { rendered }
    public func exactInteger(_ expr: SQLExpr) -> SQLExpr { .cast(expr, .decimal(precision: 20, scale: 0)) }
}
