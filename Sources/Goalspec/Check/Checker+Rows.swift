/// Row-level checking: expressions evaluated once per row (filters, predicates, measure arguments).
extension Checker {
    struct RowResult {
        var expr: RowExpr?
        var type: GoalType
        static let invalid = RowResult(expr: nil, type: .invalid)
    }

    /// Checks a literal, giving its exact value and type, or nil when `e` is not a literal.
    mutating func checkLiteral(_ e: Expr) -> (LiteralValue, GoalType)? {
        switch e.kind {
        case .number(let n):
            guard let v = Exact(decimal: n) else {
                report(.invalidNumber, e.range, "invalid number '\(n)'")
                return (.number(.zero), .invalid)
            }
            warnIfThousandsLike(n, e.range)
            return (.number(v), .number)
        case .percent(let n):
            guard let v = Exact(decimal: n), let f = v.divided(by: Exact(100)) else {
                report(.invalidNumber, e.range, "invalid percentage '\(n)%'")
                return (.number(.zero), .invalid)
            }
            return (.number(f), .share)
        case .points(let n):
            guard let v = Exact(decimal: n), let f = v.divided(by: Exact(100)) else {
                report(.invalidNumber, e.range, "invalid percentage points '\(n)pp'")
                return (.number(.zero), .invalid)
            }
            return (.number(f), .points)
        case .ratio(let a, let b):
            guard let x = Exact(decimal: a), let y = Exact(decimal: b), let r = x.divided(by: y) else {
                report(.invalidNumber, e.range, "ratio \(a)/\(b) divides by zero")
                return (.number(.zero), .invalid)
            }
            return (.number(r), .share)
        case .string(let s):
            return (.text(s), .text)
        case .bool(let b):
            return (.bool(b), .bool)
        case .period(let p):
            guard let period = parsePeriod(p, range: e.range) else { return (.number(.zero), .invalid) }
            return (.period(period), .period)
        case .quantity(let n, let unit):
            guard let v = Exact(decimal: n) else {
                report(.invalidNumber, e.range, "invalid number '\(n)'")
                return (.number(.zero), .invalid)
            }
            warnIfThousandsLike(n, e.range)
            guard let meaning = unitMeaning(unit.text) else {
                report(.invalidNumber, unit.range, "unknown unit '\(unit.text)'", hint: "units are kr, tkr, t.kr, mio. kr, mia. kr and days")
                return (.number(.zero), .invalid)
            }
            return (.number(v * meaning.scale), meaning.type)
        case .list, .name, .call, .negate, .not, .binary, .quantifier, .at, .trend, .invalid:
            return nil
        }
    }

