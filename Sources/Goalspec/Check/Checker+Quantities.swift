/// Target-level checking: conditions, measures, peer-group aggregates and time forms.
extension Checker {
    static let measureFunctions: Set<String> = ["share", "count", "sum", "mean", "median", "min", "max", "percentile"]
    static let peerFunctions: Set<String> = ["avg", "median", "min", "max"]
    static let allFunctions = ["share", "count", "sum", "mean", "median", "min", "max", "percentile", "avg", "pooled", "change", "growth"]

    mutating func checkCondition(_ e: Expr, scope: Scope) -> Condition {
        guard enterCheck(e.range) else { return .invalid }
        defer { checkDepth -= 1 }
        switch e.kind {
        case .binary(.and, let l, let r):
            return .and(checkCondition(l, scope: scope), checkCondition(r, scope: scope))
        case .binary(.or, let l, let r):
            return .or(checkCondition(l, scope: scope), checkCondition(r, scope: scope))
        case .not(let inner):
            return .not(checkCondition(inner, scope: scope))
        case .binary(let op, let lhs, let rhs) where op.isComparison:
            let implicitForRight = implicitMeasure(of: lhs)
            let implicitForLeft = implicitMeasure(of: rhs)
            let (l, lt) = checkQuantity(lhs, scope: scope, implicit: implicitForLeft)
            let (r, rt) = checkQuantity(rhs, scope: scope, implicit: implicitForRight)
            guard let l, let r, lt != .invalid, rt != .invalid else { return .invalid }
            if !(lt == rt || (lt == .count && rt == .number) || (lt == .number && rt == .count)) {
                reportComparisonMismatch(op, lt, rt, lhs: lhs, rhs: rhs, range: e.range)
                return .invalid
            }
            if !lt.isOrdered {
                report(.comparisonMismatch, e.range, "cannot compare \(lt) values in a target", have: lt.description,
                       hint: "a target compares measures such as share(...) or count(...)")
                return .invalid
            }
            checkReachable(op, l, r, range: e.range)
            return .compare(op, l, r, text: text(e.range), range: e.range)
        case .quantifier(let q, let ratioExpr, let body):
            var ratio: Exact
            var ratioText: String
            switch q {
            case .all: ratio = .one; ratioText = "100%"
            case .none: ratio = .zero; ratioText = "0%"
            case .atLeast, .atMost:
                guard let ratioExpr else { return .invalid }
                ratioText = text(ratioExpr.range)
                guard let (v, t) = checkLiteral(ratioExpr), case .number(let x) = v, t == .share || t == .number || t == .invalid else {
                    report(.quantifierRatio, ratioExpr.range, "'\(q.rawValue)' needs a ratio or a percentage, such as 7/10 or 70%")
                    return .invalid
                }
                if t == .invalid { return .invalid }
                if t == .number {
                    report(.quantifierRatio, ratioExpr.range, "'\(q.rawValue) \(ratioText)' needs a ratio or a percentage",
                           have: "Number", want: "Share", hint: shareHintText(x))
                    return .invalid
                }
                if x < .zero || x > .one {
                    report(.ratioOutOfRange, ratioExpr.range, "'\(q.rawValue) \(ratioText)' asks for \(q == .atLeast && x > .one ? "more than all" : "a share outside 0% to 100%") of the rows",
                           hint: "a quantifier's ratio lies between 0/10 and 10/10", severity: .warning)
                }
                ratio = x
            }
            let p = checkRow(body, scope: scope)
            guard let predicate = predicate(p, body.range) else { return .invalid }
            let measure = MeasureSpec(kind: .share, argument: predicate, argumentIsPredicate: true, type: .share)
            return .quantifier(q, ratio: ratio, ratioText: ratioText, measure, predicateText: text(body.range), range: e.range)
        case .trend(let inner, let direction, let yearly):
            var fromYear: Int? = nil
            if let yearly {
                guard let y = Int(yearly), y >= 1000, y <= 9999 else {
                    report(.invalidPeriod, e.range, "'\(yearly)' is not a year")
                    return .invalid
                }
                fromYear = y
            }
            guard datasetHasTime(scope, e.range, form: direction.rawValue) else { return .invalid }
            let (q, t) = checkQuantity(inner, scope: scope, implicit: nil)
            guard let q, t != .invalid else { return .invalid }
            guard t.isOrdered else {
                report(.argumentType, inner.range, "'\(direction.rawValue)' needs a measure, not a \(t) value", have: t.description)
                return .invalid
            }
            return .trend(q, direction, yearlyFrom: fromYear, label: text(inner.range), range: e.range)
        case .name(let name):
            if let def = defines[name.matchKey] {
                usedNames.insert(name.matchKey)
                guard enterDefine(def, at: name.range) else { return .invalid }
                defer { defineStack.removeLast() }
                return checkCondition(def.body, scope: scope)
            }
            if let column = lookupColumnQuietly(name, in: scope.schema) {
                report(.notACondition, e.range, "column '\(column.name)' is a value per row, not a condition on the target",
                       hint: "aggregate it: all \(name.text), atLeast 7/10 \(name.text), or share(\(name.text)) >= 70%")
                return .invalid
            }
            reportUnknownName(name, scope: scope)
            return .invalid
        case .invalid:
            return .invalid
        default:
            let (_, t) = checkQuantity(e, scope: scope, implicit: nil)
            if t != .invalid {
                report(.notACondition, e.range, "a target needs a condition, found a \(t) value", have: t.description, want: "Bool",
                       hint: "compare it, as in share(job) >= 70%")
            }
            return .invalid
        }
    }

