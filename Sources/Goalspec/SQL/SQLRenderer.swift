/// Renders a ``SQLSelect`` as SQL text in one dialect: keywords upper-case, one select item per
/// line, compound operands parenthesised so that no precedence rule of any engine matters.
public struct SQLRenderer: Sendable {
    public let dialect: any SQLDialect

    public init(_ dialect: any SQLDialect) {
        self.dialect = dialect
    }

    /// The statement, without a terminating semicolon, lines indented by `indent` spaces.
    public func render(_ select: SQLSelect, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = [pad + "SELECT"]
        for (i, item) in select.items.enumerated() {
            let comma = i + 1 < select.items.count ? "," : ""
            let named = item.expr == .column(item.alias) ? "" : " AS " + dialect.identifier(item.alias)
            lines.append(pad + "  " + expr(item.expr) + named + comma)
        }
        switch select.from {
        case .table(let parts):
            lines.append(pad + "FROM " + parts.map(dialect.identifier).joined(separator: "."))
        case .subquery(let inner, let alias):
            lines.append(pad + "FROM (")
            lines.append(render(inner, indent: indent + 2))
            lines.append(pad + ") AS " + dialect.identifier(alias))
        }
        if let filter = select.filter {
            lines.append(pad + "WHERE " + expr(filter))
        }
        switch select.grouping {
        case nil:
            break
        case .columns(let columns):
            if !columns.isEmpty { lines.append(pad + "GROUP BY " + columns.map(expr).joined(separator: ", ")) }
        case .sets(let sets):
            lines.append(pad + "GROUP BY GROUPING SETS (")
            for (i, set) in sets.enumerated() {
                let comma = i + 1 < sets.count ? "," : ""
                lines.append(pad + "  (" + set.map(expr).joined(separator: ", ") + ")" + comma)
            }
            lines.append(pad + ")")
        }
        return lines.joined(separator: "\n")
    }

    /// One expression.
    public func expr(_ e: SQLExpr) -> String {
        switch e {
        case .column(let name): return dialect.identifier(name)
        case .string(let s): return dialect.string(s)
        case .number(let digits): return digits.hasPrefix("-") ? "(" + digits + ")" : digits
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .null: return "NULL"
        case .compare(let op, let a, let b): return operand(a) + " " + op.rawValue + " " + operand(b)
        case .and(let a, let b): return connective("AND", a, b)
        case .or(let a, let b): return connective("OR", a, b)
        case .not(let a): return "NOT " + operand(a)
        case .isNull(let a): return operand(a) + " IS NULL"
        case .isNotNull(let a): return operand(a) + " IS NOT NULL"
        case .inList(let a, let list): return operand(a) + " IN (" + list.map(expr).joined(separator: ", ") + ")"
        case .caseWhen(let arms, let otherwise):
            var out = "CASE"
            for arm in arms { out += " WHEN " + expr(arm.condition) + " THEN " + expr(arm.value) }
            if let otherwise { out += " ELSE " + expr(otherwise) }
            return out + " END"
        case .nullIfEmpty(let a): return dialect.textColumn("NULLIF(" + expr(a) + ", " + dialect.string("") + ")")
        case .multiply(let a, let b): return operand(a) + " * " + operand(b)
        case .aggregate(let f, let a): return f.rawValue + "(" + expr(a) + ")"
        case .countAll: return "COUNT(*)"
        case .grouping(let a): return "GROUPING(" + expr(a) + ")"
        case .cast(let a, let t): return "CAST(" + expr(a) + " AS " + dialect.typeName(t) + ")"
        }
    }

    /// An operand of an operator: atoms bare, anything compound in parentheses.
    private func operand(_ e: SQLExpr) -> String {
        switch e {
        case .column, .string, .number, .bool, .null, .nullIfEmpty, .aggregate, .countAll, .grouping, .cast, .caseWhen:
            return expr(e)
        case .compare, .and, .or, .not, .isNull, .isNotNull, .inList, .multiply:
            return "(" + expr(e) + ")"
        }
    }

    /// `a AND b AND c` flat for a chain of the same connective, other operands parenthesised.
    private func connective(_ word: String, _ a: SQLExpr, _ b: SQLExpr) -> String {
        func side(_ x: SQLExpr) -> String {
            switch (word, x) {
            case ("AND", .and(let l, let r)): return connective(word, l, r)
            case ("OR", .or(let l, let r)): return connective(word, l, r)
            default: return operand(x)
            }
        }
        return side(a) + " " + word + " " + side(b)
    }
}