    /// Warns about a literal such as `300.000` or `1.500.000`, which a Danish reader takes for
    /// thousands but which is a decimal point in a spec (`300.000` is 300).
    mutating func warnIfThousandsLike(_ text: String, _ range: SourceRange) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let whole = parts.first, let fraction = parts.last,
              (1...3).contains(whole.count), whole.first != "0", fraction.count == 3,
              whole.allSatisfy(\.isASCII), fraction.allSatisfy(\.isASCII),
              warnedLiterals.insert(range).inserted else { return }
        let value = Exact(decimal: text).map { ValueFormatting.number($0, maxDigits: 3) } ?? text
        report(.thousandsLikeLiteral, range, "\(text) is \(value): in a spec '.' is the decimal point, never a thousands mark",
               hint: value == text ? "write \(whole)\(fraction) for \(whole) thousand \(fraction); if \(text) is meant, write \(text)0 to say so"
                   : "write \(whole)\(fraction) for \(whole) thousand, or \(value) if \(value) is meant", severity: .warning)
    }

    mutating func checkRow(_ e: Expr, scope: Scope) -> RowResult {
        let result = checkRowUnrecorded(e, scope: scope)
        recordType(result.type, of: e)
        return result
    }

    private mutating func checkRowUnrecorded(_ e: Expr, scope: Scope) -> RowResult {
        guard enterCheck(e.range) else { return .invalid }
        defer { checkDepth -= 1 }
        if let (value, type) = checkLiteral(e) {
            return type == .invalid ? .invalid : RowResult(expr: .literal(value), type: type)
        }
        switch e.kind {
        case .number, .percent, .points, .ratio, .string, .bool, .period, .quantity:
            return .invalid
        case .invalid:
            return .invalid
        case .list:
            report(.expectedToken, e.range, "a list can only follow 'in'", hint: "write column in [\"a\", \"b\"]")
            return .invalid
        case .name(let name):
            return checkRowName(name, scope: scope)
        case .call(let name, _):
            report(.measureOutsideTarget, e.range, "\(name.text)(...) aggregates rows and cannot be used inside a row condition",
                   hint: "row conditions compare a row's columns, such as reached == 1")
            return .invalid
        case .negate(let inner):
            let r = checkRow(inner, scope: scope)
            guard let x = r.expr else { return .invalid }
            if !r.type.isNumeric {
                report(.unitMismatch, e.range, "cannot negate a \(r.type) value", have: r.type.description, want: "a number")
                return .invalid
            }
            return RowResult(expr: .negate(x), type: r.type)
        case .not(let inner):
            let r = checkRow(inner, scope: scope)
            guard let x = predicate(r, inner.range) else { return .invalid }
            return RowResult(expr: .not(x), type: .bool)
        case .binary(let op, let lhs, let rhs):
            return checkRowBinary(op, lhs, rhs, e, scope: scope)
        case .quantifier(let q, _, _):
            report(.measureOutsideTarget, e.range, "'\(q.rawValue)' counts rows and cannot be used inside a row condition")
            return .invalid
        case .at:
            report(.measureOutsideTarget, e.range, "'at' applies to measures, not to row values")
            return .invalid
        case .trend(_, let d, _):
            report(.measureOutsideTarget, e.range, "'\(d.rawValue)' applies to measures, not to row values")
            return .invalid
        }
    }

    /// A row result used as a condition: Bool, with Bool columns read as truth values.
    mutating func predicate(_ r: RowResult, _ range: SourceRange) -> RowExpr? {
        guard let x = r.expr else { return nil }
        guard r.type == .bool else {
            if r.type != .invalid {
                report(.notACondition, range, "expected a condition, found a \(r.type) value",
                       have: r.type.description, want: "Bool", hint: r.type == .number ? "compare it, as in reached == 1" : nil)
            }
            return nil
        }
        if case .column = x { return .truth(x) }
        return x
    }

    private mutating func checkRowName(_ name: Name, scope: Scope) -> RowResult {
        if let def = defines[name.matchKey] {
            usedNames.insert(name.matchKey)
            guard enterDefine(def, at: name.range) else { return .invalid }
            defer { defineStack.removeLast() }
            return checkRow(def.body, scope: scope)
        }
        if let column = lookupColumnQuietly(name, in: scope.schema) {
            reportAmbiguousNumbers(column, dataset: scope.dataset)
            let expr = RowExpr.column(column.index, column.type)
            if let unit = datasets[scope.dataset].units[column.index] {
                if unit.type == .invalid { return .invalid }
                let scaled: RowExpr = unit.scale == .one ? expr : .arithmetic(.multiply, expr, .literal(.number(unit.scale)))
                return RowResult(expr: scaled, type: unit.type)
            }
            return RowResult(expr: expr, type: column.type.goalType)
        }
        if groupDeclarations[name.matchKey] != nil {
            report(.groupNotValue, name.range, "group '\(name.text)' is not a row value",
                   hint: "test membership with column in \(name.text), or aggregate with avg(\(name.text))")
            return .invalid
        }
        reportUnknownName(name, scope: scope)
        return .invalid
    }

    mutating func reportUnknownName(_ name: Name, scope: Scope) {
        let candidates = defines.values.sorted { $0.range < $1.range }.map(\.name.text) + scope.schema.columns.map(\.name)
        var hint = didYouMean(name.text, candidates)
        if hint == nil, let k = Suggestions.closest(to: name.text, among: Keyword.allCases.map(\.rawValue)) {
            hint = "did you mean the keyword '\(k)'?"
        }
        report(.unknownName, name.range, "unknown name '\(name.text)': no define or column of \(scope.schema.path) has that name",
               hint: hint ?? "the columns are \(scope.schema.columns.map(\.name).joined(separator: ", "))")
    }

    /// Pushes a define on the expansion stack; false (with a diagnostic) when it refers to itself.
    mutating func enterDefine(_ def: DefineDeclaration, at use: SourceRange) -> Bool {
        let key = def.name.matchKey
        // Defines are expanded where they are used: chains like `d2 = d1 and d1` double at each
        // step, so the expansions per target are capped.
        defineExpansions += 1
        if defineExpansions > Checker.maxDefineExpansions {
            if defineExpansions == Checker.maxDefineExpansions + 1 {
                report(.nestingTooDeep, use, "defines expand to more than \(Checker.maxDefineExpansions) uses in one target",
                       hint: "a define that uses another twice doubles its size; simplify the chain")
            }
            return false
        }
        if defineStack.contains(key) {
            report(.recursiveDefine, def.name.range, "define '\(def.name.text)' refers to itself",
                   notes: [DiagnosticNote("used here", at: .source(use))])
            return false
        }
        defineStack.append(key)
        return true
    }

    private mutating func checkRowBinary(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, _ e: Expr, scope: Scope) -> RowResult {
        switch op {
        case .and, .or:
            let l = checkRow(lhs, scope: scope), r = checkRow(rhs, scope: scope)
            guard let a = predicate(l, lhs.range), let b = predicate(r, rhs.range) else { return .invalid }
            return RowResult(expr: op == .and ? .and(a, b) : .or(a, b), type: .bool)
        case .in:
            let l = checkRow(lhs, scope: scope)
            var values: [LiteralValue] = []
            switch rhs.kind {
            case .list(let items):
                for item in items {
                    guard var (v, t) = checkLiteral(item) else {
                        report(.expectedToken, item.range, "a list after 'in' holds literal values")
                        return .invalid
                    }
                    if l.type == .bool, case .text(let s) = v, let truth = Self.boolText(s) { (v, t) = (.bool(truth), .bool) }
                    if t != .invalid && l.type != .invalid && !comparable(l.type, t, literal: v) {
                        report(.comparisonMismatch, item.range, "cannot compare a \(l.type) column with a \(t) value",
                               have: "\(l.type) in \(t)", want: "values of type \(l.type)")
                        return .invalid
                    }
                    values.append(v)
                }
            case .name(let groupName):
                guard let g = resolveGroup(groupName, scope: scope) else { return .invalid }
                // Members are written as text; a Bool or decimal column compares them as its own
                // values (`"Ja"` is true), never as text that could silently match nothing.
                for member in g.members {
                    if l.type == .bool, let truth = Self.boolText(member) {
                        values.append(.bool(truth))
                    } else if l.type == .number, let x = Exact(decimal: member.replacingOccurrences(of: ",", with: ".")),
                              case .column(_, let columnType) = l.expr, columnType != .integer {
                        values.append(.number(x))
                    } else if l.type == .period, let p = Period(parsing: member) {
                        values.append(.period(p))
                    } else if l.type == .bool || l.type == .period {
                        report(.comparisonMismatch, groupName.range, "group \(g.name) holds '\(member)', which is not a \(l.type) value of the column",
                               have: "\(l.type) in Text", want: "members the column can hold")
                        return .invalid
                    } else {
                        values.append(.text(member))
                    }
                }
            default:
                report(.expectedToken, rhs.range, "expected a list or a group after 'in'")
                return .invalid
            }
            guard let x = l.expr else { return .invalid }
            return RowResult(expr: .member(x, values), type: .bool)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let l = checkRow(lhs, scope: scope), r = checkRow(rhs, scope: scope)
            guard var a = l.expr, var b = r.expr else { return .invalid }
            var lType = l.type, rType = r.type
            if l.type == .period, case .literal(.number(let y)) = b, let p = yearPeriod(y) { b = .literal(.period(p)); rType = .period }
            if r.type == .period, case .literal(.number(let y)) = a, let p = yearPeriod(y) { a = .literal(.period(p)); lType = .period }
            // A Bool column compared with text it would read as a Bool (`svar == "Ja"`, a column of
            // Ja/Nej): the text is that Bool.
            if l.type == .bool, case .literal(.text(let s)) = b, let v = Self.boolText(s) { b = .literal(.bool(v)); rType = .bool }
            if r.type == .bool, case .literal(.text(let s)) = a, let v = Self.boolText(s) { a = .literal(.bool(v)); lType = .bool }
            if l.type == .period, case .literal(.text(let s)) = b, let p = Period(parsing: s) {
                // The fix writes the spec's spelling: "01-07-2024" (a data spelling) becomes 2024-07-01.
                report(.comparisonMismatch, rhs.range, "\"\(s)\" is text; periods are written without quotes",
                       have: "Period \(op.rawValue) Text", want: "Period \(op.rawValue) Period",
                       fixIts: [FixIt(replace: rhs.range, with: p.description)])
                return .invalid
            }
            let literal: LiteralValue? = if case .literal(let v) = b { v } else if case .literal(let v) = a { v } else { nil }
            guard comparable(lType, rType, literal: literal) else {
                reportComparisonMismatch(op, l.type, r.type, lhs: lhs, rhs: rhs, range: e.range)
                return .invalid
            }
            if (op != .equal && op != .notEqual) && !(l.type.isOrdered || l.type == .bool) {
                report(.comparisonMismatch, e.range, "'\(op.rawValue)' needs ordered values; \(l.type) values can only be tested with == and !=",
                       have: l.type.description)
                return .invalid
            }
            return RowResult(expr: .compare(op, a, b), type: .bool)
        case .add, .subtract, .multiply, .divide:
            let l = checkRow(lhs, scope: scope), r = checkRow(rhs, scope: scope)
            guard let a = l.expr, let b = r.expr else { return .invalid }
            let t = arithmeticType(op, l.type, r.type, lhs: lhs, rhs: rhs, range: e.range)
            guard t != .invalid else { return .invalid }
            return RowResult(expr: .arithmetic(op, a, b), type: t)
        }
    }

    /// The Bool a text literal denotes when a Bool column's field held it (`"Ja"`, `"nej"`, `"true"`).
    static func boolText(_ s: String) -> Bool? {
        Array(s.utf8).withUnsafeBytes { FieldDecoding.bool($0) }
    }

    /// The year period for an integer literal such as 2024.
    func yearPeriod(_ value: Exact) -> Period? {
        guard value.isInteger else { return nil }
        return Period(parsing: value.description)
    }

    /// Whether two types may be compared; a Bool column compares with the literals 0 and 1.
    func comparable(_ a: GoalType, _ b: GoalType, literal: LiteralValue?) -> Bool {
        if a == .invalid || b == .invalid { return true }
        if a == b { return true }
        let numbers: Set<GoalType> = [.number, .count]
        if numbers.contains(a) && numbers.contains(b) { return true }
        if (a == .bool && b == .number) || (a == .number && b == .bool) {
            if case .number(let v) = literal { return v == .zero || v == .one }
            return false
        }
        if (a == .period && b == .number) || (a == .number && b == .period) {
            if case .number(let v) = literal { return v.isInteger }
        }
        return false
    }
}