    private func shareHintText(_ v: Exact) -> String {
        let pct = (v * Exact(100)).exactDecimalString(maxFractionDigits: 6) ?? v.description
        return "write \(pct)% or a ratio such as 7/10"
    }

    /// What an implicit peer-group aggregate on the other side of a comparison measures per member:
    /// the whole side (`change(sum(output))`, `share(job) at previous`, `sum(a) / count()`), less
    /// constant terms and factors (`share(job) + 1.0pp` gives `share(job)`). Nil when the side holds
    /// no measure, or a peer-group aggregate of its own.
    func implicitMeasure(of e: Expr) -> Expr? {
        let census = measureCensus(e)
        guard census.measures > 0, census.peers == 0 else { return nil }
        var term = e
        while case .binary(let op, let a, let b) = term.kind, [.add, .subtract, .multiply, .divide].contains(op) {
            if measureCensus(b).measures == 0 { term = a }
            else if measureCensus(a).measures == 0 && (op == .add || op == .multiply) { term = b }
            else { break }
        }
        return term
    }

    /// How many measure calls and peer-group aggregates an expression holds, through defines.
    /// `expanding`: the defines being expanded, so that a define referring to itself ends the walk
    /// (`checkQuantity` reports it) instead of recursing until the stack overflows.
    func measureCensus(_ e: Expr, expanding: [String] = []) -> (measures: Int, peers: Int) {
        switch e.kind {
        case .call(let name, let args):
            let f = name.text
            if isPeerCall(f, args) || f == "avg" || f == "pooled" { return (0, 1) }
            if Self.measureFunctions.contains(f) { return (1, 0) }
            return args.reduce((0, 0)) { sum, a in
                let c = measureCensus(a, expanding: expanding)
                return (sum.0 + c.measures, sum.1 + c.peers)
            }
        case .binary(_, let a, let b):
            let x = measureCensus(a, expanding: expanding), y = measureCensus(b, expanding: expanding)
            return (x.measures + y.measures, x.peers + y.peers)
        case .negate(let a), .at(let a, _, _):
            return measureCensus(a, expanding: expanding)
        case .name(let n):
            guard expanding.count < 64, let def = defines[n.matchKey], !defineStack.contains(n.matchKey), !expanding.contains(n.matchKey) else {
                return (0, 0)
            }
            // A define's census is the same wherever it is used: computed once, so a chain of
            // defines each using the one before several times costs time linear in the chain.
            if let known = censusCache.counts[n.matchKey] { return known }
            let counts = measureCensus(def.body, expanding: expanding + [n.matchKey])
            censusCache.counts[n.matchKey] = counts
            return counts
        default:
            return (0, 0)
        }
    }

    /// Whether a call of median/min/max is the peer-group form: one argument naming a group, or `M in G`.
    func isPeerCall(_ function: String, _ args: [Expr]) -> Bool {
        guard Self.peerFunctions.contains(function), args.count == 1 else { return false }
        switch args[0].kind {
        case .name(let n): return groupDeclarations[n.matchKey] != nil
        case .binary(.in, _, let g):
            if case .name(let n) = g.kind { return groupDeclarations[n.matchKey] != nil }
            return false
        default: return false
        }
    }

    mutating func datasetHasTime(_ scope: Scope, _ range: SourceRange, form: String) -> Bool {
        if datasets[scope.dataset].time != nil { return true }
        // A time line naming an unusable column was reported already.
        if rejectedTime.contains(scope.dataset) { return false }
        report(.timeWithoutTimeColumn, range, "'\(form)' needs a time column, and data \(datasets[scope.dataset].name) declares none",
               hint: "add 'time COLUMN' under data \(datasets[scope.dataset].name)")
        return false
    }

