/// Prints expressions in canonical form with the fewest parentheses that keep the tree.
///
/// The binding levels mirror `Parser`'s recursive descent, from loosest to tightest:
/// `or` < `and` < `not` < comparison (`== != < <= > >=`, `in`, `rises`/`falls`, quantifiers)
/// < `+ -` < `* /` < unary `-` < postfix `at` < primary. A child is parenthesized when it binds
/// more loosely than its position accepts. Binary operators associate to the left, so a right
/// operand of the same level keeps its parentheses (`a - (b - c)`); comparisons do not chain, so
/// a comparison operand of a comparison keeps them too.
///
/// Two cases are not about levels:
/// - A quantifier's condition runs to the end of the enclosing expression (`atLeast 7/10 a or b`
///   is `atLeast 7/10 (a or b)`). `y and atLeast 7/10 a or b` would parse back to the same tree
///   but reads as if `or b` were outside, so, as the language reference asks, a quantifier is
///   parenthesized whenever it is part of a larger expression: it is bare only as a whole
///   condition, argument or list item.
/// - A quantifier's ratio is followed directly by its condition. A ratio ending in a name would
///   absorb a condition starting with a name (`r reach goal` is one name) or with `(` (a call),
///   and a plain number followed by a unit word is a quantity (`7 days`), so such a ratio is
///   parenthesized.
enum ExpressionPrinter {
    /// Binding levels, loosest first; `any` accepts every expression.
    enum Level: Int, Comparable {
        case any, or, and, not, comparison, additive, multiplicative, unary, postfix, primary

        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// How printed text starts, as far as the token before it cares.
    enum Start: Equatable {
        /// An unquoted name or a call: its name.
        case name(Name)
        case parenthesis
        case other
    }

    /// How printed text ends, as far as the token after it cares.
    enum End: Equatable {
        /// An unquoted name, which would absorb a following word or `(`.
        case name
        /// A plain number, which would take a following unit word.
        case number
        case other
    }

    struct Printed {
        var text: String
        var start: Start
        var end: End
    }

    /// The expression as a whole line part (a condition, `where`, a define's body).
    static func print(_ e: Expr) -> Printed {
        print(e, at: .any)
    }

    /// The expression where the grammar expects `level` (`at risk within` takes a unary).
    static func print(_ e: Expr, at level: Level) -> Printed {
        let needsParentheses = self.level(of: e) < level || (isQuantifier(e) && level != .any)
        guard needsParentheses else { return bare(e) }
        return parenthesized(bare(e))
    }

    static func parenthesized(_ p: Printed) -> Printed {
        Printed(text: "(" + p.text + ")", start: .parenthesis, end: .other)
    }

    /// How tightly an expression binds when printed without parentheses.
    static func level(of e: Expr) -> Level {
        switch e.kind {
        case .binary(let op, _, _):
            switch op {
            case .or: .or
            case .and: .and
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: .comparison
            case .add, .subtract: .additive
            case .multiply, .divide: .multiplicative
            }
        case .not: .not
        case .quantifier, .trend: .comparison
        case .negate: .unary
        case .at: .postfix
        case .number, .percent, .points, .ratio, .period, .string, .bool, .quantity, .list, .name, .call, .invalid:
            .primary
        }
    }

    static func isQuantifier(_ e: Expr) -> Bool {
        if case .quantifier = e.kind { return true }
        return false
    }

    /// The operand levels of a binary operator: (left, right).
    static func operandLevels(_ op: BinaryOperator) -> (Level, Level) {
        switch op {
        case .or: (.or, .and)
        case .and: (.and, .not)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in: (.additive, .additive)
        case .add, .subtract: (.additive, .multiplicative)
        case .multiply, .divide: (.multiplicative, .unary)
        }
    }

    private static func bare(_ e: Expr) -> Printed {
        switch e.kind {
        case .number(let n):
            return Printed(text: n, start: .other, end: .number)
        case .percent(let n):
            return Printed(text: n + "%", start: .other, end: .other)
        case .points(let n):
            return Printed(text: n + "pp", start: .other, end: .other)
        case .ratio(let a, let b):
            return Printed(text: a + "/" + b, start: .other, end: .other)
        case .period(let p):
            return Printed(text: p, start: .other, end: .other)
        case .string(let s):
            return Printed(text: quoted(s), start: .other, end: .other)
        case .bool(let b):
            return Printed(text: b ? "true" : "false", start: .other, end: .other)
        case .quantity(let n, let unit):
            return Printed(text: n + " " + unit.text, start: .other, end: .other)
        case .list(let items):
            let inner = items.map { print($0, at: .any).text }.joined(separator: ", ")
            return Printed(text: "[" + inner + "]", start: .other, end: .other)
        case .name(let n):
            return n.quoted
                ? Printed(text: name(n), start: .other, end: .other)
                : Printed(text: n.text, start: .name(n), end: .name)
        case .call(let n, let args):
            let inner = args.map { print($0, at: .any).text }.joined(separator: ", ")
            return Printed(text: name(n) + "(" + inner + ")", start: n.quoted ? .other : .name(n), end: .other)
        case .negate(let x):
            let o = print(x, at: .unary)
            // `- -a` rather than `--a`, which reads as one operator.
            return Printed(text: (o.text.hasPrefix("-") ? "- " : "-") + o.text, start: .other, end: o.end)
        case .not(let x):
            let o = print(x, at: .not)
            return Printed(text: "not " + o.text, start: .other, end: o.end)
        case .binary(let op, let l, let r):
            let (leftLevel, rightLevel) = operandLevels(op)
            let left = print(l, at: leftLevel)
            let right = print(r, at: rightLevel)
            return Printed(text: left.text + " " + op.rawValue + " " + right.text, start: left.start, end: right.end)
        case .quantifier(let q, let ratio, let body):
            let b = print(body, at: .or)
            guard let ratio else {
                return Printed(text: q.rawValue + " " + b.text, start: .other, end: b.end)
            }
            var r = print(ratio, at: .unary)
            if runsInto(r.end, b.start) { r = parenthesized(r) }
            return Printed(text: q.rawValue + " " + r.text + " " + b.text, start: .other, end: b.end)
        case .at(let x, let reference, _):
            let o = print(x, at: .postfix)
            let period = switch reference {
            case .literal(let p): " at " + p
            case .previous: " at previous"
            case .window(let n, let unit): " over last \(n) \(unit)"
            }
            return Printed(text: o.text + period, start: o.start, end: .other)
        case .trend(let x, let direction, let from):
            let o = print(x, at: .additive)
            var text = o.text + " " + direction.rawValue
            if let from { text += " yearly from " + from }
            return Printed(text: text, start: o.start, end: .other)
        case .invalid:
            // Never printed: a tree with an invalid node has a diagnostic and is not formatted.
            return Printed(text: "", start: .other, end: .other)
        }
    }

    /// Whether text ending in `end` followed by a space and text starting with `start` would
    /// lex or parse as one thing.
    static func runsInto(_ end: End, _ start: Start) -> Bool {
        switch (end, start) {
        case (.name, .name), (.name, .parenthesis): true
        case (.number, .name(let n)): unitWords.contains(n.words.first ?? "")
        default: false
        }
    }

    /// A name as written: its words separated by single spaces, or in backticks.
    static func name(_ n: Name) -> String {
        n.quoted ? "`" + n.text + "`" : n.text
    }

    /// A string literal in double quotes with `\"`, `\\`, `\n` and `\t` escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
