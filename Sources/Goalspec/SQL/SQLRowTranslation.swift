/// Translates row-level expressions (`RowExpr`) to SQL with the in-process engine's meaning
/// (docs/SEMANTICS.md §2), or says why one cannot be pushed down.
///
/// A missing value is SQL NULL: the derived table projects an empty text as NULL, as an empty
/// CSV field is missing. Comparisons with a missing side are unknown in both; `and`, `or`, `not`
/// are Kleene's in both; `x IN (…)` with x missing is unknown in both. Where the engine's rules
/// differ from SQL's, the translation spells the engine's rule out:
/// - operands of different kinds (text and number) are never equal: `CASE WHEN a IS NULL OR
///   b IS NULL THEN NULL ELSE <false, or true for !=> END`;
/// - a Bool compared with a number counts as 0 or 1;
/// - a membership test on a text or integer column compares the written values: an integer
///   column matches only the options written as canonical integers.
/// Not pushed down (computed in Swift over the rows): row arithmetic (SQL engines disagree on
/// `1/2`, and Spark may round decimal products), and anything involving periods (their codes
/// compare across granularities, `2024K3 == 2024`, which text comparison cannot express).
struct SQLRowTranslation {
    let schema: TableSchema
    /// The name each schema column has in the derived table.
    let columnName: (Int) -> String

    /// Why an expression stays in Swift.
    struct NotPushable: Error {
        var reason: String
    }

    enum Kind: Equatable {
        case bool, number, text, period
    }

    static func kind(_ e: RowExpr) -> Kind {
        switch e {
        case .column(_, let t):
            switch t {
            case .bool: return .bool
            case .integer, .decimal, .percent: return .number
            case .text: return .text
            case .period: return .period
            }
        case .literal(let v):
            switch v {
            case .number: return .number
            case .text: return .text
            case .bool: return .bool
            case .period: return .period
            }
        case .compare, .and, .or, .not, .member, .truth: return .bool
        case .arithmetic, .negate: return .number
        }
    }

    // MARK: Conditions

    /// `e` as a SQL condition (TRUE, FALSE or NULL per row).
    func condition(_ e: RowExpr) throws(NotPushable) -> SQLExpr {
        switch e {
        case .column(let i, .bool):
            return .column(columnName(i))
        case .literal(.bool(let b)):
            return .bool(b)
        case .truth(let a) where Self.kind(a) == .bool:
            return try condition(a)
        case .not(let a) where Self.kind(a) == .bool:
            return .not(try condition(a))
        case .and(let a, let b) where Self.kind(a) == .bool && Self.kind(b) == .bool:
            return .and(try condition(a), try condition(b))
        case .or(let a, let b) where Self.kind(a) == .bool && Self.kind(b) == .bool:
            return .or(try condition(a), try condition(b))
        case .compare(let op, let a, let b):
            return try compare(op, a, b)
        case .member(let a, let options):
            return try member(a, options)
        default:
            throw NotPushable(reason: "a row condition that is not a plain Bool expression")
        }
    }

    private func comparison(_ op: BinaryOperator) throws(NotPushable) -> SQLComparison {
        switch op {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: throw NotPushable(reason: "the operator \(op.rawValue) in a comparison")
        }
    }

    private func compare(_ op: BinaryOperator, _ a: RowExpr, _ b: RowExpr) throws(NotPushable) -> SQLExpr {
        let sqlOp = try comparison(op)
        let (ka, kb) = (Self.kind(a), Self.kind(b))
        if ka == .period || kb == .period {
            throw NotPushable(reason: "a comparison with a period")
        }
        switch (ka, kb) {
        case (.bool, .bool):
            if op == .equal || op == .notEqual {
                for (flag, other) in [(a, b), (b, a)] {
                    if case .literal(.bool(let t)) = other {
                        let c = try condition(flag)
                        return t == (op == .equal) ? c : .not(c)
                    }
                }
            }
            return .compare(sqlOp, try value(a), try value(b))
        case (.number, .number):
            // `a·x + b op c` → `x op' (c − b)/a`.
            for (side, other, flipped) in [(a, b, false), (b, a, true)] {
                guard case .literal(.number(let c)) = other, let f = SQLAffine.of(side), !f.isIdentity,
                      let bound = (c - f.offset).divided(by: f.scale) else { continue }
                var op = flipped ? Self.mirrored(sqlOp) : sqlOp
                if f.scale < .zero { op = Self.mirrored(op) }
                return .compare(op, .column(columnName(f.column)), try number(bound))
            }
            return .compare(sqlOp, try value(a), try value(b))
        case (.text, .text):
            return .compare(sqlOp, try value(a), try value(b))
        case (.bool, .number), (.number, .bool):
            // A Bool against 0 or 1 is a test of the Bool; against another number, 0/1 compared.
            let (flag, number) = ka == .bool ? (a, b) : (b, a)
            if case .literal(.number(let x)) = number, x == .zero || x == .one, op == .equal || op == .notEqual {
                // `reached == 1` is `reached`, `reached == 0` is `not reached` (unknown stays unknown).
                let c = try condition(flag)
                return (x == .one) == (op == .equal) ? c : .not(c)
            }
            let lhs = ka == .bool ? try numeric(a) : try value(a)
            let rhs = kb == .bool ? try numeric(b) : try value(b)
            return .compare(sqlOp, lhs, rhs)
        default:
            // Different kinds are never equal (and never ordered): != holds, the others do not.
            let (x, y) = (try value(a), try value(b))
            return .caseWhen([SQLWhen(.or(.isNull(x), .isNull(y)), .null)], else: .bool(op == .notEqual))
        }
    }