    mutating func checkQuantity(_ e: Expr, scope: Scope, implicit: Expr?) -> (Quantity?, GoalType) {
        let result = checkQuantityUnrecorded(e, scope: scope, implicit: implicit)
        recordType(result.1, of: e)
        return result
    }

    private mutating func checkQuantityUnrecorded(_ e: Expr, scope: Scope, implicit: Expr?) -> (Quantity?, GoalType) {
        guard enterCheck(e.range) else { return (nil, .invalid) }
        defer { checkDepth -= 1 }
        if let (value, type) = checkLiteral(e) {
            guard type != .invalid else { return (nil, .invalid) }
            switch value {
            case .number(let x): return (.literal(x, type, text: text(e.range)), type)
            case .text, .bool, .period:
                return (.literal(.zero, type, text: text(e.range)), type)
            }
        }
        switch e.kind {
        case .call(let name, let args):
            return checkCall(name, args, e, scope: scope, implicit: implicit)
        case .name(let name):
            if let def = defines[name.matchKey] {
                usedNames.insert(name.matchKey)
                guard enterDefine(def, at: name.range) else { return (nil, .invalid) }
                defer { defineStack.removeLast() }
                return checkQuantity(def.body, scope: scope, implicit: implicit)
            }
            if let column = lookupColumnQuietly(name, in: scope.schema) {
                report(.measureOutsideTarget, e.range, "column '\(column.name)' is a value per row; a target compares measures",
                       hint: column.type == .bool ? "write share(\(name.text)) or count(\(name.text))" : "aggregate it: mean(\(name.text)), sum(\(name.text)) or median(\(name.text))")
                return (nil, .invalid)
            }
            if groupDeclarations[name.matchKey] != nil {
                report(.groupNotValue, e.range, "group '\(name.text)' is not a value", hint: "aggregate it: avg(\(name.text))")
                return (nil, .invalid)
            }
            reportUnknownName(name, scope: scope)
            return (nil, .invalid)
        case .negate(let inner):
            let (q, t) = checkQuantity(inner, scope: scope, implicit: implicit)
            guard let q, t != .invalid else { return (nil, .invalid) }
            return (.negate(q), t)
        case .binary(let op, let lhs, let rhs) where [.add, .subtract, .multiply, .divide].contains(op):
            let (l, lt) = checkQuantity(lhs, scope: scope, implicit: implicit)
            let (r, rt) = checkQuantity(rhs, scope: scope, implicit: implicit)
            guard let l, let r else { return (nil, .invalid) }
            let t = arithmeticType(op, lt, rt, lhs: lhs, rhs: rhs, range: e.range)
            guard t != .invalid else { return (nil, .invalid) }
            return (.arithmetic(op, l, r, t), t)
        case .at(let inner, let reference, let periodRange):
            guard datasetHasTime(scope, e.range, form: "at") else { return (nil, .invalid) }
            let (q, t) = checkQuantity(inner, scope: scope, implicit: implicit)
            guard let q else { return (nil, .invalid) }
            switch reference {
            case .previous: return (.at(q, .previous), t)
            case .window(let n, let unit):
                guard let count = Int(n), count >= 1, count <= 1000 else {
                    report(.invalidNumber, periodRange, "a rolling window needs 1 to 1000 periods, found \(n)")
                    return (nil, .invalid)
                }
                let granularity: Period.Granularity = unit.hasPrefix("quarter") ? .quarter : unit.hasPrefix("month") ? .month : unit.hasPrefix("hal") ? .half : .year
                let probe: Period? = switch granularity {
                case .year: Period(year: 2000)
                case .half: Period(year: 2000, half: 1)
                case .quarter: Period(year: 2000, quarter: 1)
                case .month, .day: Period(year: 2000, month: 1)
                }
                if let probe {
                    let plural = unit == "half" ? "halves" : unit.hasSuffix("s") ? unit : unit + "s"
                    checkGranularity(probe, range: periodRange, dataset: datasets[scope.dataset], describe: "a window of \(plural)")
                }
                return (.at(q, .window(count, granularity)), t)
            case .literal(let p):
                guard let period = parsePeriod(p, range: periodRange) else { return (nil, .invalid) }
                checkGranularity(period, range: periodRange, dataset: datasets[scope.dataset])
                return (.at(q, .fixed(period)), t)
            }
        case .invalid:
            return (nil, .invalid)
        case .binary, .not, .quantifier, .trend:
            report(.argumentType, e.range, "expected a measure or a value, found a condition", have: "Bool",
                   hint: "a condition can be the target's body, or inside share(...)")
            return (nil, .invalid)
        case .list:
            report(.expectedToken, e.range, "a list can only follow 'in'")
            return (nil, .invalid)
        case .number, .percent, .points, .ratio, .string, .bool, .period, .quantity:
            return (nil, .invalid)
        }
    }

    private mutating func checkCall(_ name: Name, _ args: [Expr], _ e: Expr, scope: Scope, implicit: Expr?) -> (Quantity?, GoalType) {
        let f = name.text
        let label = text(e.range)
        if isPeerCall(f, args) || f == "avg" || f == "pooled" {
            return checkPeer(f, args, e, scope: scope, implicit: implicit)
        }
        if Self.measureFunctions.contains(f) {
            guard let m = checkMeasure(f, args, e, scope: scope) else { return (nil, .invalid) }
            return (.measure(m, label: label, range: e.range), m.type)
        }
        if f == "change" || f == "growth" {
            guard args.count == 1 else {
                report(.argumentCount, e.range, "\(f)(...) takes one measure, found \(args.count) arguments")
                return (nil, .invalid)
            }
            guard datasetHasTime(scope, e.range, form: f) else { return (nil, .invalid) }
            let (q, t) = checkQuantity(args[0], scope: scope, implicit: implicit)
            guard let q, t != .invalid else { return (nil, .invalid) }
            guard t.isNumeric else {
                report(.argumentType, args[0].range, "\(f)(...) needs a measure, found a \(t) value", have: t.description)
                return (nil, .invalid)
            }
            if f == "growth" { return (.growth(q), .share) }
            let changeType: GoalType = t == .share ? .points : t
            return (.change(q, changeType), changeType)
        }
        let hint = didYouMean(f, Self.allFunctions) ?? "the functions are \(Self.allFunctions.joined(separator: ", "))"
        report(.unknownFunction, name.range, "unknown function '\(f)'", hint: hint,
               fixIts: Suggestions.closest(to: f, among: Self.allFunctions).map { [FixIt(replace: name.range, with: $0)] } ?? [])
        return (nil, .invalid)
    }

    /// Checks a measure call such as share(job), count(), percentile(x, 90).
    mutating func checkMeasure(_ f: String, _ args: [Expr], _ e: Expr, scope: Scope) -> MeasureSpec? {
        if f == "count" && args.isEmpty {
            return MeasureSpec(kind: .count, argument: nil, argumentIsPredicate: true, type: .count)
        }
        let expectedCount = f == "percentile" ? 2 : 1
        guard args.count == expectedCount else {
            report(.argumentCount, e.range, "\(f)(...) takes \(expectedCount == 2 ? "a column and a percentile" : "one argument"), found \(args.count)",
                   hint: f == "percentile" ? "write percentile(x, 90)" : nil)
            return nil
        }
        let r = checkRow(args[0], scope: scope)
        guard let arg = r.expr else { return nil }
        switch f {
        case "share":
            if r.type == .bool {
                return MeasureSpec(kind: .share, argument: predicate(r, args[0].range), argumentIsPredicate: true, type: .share)
            }
            if r.type == .share {
                return MeasureSpec(kind: .mean, argument: arg, argumentIsPredicate: false, type: .share)
            }
            report(.argumentType, args[0].range, "share(...) needs a condition or a column of shares, found a \(r.type) value",
                   have: r.type.description, want: "Bool or Share",
                   hint: r.type == .text ? "compare it with a value: share(\(text(args[0].range)) == \"...\")" : (r.type == .number ? "share(x) is the fraction of rows where x holds; compare x, as in share(\(text(args[0].range)) == 1), or use mean(...)" : nil))
            return nil
        case "count":
            guard r.type == .bool else {
                report(.argumentType, args[0].range, "count(...) needs a condition, found a \(r.type) value", have: r.type.description, want: "Bool",
                       hint: "count() counts every row in scope; count(P) those where P holds")
                return nil
            }
            return MeasureSpec(kind: .count, argument: predicate(r, args[0].range), argumentIsPredicate: true, type: .count)
        default:
            let type: GoalType
            switch r.type {
            case .bool: type = f == "sum" ? .count : .share
            case .number, .count, .share, .points, .money, .duration: type = r.type
            case .invalid: return nil
            default:
                report(.argumentType, args[0].range, "\(f)(...) needs numbers, found \(r.type) values", have: r.type.description, want: "Number")
                return nil
            }
            let value: RowExpr = r.type == .bool ? .truth(arg) : arg
            var kind: MeasureKind
            switch f {
            case "sum": kind = .sum
            case "mean": kind = .mean
            case "median": kind = .median
            case "min": kind = .min
            case "max": kind = .max
            default:
                guard let (p, pt) = checkLiteral(args[1]), case .number(let x) = p, pt == .number, x >= .zero, x <= Exact(100) else {
                    report(.argumentType, args[1].range, "percentile(x, p) needs p as a number from 0 to 100", want: "Number")
                    return nil
                }
                kind = .percentile(x)
            }
            return MeasureSpec(kind: kind, argument: value, argumentIsPredicate: false, type: type)
        }
    }