    /// The comparison with its sides swapped: `a < b` is `b > a`.
    static func mirrored(_ op: SQLComparison) -> SQLComparison {
        switch op {
        case .equal, .notEqual: op
        case .less: .greater
        case .lessEqual: .greaterEqual
        case .greater: .less
        case .greaterEqual: .lessEqual
        }
    }

    private func member(_ a: RowExpr, _ options: [LiteralValue]) throws(NotPushable) -> SQLExpr {
        let kind = Self.kind(a)
        if kind == .period { throw NotPushable(reason: "a membership test on a period") }
        var list: [SQLExpr] = []
        // First occurrence kept, in order; the set keeps a list of 100,000 values linear.
        var seen: Set<SQLExpr> = []
        func add(_ e: SQLExpr) { if seen.insert(e).inserted { list.append(e) } }
        switch (a, kind) {
        case (.column(_, .text), _):
            // The written value: text as is, a number as the engine writes it.
            for o in options {
                switch o {
                case .text(let s): add(.string(s))
                case .number(let x): add(.string(x.description))
                case .bool, .period: break
                }
            }
        case (.column(_, .integer), _):
            for o in options {
                switch o {
                case .text(let s): if let digits = Self.canonicalInteger(s) { add(.number(digits)) }
                case .number(let x): if x.isInteger { add(.number(x.description)) }
                case .bool, .period: break
                }
            }
        case (_, .number):
            for o in options {
                switch o {
                case .number(let x): add(try number(x))
                case .bool(let b): add(.number(b ? "1" : "0"))
                case .text, .period: break
                }
            }
        case (_, .bool):
            for o in options {
                switch o {
                case .bool(let b): add(.bool(b))
                case .number(let x) where x == .zero || x == .one: add(.bool(x == .one))
                case .number, .text, .period: break
                }
            }
        case (_, .text):
            for o in options {
                if case .text(let s) = o { add(.string(s)) }
            }
        case (_, .period):
            throw NotPushable(reason: "a membership test on a period")
        }
        let subject = kind == .bool ? try condition(a) : try value(a)
        if list.isEmpty {
            return .caseWhen([SQLWhen(.isNull(subject), .null)], else: .bool(false))
        }
        return .inList(subject, list)
    }

    /// `s` as an integer literal when the engine writes an integer that way (`-12`, `0`, `751`).
    static func canonicalInteger(_ s: String) -> String? {
        var digits = Substring(s)
        if digits.hasPrefix("-") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 38, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if digits.count > 1 && digits.hasPrefix("0") { return nil }
        if s == "-0" { return nil }
        return s
    }

    // MARK: Values

    /// `e` as a SQL value of its own kind (a Bool as TRUE/FALSE).
    func value(_ e: RowExpr) throws(NotPushable) -> SQLExpr {
        switch e {
        case .column(let i, let t):
            if t == .period { throw NotPushable(reason: "a period column read as a value") }
            return .column(columnName(i))
        case .literal(.number(let x)):
            return try number(x)
        case .literal(.text(let s)):
            return .string(s)
        case .literal(.bool(let b)):
            return .bool(b)
        case .literal(.period):
            throw NotPushable(reason: "a period literal")
        case .negate(.literal(.number(let x))):
            return try number(-x)
        case .arithmetic, .negate:
            throw NotPushable(reason: "row arithmetic")
        case .compare, .and, .or, .not, .member, .truth:
            return try condition(e)
        }
    }

    /// `e` as a number: a Bool as 0 or 1 (missing stays missing), a number as itself.
    func numeric(_ e: RowExpr) throws(NotPushable) -> SQLExpr {
        switch Self.kind(e) {
        case .number:
            return try value(e)
        case .bool:
            let c = try condition(e)
            return .caseWhen([SQLWhen(c, .number("1")), SQLWhen(.not(c), .number("0"))], else: nil)
        case .text, .period:
            throw NotPushable(reason: "a measure of a text or period value")
        }
    }

    /// An exact decimal literal, at most 38 digits.
    func number(_ x: Exact) throws(NotPushable) -> SQLExpr {
        guard let text = x.exactDecimalString(maxFractionDigits: 38),
              text.filter({ $0.isNumber }).count <= 38 else {
            throw NotPushable(reason: "a number that is not a decimal of at most 38 digits")
        }
        return .number(text)
    }
}