    private mutating func checkPeer(_ f: String, _ args: [Expr], _ e: Expr, scope: Scope, implicit: Expr?) -> (Quantity?, GoalType) {
        let label = text(e.range)
        guard args.count == 1 else {
            report(.argumentCount, e.range, "\(f)(...) takes one group, as in \(f)(6byer) or \(f)(share(job) in 6byer)")
            return (nil, .invalid)
        }
        let measureExpr: Expr
        let groupName: Name
        switch args[0].kind {
        case .binary(.in, let m, let g):
            guard case .name(let n) = g.kind else {
                report(.argumentType, g.range, "expected a group name after 'in'")
                return (nil, .invalid)
            }
            measureExpr = m
            groupName = n
        case .name(let n):
            guard let implicit else {
                report(.implicitPeerUnresolved, e.range, "\(f)(\(n.text)) needs a measure, and the other side of the comparison has none of its own",
                       hint: "name the measure: \(f)(share(job) in \(n.text))")
                _ = resolveGroup(n, scope: scope)
                return (nil, .invalid)
            }
            measureExpr = implicit
            groupName = n
        default:
            report(.argumentType, args[0].range, "\(f)(...) takes a group, as in \(f)(6byer), or a measure in a group, as in \(f)(share(job) in 6byer)")
            return (nil, .invalid)
        }
        let census = measureCensus(measureExpr)
        guard census.measures > 0, census.peers == 0 else {
            report(.argumentType, measureExpr.range, census.peers > 0
                   ? "a peer-group aggregate cannot be measured per member of another group"
                   : "expected a measure such as share(job) or growth(sum(x)) before 'in'")
            return (nil, .invalid)
        }
        guard f == "pooled" || datasets[scope.dataset].entity != nil else {
            report(.peerAggregateNeedsEntity, e.range, "\(f)(...) compares entities, and data \(datasets[scope.dataset].name) declares no entity column",
                   hint: "add 'entity COLUMN' under data \(datasets[scope.dataset].name)")
            return (nil, .invalid)
        }
        let (member, memberType) = checkQuantity(measureExpr, scope: scope, implicit: nil)
        let group = resolveGroup(groupName, scope: scope)
        guard let member, memberType != .invalid, let group else { return (nil, .invalid) }
        guard memberType.isOrdered else {
            report(.argumentType, measureExpr.range, "\(f)(...) needs a measure, found a \(memberType) value", have: memberType.description)
            return (nil, .invalid)
        }
        if group.members.count == 1 {
            report(.groupTooSmall, group.range, "group '\(group.name)' has a single member; \(f)(\(group.name)) is just its value",
                   severity: .warning)
        }
        let of = text(measureExpr.range)
        if f == "pooled" {
            return (.pooled(member, group, label: label, of: of, range: e.range), memberType)
        }
        guard let aggregate = PeerAggregate(rawValue: f) else { return (nil, .invalid) }
        return (.peer(aggregate, member, group, label: label, of: of, range: e.range), memberType)
    }

    /// Warns about a threshold no share can reach, such as share(x) > 100%.
    mutating func checkReachable(_ op: BinaryOperator, _ l: Quantity, _ r: Quantity, range: SourceRange) {
        guard case .measure(let m, _, _) = l, m.type == .share, case .literal(let x, .share, let text) = r else { return }
        let impossible: Bool = switch op {
        case .greater: x >= .one
        case .greaterEqual: x > .one
        case .less: x <= .zero
        case .lessEqual: x < .zero
        default: false
        }
        if impossible {
            report(.ratioOutOfRange, range, "no share can be \(op.rawValue) \(text); this target can never be met",
                   hint: "a share lies between 0% and 100%", severity: .warning)
        }
    }
}
