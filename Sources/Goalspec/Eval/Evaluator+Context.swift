/// Why a target's evaluation stopped before a verdict.
enum EvaluationStop: Error {
    /// A figure had no rows behind it: the verdict is `no data`.
    case missing(Reason)
    /// Arithmetic failed: the verdict is `error`.
    case failure(Reason)
}

/// The evaluation of one target (or one part of a breakdown) at one period.
struct Context {
    let evaluator: Evaluator
    let target: CheckedTarget
    let binding: DatasetBinding
    let data: DatasetResult
    let period: Period?
    var part: [Int: String]
    var explanation = Explanation()
    /// While a rolling window is evaluated: its periods, which replace the single period in `gather`.
    var window: [Period]? = nil
    /// Whose rows a measure is taken over: the target's scope, or one member of a peer group, or all members.
    var measureScope: MeasureScope = .focus
    /// Rows behind the measures taken while a peer-group aggregate's member quantity is evaluated;
    /// those measures are counted here instead of being listed one by one.
    var memberRows = 0
    /// Sides of a target-level `and`/`or` that had no data while the other side decided, for the reason.
    var undecided: [Reason] = []

    /// Whose rows the current measure is taken over, for reasons.
    var whose: Whose {
        switch measureScope {
        case .focus: .focus
        case .member(let group, let member): .member(member, group: group.name)
        case .pooled(let group): .pooled(group: group.name)
        }
    }

    /// Whose rows a measure is taken over.
    enum MeasureScope {
        case focus
        case member(GroupBinding, String)
        case pooled(GroupBinding)
    }

    init(evaluator: Evaluator, target: CheckedTarget, binding: DatasetBinding, data: DatasetResult, period: Period?, part: [Int: String]) {
        self.evaluator = evaluator
        self.target = target
        self.binding = binding
        self.data = data
        self.period = period
        self.part = part
    }

    mutating func run() -> (Verdict, Explanation) {
        explanation = Explanation()
        undecided = []
        do {
            switch try truth(target.condition) {
            case .known(let met):
                if !undecided.isEmpty { explanation.reason = undecided.count == 1 ? undecided[0] : .several(undecided) }
                return (met ? .met : .notMet, explanation)
            case .unknown(let reason):
                explanation.reason = reason
                return (.noData, explanation)
            }
        } catch {
            switch error {
            case .missing(let reason):
                explanation.reason = reason
                return (.noData, explanation)
            case .failure(let reason):
                explanation.reason = reason
                return (.error, explanation)
            }
        }
    }

    // MARK: Selecting groups

    private var scope: RowScope {
        var scope = RowScope(focus: target.focus?.values ?? [])
        for c in target.breakdown { if let v = part[c] { scope.part.append(PartKey(column: binding.schema.columns[c].name, value: v)) } }
        if let r = target.filterRange, let file = evaluator.sources.file(r.file) { scope.filter = file.text(in: r) }
        return scope
    }

    /// Merges the groups of a request's table at a period whose `column` value is in `values` and that belong to the current part.
    func gather(_ request: AggregateRequest, at period: Period?, column: Int?, values: Set<String>?) -> Accumulator? {
        guard let table = data.tables[request] else { return nil }
        let timePosition = binding.time.flatMap { request.groupBy.firstIndex(of: $0) }
        let columnPosition = column.flatMap { request.groupBy.firstIndex(of: $0) }
        let partPositions = part.compactMap { c, v in request.groupBy.firstIndex(of: c).map { ($0, v) } }
        var merged: Accumulator? = nil
        func take(_ key: [KeyValue], _ acc: Accumulator) {
            if let tp = timePosition {
                if let window {
                    if !window.contains(where: { Self.period(key[tp], within: $0) }) { return }
                } else if let period, !Self.period(key[tp], within: period) {
                    return
                }
            }
            if let cp = columnPosition, let values, !values.contains(key[cp].description) { return }
            if partPositions.contains(where: { key[$0.0].description != $0.1 }) { return }
            if merged == nil { merged = acc } else { merged?.merge(acc) }
        }
        if let candidates = Self.candidateGroups(table, columnPosition: columnPosition, values: values, part: partPositions) {
            for i in candidates { take(table.groups[i].key, table.groups[i].accumulator) }
        } else {
            for (key, acc) in table.groups { take(key, acc) }
        }
        return merged
    }

    /// What `gather` gives for each single value of `column`, from one walk over the table: the
    /// accumulators of the groups that pass the period, window and part filters, merged per
    /// value in table order. Nil when the table or the column is not there.
    func memberAccumulators(_ request: AggregateRequest, column: Int, at period: Period?) -> MemberAccumulators? {
        guard let table = data.tables[request], let cp = request.groupBy.firstIndex(of: column) else { return nil }
        let timePosition = binding.time.flatMap { request.groupBy.firstIndex(of: $0) }
        let partPositions = part.compactMap { c, v in request.groupBy.firstIndex(of: c).map { ($0, v) } }
        var out = MemberAccumulators(table: table)
        for (i, group) in table.groups.enumerated() where cp < group.key.count {
            let key = group.key
            if let tp = timePosition, tp < key.count {
                if let window {
                    if !window.contains(where: { Self.period(key[tp], within: $0) }) { continue }
                } else if let period, !Self.period(key[tp], within: period) {
                    continue
                }
            }
            if partPositions.contains(where: { $0.0 >= key.count || key[$0.0].description != $0.1 }) { continue }
            out.add(group: i, of: key[cp].description)
        }
        return out
    }

    /// `measureValue` in member scope, given the member's merged accumulator.
    mutating func memberValue(_ m: MeasureSpec, label: String, _ acc: Accumulator?, member: String, group: GroupBinding,
                              at p: Period?) throws(EvaluationStop) -> Evaluated {
        guard let acc, acc.rows > 0 else { throw .missing(.noRowsForMember(member: member, group: group.name, at: p)) }
        guard let v = value(of: m, acc) else {
            if acc.conditionUnknownOnEveryRow(m) {
                throw .missing(.conditionUnknownOnEveryRow(condition: Self.predicate(of: label), whose: .member(member, group: group.name),
                                                           rows: acc.rows, at: p))
            }
            throw .missing(.noValuesForMember(measure: label, member: member, group: group.name, at: p))
        }
        memberRows += acc.rows
        return Evaluated(value: v, type: m.type, hits: nil, total: nil, weighted: binding.weight != nil)
    }

    /// The groups that can pass `gather`'s filters, in table order, from the table's key index:
    /// those of the few selected values of `column`, or of the part's value at its most selective
    /// position. Nil when neither narrows the table (every group is then looked at).
    static func candidateGroups(_ table: AggregateTable, columnPosition: Int?, values: Set<String>?,
                                part: [(Int, String)]) -> [Int]? {
        var best: [Int]? = nil
        if let cp = columnPosition, let values, values.count <= 64 {
            var list: [Int] = []
            for v in values { list += table.groupIndices(at: cp, equalTo: v) }
            best = values.count > 1 ? list.sorted() : list
        }
        for (position, value) in part {
            let list = table.groupIndices(at: position, equalTo: value)
            if best == nil || list.count < (best?.count ?? 0) { best = list }
        }
        return best
    }

    /// Whether a group's period falls in `period`: the same period, or one inside a coarser one (a month in its year).
    /// Months in a period of granularity `g`; nil for days, which months do not divide.
    static func months(in g: Period.Granularity) -> Int? {
        switch g {
        case .year: 12
        case .half: 6
        case .quarter: 3
        case .month: 1
        case .day: nil
        }
    }

    static func period(_ key: KeyValue, within period: Period) -> Bool {
        guard case .period(let p) = key else { return false }
        if p == period { return true }
        guard p.granularity > period.granularity else { return false }
        return p.truncated(to: period.granularity) == period
    }

    /// The combinations of breakdown values that occur in the target's scope at its period.
    func breakdownParts() -> [[Int: String]] {
        let requests = AggregateRequest.all(for: target, in: evaluator.spec)
        guard let first = requests.first, let table = data.tables[first] else { return [] }
        let timePosition = binding.time.flatMap { first.groupBy.firstIndex(of: $0) }
        let focusPosition = target.focus.flatMap { f in first.groupBy.firstIndex(of: f.column) }
        let focusValues = Set(target.focus?.values ?? [])
        var seen = Set<[String]>()
        var parts: [[Int: String]] = []
        for (key, _) in table.groups {
            if let tp = timePosition, let period, !Self.period(key[tp], within: period) { continue }
            if let fp = focusPosition, !focusValues.contains(key[fp].description) { continue }
            let values = target.breakdown.map { c in first.groupBy.firstIndex(of: c).map { key[$0].description } ?? "" }
            if seen.insert(values).inserted {
                var p: [Int: String] = [:]
                for (c, v) in zip(target.breakdown, values) { p[c] = v }
                parts.append(p)
            }
        }
        return parts.sorted { a, b in
            target.breakdown.map { a[$0] ?? "" }.lexicographicallyPrecedes(target.breakdown.map { b[$0] ?? "" })
        }
    }

    // MARK: Conditions

    /// A target condition's truth: known, or unknown because a figure is missing (the reason of the first).
    enum Truth {
        case known(Bool)
        case unknown(Reason)
    }

    /// Target-level `and`, `or`, `not` in Kleene's three-valued logic: a side without data is
    /// unknown, `false and unknown` is false, `true or unknown` is true, anything else with an
    /// unknown side is unknown (no data). Both sides are always evaluated, left to right; a
    /// failure (error) on either side stops the evaluation, even where the other side decides.
    mutating func truth(_ c: Condition) throws(EvaluationStop) -> Truth {
        switch c {
        case .and(let a, let b), .or(let a, let b):
            let isAnd = if case .and = c { true } else { false }
            let x = try truth(a)
            let y = try truth(b)
            // The value that decides the connective on its own: false for `and`, true for `or`.
            let decisive = !isAnd
            switch (x, y) {
            case (.known(let l), .known(let r)):
                return .known(isAnd ? l && r : l || r)
            case (.known(decisive), .unknown(let reason)):
                note(b, reason, connective: isAnd ? .and : .or)
                return .known(decisive)
            case (.unknown(let reason), .known(decisive)):
                note(a, reason, connective: isAnd ? .and : .or)
                return .known(decisive)
            case (.unknown(let reason), _), (_, .unknown(let reason)):
                return .unknown(reason)
            }
        case .not(let a):
            switch try truth(a) {
            case .known(let v): return .known(!v)
            case .unknown(let reason): return .unknown(reason)
            }
        default:
            do {
                return .known(try condition(c))
            } catch {
                switch error {
                case .missing(let reason): return .unknown(reason)
                case .failure: throw error
                }
            }
        }
    }

    /// Records that `side` had no data while the other side of `connective` decided.
    private mutating func note(_ side: Condition, _ reason: Reason, connective: Connective) {
        undecided.append(.undecidedSide(side: Self.text(of: side), because: reason, connective: connective))
    }

    /// A target condition as written, for explanations (parentheses where precedence needs them).
    static func text(of c: Condition) -> String {
        func operand(_ x: Condition, in parent: Condition) -> String {
            switch (x, parent) {
            case (.or, .and), (.quantifier, _): return "(\(text(of: x)))"
            default: return text(of: x)
            }
        }
        switch c {
        case .compare(_, _, _, let text, _):
            return text
        case .quantifier(let q, _, let ratioText, _, let predicateText, _):
            return quantifierText(q, ratioText: ratioText, predicateText: predicateText)
        case .trend(_, let direction, let from, let label, _):
            return from.map { "\(label) \(direction.rawValue) yearly from \($0)" } ?? "\(label) \(direction.rawValue)"
        case .and(let a, let b):
            return "\(operand(a, in: c)) and \(operand(b, in: c))"
        case .or(let a, let b):
            return "\(operand(a, in: c)) or \(operand(b, in: c))"
        case .not(let a):
            return "not (\(text(of: a)))"
        case .invalid:
            return "…"
        }
    }

    static func quantifierText(_ q: Quantifier, ratioText: String, predicateText: String) -> String {
        q == .all || q == .none ? "\(q.rawValue) \(predicateText)" : "\(q.rawValue) \(ratioText) \(predicateText)"
    }

    /// A leaf condition (comparison, quantifier, trend); `and`, `or`, `not` go through `truth`.
    mutating func condition(_ c: Condition) throws(EvaluationStop) -> Bool {
        switch c {
        case .and, .or, .not:
            switch try truth(c) {
            case .known(let v): return v
            case .unknown(let reason): throw .missing(reason)
            }
        case .invalid:
            throw .failure(.conditionDidNotCheck)
        case .compare(let op, let lhs, let rhs, let text, _):
            let l = try quantity(lhs, at: period)
            let r = try quantity(rhs, at: period)
            let met = Self.holds(op, l.value, r.value)
            var check = CheckFigure(text: text, op: op, value: l.value, threshold: r.value, type: l.type, met: met,
                                    margin: nil, marginType: l.type == .share ? .points : l.type, whatItTakes: nil)
            check.margin = l.value - r.value
            var predicateText: String? = nil
            if case .measure(_, let label, _) = lhs { predicateText = Self.predicate(of: label) }
            check.whatItTakes = whatItTakes(op, l, r, met: met, predicateText: predicateText)
            explanation.checks.append(check)
            return met
        case .quantifier(let q, let ratio, let ratioText, let measure, let predicateText, _):
            let label = "share(\(predicateText))"
            let l = try measureValue(measure, label: label, condition: predicateText, at: period)
            let op: BinaryOperator = switch q {
            case .atLeast, .all: .greaterEqual
            case .atMost, .none: .lessEqual
            }
            let r = Evaluated(value: ratio, type: .share, hits: nil, total: nil, weighted: false)
            let met = Self.holds(op, l.value, ratio)
            let text = Self.quantifierText(q, ratioText: ratioText, predicateText: predicateText)
            var check = CheckFigure(text: text, op: op, value: l.value, threshold: ratio, type: .share, met: met,
                                    margin: l.value - ratio, marginType: .points, whatItTakes: nil)
            check.whatItTakes = whatItTakes(op, l, r, met: met, predicateText: predicateText)
            explanation.checks.append(check)
            return met
        case .trend(let q, let direction, let fromYear?, let label, _):
            return try yearlyTrend(q, direction, from: fromYear, label: label)
        case .trend(let q, let direction, nil, let label, _):
            guard let current = period else { throw .missing(.needsPeriods(.trend(direction))) }
            let previous = try previousPeriod(before: current)
            let now = try quantity(q, at: current)
            let before = try quantity(q, at: previous)
            let met = direction == .rises ? now.value > before.value : now.value < before.value
            let changeType: GoalType = now.type == .share ? .points : now.type
            let delta = now.value - before.value
            var takes = Advice.Trend(direction: direction, change: delta, changeType: changeType,
                                     before: before.value, beforePeriod: previous, now: now.value, nowPeriod: current,
                                     type: now.type, met: met, then: nil)
            if !met && now.hits != nil && now.total != nil {
                // The smallest change of whole rows (or exact weight) that crosses the previous value.
                let op: BinaryOperator = direction == .rises ? .greater : .less
                let r = Evaluated(value: before.value, type: now.type, hits: nil, total: nil, weighted: now.weighted)
                takes.then = whatItTakes(op, now, r, met: false, predicateText: Self.predicate(of: label))
            }
            explanation.checks.append(CheckFigure(
                text: "\(label) \(direction.rawValue)", op: direction == .rises ? .greater : .less,
                value: now.value, threshold: before.value, type: now.type, met: met, margin: delta, marginType: changeType,
                whatItTakes: .trend(takes)))
            return met
        }
    }

    /// `M rises yearly from Y`: M for every year from Y+1 to the evaluated period's year is
    /// strictly above (below) M the year before. Finer periods are gathered into their year.
    mutating func yearlyTrend(_ q: Quantity, _ direction: TrendDirection, from first: Int, label: String) throws(EvaluationStop) -> Bool {
        guard let current = period else { throw .missing(.needsPeriods(.yearlyTrend(direction))) }
        guard first < current.year else {
            throw .missing(.needsLaterYear(direction: direction, from: first, evaluated: current))
        }
        var series: [(Int, Exact)] = []
        var type = GoalType.number
        var lastYear = current.year
        var leftOut: Advice.LeftOutYear? = nil
        // A year counts only when the data hold all of its quarters (or months); the last year
        // may still be running and is then left out, an earlier gap makes the verdict no data.
        for year in first...current.year {
            let (have, want, unit) = coverage(of: year, upTo: current)
            guard have < want else { continue }
            if year == current.year && year > first + 1 {
                lastYear = year - 1
                leftOut = Advice.LeftOutYear(year: year, have: have, want: want, of: unit)
            } else {
                throw .missing(.incompleteYear(year: year, have: have, want: want, of: unit, direction: direction))
            }
        }
        for year in first...lastYear {
            guard let p = Period(year: year) else { throw .failure(.yearOutOfRange(year)) }
            guard data.periods.contains(where: { Self.period(.period($0), within: p) }) else { throw .missing(.noRowsForYear(year)) }
            let v = try quantity(q, at: p)
            type = v.type
            series.append((year, v.value))
        }
        var broken: [Int] = []
        for i in 1..<series.count {
            let (year, v) = series[i]
            let before = series[i - 1].1
            let ok = direction == .rises ? v > before : v < before
            if !ok { broken.append(year) }
        }
        let met = broken.isEmpty
        let changeType: GoalType = type == .share ? .points : type
        // The check shows the weakest year: the smallest rise (or fall), which decides the verdict.
        var worst = 1
        for i in 1..<series.count {
            let step = series[i].1 - series[i - 1].1
            let worstStep = series[worst].1 - series[worst - 1].1
            if direction == .rises ? step < worstStep : step > worstStep { worst = i }
        }
        // The margin is value − threshold, as for every check (negative for a met fall).
        let margin = series[worst].1 - series[worst - 1].1
        let yearly = Advice.Yearly(direction: direction, series: series.map { Advice.YearValue(year: $0.0, value: $0.1) },
                                   type: type, broken: broken, leftOut: leftOut)
        explanation.checks.append(CheckFigure(
            text: "\(label) \(direction.rawValue) yearly from \(first)", op: direction == .rises ? .greater : .less,
            value: series[worst].1, threshold: series[worst - 1].1, type: type, met: met, margin: margin, marginType: changeType,
            whatItTakes: .yearly(yearly), weakestYear: series[worst].0))
        return met
    }

    /// How many of a year's periods (at the data's granularity) the data hold, up to `current`.
    func coverage(of year: Int, upTo current: Period) -> (have: Int, want: Int, unit: Period.Granularity) {
        let inYear = data.periods.filter { p in
            guard p.year == year else { return false }
            if p.year < current.year || current.granularity == .year { return true }
            if p.granularity == current.granularity { return p <= current }
            return p.truncated(to: current.granularity).map { $0 <= current } ?? false
        }
        guard let g = inYear.first?.granularity else { return (0, 1, .year) }
        switch g {
        case .year: return (inYear.count, 1, .year)
        case .half: return (Set(inYear.filter { $0.granularity == .half }).count, 2, .half)
        case .quarter: return (Set(inYear.filter { $0.granularity == .quarter }).count, 4, .quarter)
        case .month: return (Set(inYear.filter { $0.granularity == .month }).count, 12, .month)
        case .day:
            let days = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365
            return (Set(inYear.filter { $0.granularity == .day }).count, days, .day)
        }
    }

    /// The condition inside `share(...)`, for "what it takes" wording.
    static func predicate(of label: String) -> String? {
        guard label.hasPrefix("share(") else { return nil }
        var depth = 0
        for (i, ch) in label.enumerated() {
            if ch == "(" { depth += 1 }
            if ch == ")" {
                depth -= 1
                if depth == 0 { return String(label.dropFirst(6).prefix(i - 6)) }
            }
        }
        return nil
    }

    static func holds(_ op: BinaryOperator, _ a: Exact, _ b: Exact) -> Bool {
        switch op {
        case .equal: a == b
        case .notEqual: a != b
        case .less: a < b
        case .lessEqual: a <= b
        case .greater: a > b
        case .greaterEqual: a >= b
        default: false
        }
    }

    /// What it takes to meet a comparison, or how much room there is.
    func whatItTakes(_ op: BinaryOperator, _ l: Evaluated, _ r: Evaluated, met: Bool, predicateText: String?) -> Advice? {
        let marginType: GoalType = l.type == .share ? .points : l.type
        let margin = l.value - r.value
        let counted: Advice.Counted
        if let noun = binding.noun { counted = .noun(noun, inLanguage: binding.nounInLanguage) }
        else if l.weighted, let w = binding.weight { counted = .weight(binding.schema.columns[w].name) }
        else { counted = .rows }
        // Rows and whole-numbered weights come whole: round the shortfall up. Fractional weights
        // (1,5 persons) make it exact.
        let fractionalWeights = l.weighted && !((l.hits?.isInteger ?? true) && (l.total?.isInteger ?? true))
        func amount(_ exact: Exact, strict: Bool) -> Exact {
            if fractionalWeights && !exact.isInteger { return exact }
            var n = exact.ceil()
            if strict, Exact(n) == exact { n = n + BigInt(1) }
            return Exact(n)
        }
        if !met, let hits = l.hits, let total = l.total, op == .greaterEqual || op == .greater {
            if l.type == .share && (r.value > .one || (op == .greater && r.value >= .one)) {
                return .shareCannotBeAbove100
            }
            let needed = r.value * total
            let more = amount(needed - hits, strict: op == .greater)
            if more > total - hits {
                return .cannotBeMetWithTheseRows(condition: predicateText, total: total)
            }
            return .more(amount: more, counted: counted, condition: predicateText, hits: hits, total: total, needed: hits + more)
        }
        if !met, let hits = l.hits, let total = l.total, op == .lessEqual || op == .less {
            let allowed = r.value * total
            let fewer = amount(hits - allowed, strict: op == .less)
            if l.type == .share && (r.value < .zero || (op == .less && r.value <= .zero)) {
                return .shareCannotBeBelow0
            }
            return .fewer(amount: fewer, counted: counted, condition: predicateText, hits: hits, total: total, allowed: hits - fewer)
        }
        if met && margin.isZero && (op == .greaterEqual || op == .lessEqual) { return .exactlyAtRequirement }
        switch op {
        case .greaterEqual, .greater:
            if met { return .aboveRequirement(margin: margin.magnitude, type: marginType) }
            if margin.isZero { return .atRequirementMustBeAbove }
            return .shortOfRequirement(margin: margin.magnitude, type: marginType)
        case .lessEqual, .less:
            if met { return .belowLimit(margin: margin.magnitude, type: marginType) }
            if margin.isZero { return .atLimitMustBeBelow }
            return .overLimit(margin: margin.magnitude, type: marginType)
        case .equal, .notEqual:
            return met ? nil : .differs(margin: margin.magnitude, type: marginType)
        default:
            return nil
        }
    }

    // MARK: Quantities

    /// A quantity's value with what is known of the rows behind it.
    struct Evaluated {
        var value: Exact
        var type: GoalType
        /// For a share or count of a condition: Σ weight where it holds, and in scope.
        var hits: Exact?
        var total: Exact?
        var weighted: Bool
    }

    /// The latest period before `p` at `p`'s granularity that the data hold rows for: a year
    /// before 2019 on quarterly data is the latest year with a quarter in the data.
    func previousPeriod(before p: Period) throws(EvaluationStop) -> Period {
        var best: Period? = nil
        for d in data.periods {
            let candidate = d.granularity == p.granularity ? d : (d.granularity > p.granularity ? d.truncated(to: p.granularity) : nil)
            if let c = candidate, c < p, best.map({ c > $0 }) ?? true { best = c }
        }
        guard let previous = best else { throw .missing(.noPreviousPeriod(p)) }
        return previous
    }

    /// Throws `no data` when `p` is coarser than the data and some of its periods are missing
    /// (2018 with 2 of 4 quarters): a part of a year is not compared with a whole one.
    func requireComplete(_ p: Period) throws(EvaluationStop) {
        let inside = data.periods.filter { $0.granularity > p.granularity && $0.truncated(to: p.granularity) == p }
        guard let finest = inside.map(\.granularity).max(), !data.periods.contains(p) else { return }
        let want: Int
        switch (p.granularity, finest) {
        case (.year, .half): want = 2
        case (.year, .quarter): want = 4
        case (.year, .month): want = 12
        case (.half, .quarter): want = 2
        case (.half, .month): want = 6
        case (.quarter, .month): want = 3
        default: return
        }
        let have = Set(inside.filter { $0.granularity == finest }).count
        if have < want {
            throw .missing(.incompletePeriod(p, have: have, want: want, of: finest))
        }
    }

    mutating func quantity(_ q: Quantity, at p: Period?) throws(EvaluationStop) -> Evaluated {
        switch q {
        case .literal(let x, let t, _):
            return Evaluated(value: x, type: t, hits: nil, total: nil, weighted: false)
        case .measure(let m, let label, _):
            return try measureValue(m, label: label, at: p)
        case .peer(let aggregate, let inner, let group, let label, let of, _):
            return try peerValue(aggregate, inner, group, label: Self.label(label, of: of, inner, group: group.name), at: p)
        case .pooled(let inner, let group, let label, let of, _):
            return try pooledValue(inner, group, label: Self.label(label, of: of, inner, group: group.name), at: p)
        case .arithmetic(let op, let a, let b, let t):
            let x = try quantity(a, at: p)
            let y = try quantity(b, at: p)
            switch op {
            case .add: return Evaluated(value: x.value + y.value, type: t, hits: nil, total: nil, weighted: false)
            case .subtract: return Evaluated(value: x.value - y.value, type: t, hits: nil, total: nil, weighted: false)
            case .multiply: return Evaluated(value: x.value * y.value, type: t, hits: nil, total: nil, weighted: false)
            case .divide:
                guard let v = x.value.divided(by: y.value) else { throw .failure(.divisionByZero) }
                return Evaluated(value: v, type: t, hits: nil, total: nil, weighted: false)
            default: throw .failure(.unsupportedOperator)
            }
        case .negate(let a):
            var x = try quantity(a, at: p)
            x.value = -x.value
            x.hits = nil
            return x
        case .at(let a, let selector):
            switch selector {
            case .fixed(let other):
                guard data.periods.contains(where: { Self.period(.period($0), within: other) }) else {
                    throw .missing(.noRowsForFixedPeriod(other))
                }
                return try quantity(a, at: other)
            case .previous:
                guard let p else { throw .missing(.needsPeriods(.atPrevious)) }
                return try quantity(a, at: try previousPeriod(before: p))
            case .window(let n, let g):
                guard let p else { throw .missing(.needsPeriods(.window)) }
                // A window of years or quarters ending at a finer period rolls: `over last 1 years`
                // at 2024M02 is 2023M03–2024M02, never the months after the one evaluated.
                var count = n
                var lastPeriod: Period? = p.granularity == g ? p : p.truncated(to: g)
                if p.granularity > g, let big = Self.months(in: g), let small = Self.months(in: p.granularity) {
                    let (product, overflow) = n.multipliedReportingOverflow(by: big / small)
                    if !overflow { count = product; lastPeriod = p }
                }
                guard var last = lastPeriod else {
                    throw .missing(.windowCannotEnd(g, at: p))
                }
                var periods: [Period] = []
                for _ in 0..<count {
                    periods.append(last)
                    last = last.previous()
                }
                periods.reverse()
                let missing = periods.filter { w in !data.periods.contains { Self.period(.period($0), within: w) } }
                if !missing.isEmpty {
                    throw .missing(.windowLacks(first: periods.first ?? p, last: p, missing: missing))
                }
                let saved = window
                window = periods
                defer { window = saved }
                let before = explanation.measures.count
                let v = try quantity(a, at: p)
                if let first = periods.first, let final = periods.last {
                    for i in before..<explanation.measures.count {
                        explanation.measures[i].label += " over \(first)–\(final)"
                    }
                }
                return v
            }
        case .change(let a, let t):
            guard let p else { throw .missing(.needsPeriods(.change)) }
            let now = try quantity(a, at: p)
            let before = try quantity(a, at: try previousPeriod(before: p))
            return Evaluated(value: now.value - before.value, type: t, hits: nil, total: nil, weighted: false)
        case .growth(let a):
            guard let p else { throw .missing(.needsPeriods(.growth)) }
            let now = try quantity(a, at: p)
            let before = try quantity(a, at: try previousPeriod(before: p))
            // A relative change needs a positive base: from 0 it is a division by zero, from a
            // negative base its sign is the opposite of the change (−10 to −5 would be −50%).
            guard before.value.signum > 0, let ratio = now.value.divided(by: before.value) else {
                throw .failure(.growthFromNonPositiveBase(base: before.value, type: before.type, whose: whose))
            }
            return Evaluated(value: ratio - .one, type: .share, hits: nil, total: nil, weighted: false)
        }
    }

    /// `memberLabel` names the measure in a pooled member's "no values" reason when `label` is the
    /// pooled aggregate's own (`pooled(bd)`); by default `label`. `condition` is the text of a share's
    /// condition for the reason when it is unknown on every row (by default read from `share(...)`).
    mutating func measureValue(_ m: MeasureSpec, label: String, memberLabel: String? = nil, condition: String? = nil,
                               at p: Period?) throws(EvaluationStop) -> Evaluated {
        if let p, window == nil { try requireComplete(p) }
        let conditionText = condition ?? Self.predicate(of: memberLabel ?? label)
        func unknownEverywhere(_ acc: Accumulator, _ whose: Whose) -> EvaluationStop {
            .missing(.conditionUnknownOnEveryRow(condition: conditionText, whose: whose, rows: acc.rows, at: p))
        }
        switch measureScope {
        case .focus:
            let request = AggregateRequest.focus(m, target: target, dataset: binding)
            let acc = gather(request, at: p, column: target.focus?.column, values: target.focus.map { Set($0.values) })
            guard let acc, acc.rows > 0 else { throw .missing(.noRowsInScope(scope, at: p)) }
            if acc.conditionUnknownOnEveryRow(m) { throw unknownEverywhere(acc, .focus) }
            return try figure(m, acc, label: label, at: p, members: [])
        case .member(let group, let member):
            let request = AggregateRequest.peer(m, group: group, target: target, dataset: binding)
            guard let acc = gather(request, at: p, column: group.column, values: [member]), acc.rows > 0 else {
                throw .missing(.noRowsForMember(member: member, group: group.name, at: p))
            }
            guard let v = value(of: m, acc) else {
                if acc.conditionUnknownOnEveryRow(m) { throw unknownEverywhere(acc, .member(member, group: group.name)) }
                throw .missing(.noValuesForMember(measure: label, member: member, group: group.name, at: p))
            }
            memberRows += acc.rows
            return Evaluated(value: v, type: m.type, hits: nil, total: nil, weighted: binding.weight != nil)
        case .pooled(let group):
            let request = AggregateRequest.peer(m, group: group, target: target, dataset: binding)
            // Every member must have rows, and values of the measure, as for avg(G): a pooled figure
            // without a member is not the group's.
            for member in group.members {
                guard let acc = gather(request, at: p, column: group.column, values: [member]), acc.rows > 0 else {
                    throw .missing(.noRowsForMember(member: member, group: group.name, at: p))
                }
                guard value(of: m, acc) != nil else {
                    let named = memberLabel ?? label
                    if acc.conditionUnknownOnEveryRow(m) { throw unknownEverywhere(acc, .member(member, group: group.name)) }
                    throw .missing(.noValuesForMember(measure: named, member: member, group: group.name, at: p))
                }
            }
            guard let acc = gather(request, at: p, column: group.column, values: Set(group.members)), acc.rows > 0 else {
                throw .missing(.noRowsForMembers(group: group.name, at: p))
            }
            return try figure(m, acc, label: label, at: p, members: [])
        }
    }

    /// A measure's value over `acc`; a measure of the weight column itself is not weighted by itself.
    func value(of m: MeasureSpec, _ acc: Accumulator) -> Exact? {
        var ofWeight = false
        if let w = binding.weight, case .column(w, _)? = m.argument { ofWeight = true }
        return acc.value(of: m, ofWeightColumn: ofWeight)
    }

    /// The label of a peer-group aggregate, with its member quantity when that is more than one measure.
    /// An implicit member quantity is written out in the spec's explicit form: `avg(rest)` of
    /// `growth(sum(output))` is `avg(growth(sum(output)) in rest)`.
    static func label(_ label: String, of: String, _ inner: Quantity, group: String) -> String {
        if case .measure = inner { return label }
        if label.contains(" in ") { return label }
        let head = label.prefix { $0 != "(" }
        return "\(head)(\(of) in \(group))"
    }

    /// `pooled(G)`: the member quantity over all rows of the group's members together.
    mutating func pooledValue(_ inner: Quantity, _ group: GroupBinding, label: String, at p: Period?) throws(EvaluationStop) -> Evaluated {
        guard !group.members.isEmpty else { throw .missing(.groupHasNoMembers(group.name)) }
        let saved = measureScope
        measureScope = .pooled(group)
        defer { measureScope = saved }
        if case .measure(let m, let measureLabel, _) = inner {
            return try measureValue(m, label: label, memberLabel: measureLabel, at: p)
        }
        let before = explanation.measures.count
        let v = try quantity(inner, at: p)
        for i in before..<explanation.measures.count {
            explanation.measures[i].label += " in pooled \(group.name)"
        }
        explanation.measures.append(MeasureFigure(label: label, type: v.type, period: p, value: v.value,
                                                  rows: explanation.measures[before...].reduce(0) { $0 + $1.rows },
                                                  individuals: nil, hits: nil, members: [],
                                                  weightColumn: binding.weight.map { binding.schema.columns[$0].name }, noun: binding.noun, nounInLanguage: binding.nounInLanguage))
        return Evaluated(value: v.value, type: v.type, hits: nil, total: nil, weighted: false)
    }

    mutating func figure(_ m: MeasureSpec, _ acc: Accumulator, label: String, at p: Period?, members: [MemberFigure]) throws(EvaluationStop) -> Evaluated {
        guard let value = value(of: m, acc) else {
            throw .missing(.noValues(measure: label, at: p))
        }
        let weighted = binding.weight != nil
        let weightColumn = binding.weight.map { binding.schema.columns[$0].name }
        let isPredicate = m.argumentIsPredicate && (m.kind == .share || m.kind == .count) && m.argument != nil
        let total = acc.totalWeight
        explanation.measures.append(MeasureFigure(label: label, type: m.type, period: p, value: value, rows: acc.rows,
                                                  individuals: weighted ? total : nil,
                                                  hits: isPredicate ? acc.hitWeight : nil, members: members,
                                                  weightName: binding.noun ?? weightColumn, weightColumn: weightColumn, noun: binding.noun,
                                                  nounInLanguage: binding.nounInLanguage,
                                                  valueRows: m.argumentIsPredicate || m.argument == nil ? nil : acc.valueRows))
        return Evaluated(value: value, type: m.type, hits: isPredicate && m.kind == .share ? acc.hitWeight : nil,
                         total: isPredicate && m.kind == .share ? total : nil, weighted: weighted)
    }

    mutating func peerValue(_ aggregate: PeerAggregate, _ inner: Quantity, _ group: GroupBinding, label: String, at p: Period?) throws(EvaluationStop) -> Evaluated {
        guard !group.members.isEmpty else { throw .missing(.groupHasNoMembers(group.name)) }
        var members: [MemberFigure] = []
        var values: [Exact] = []
        var rows = 0
        let saved = (measureScope, memberRows, explanation.measures.count)
        defer { (measureScope, memberRows) = (saved.0, saved.1) }
        // A plain measure per member: every member's rows from one walk over the table, instead
        // of one lookup per member (a group of a million people). The same figures and the same
        // stops, member by member, as `measureValue` in member scope gives.
        let batch: MemberAccumulators?
        if case .measure(let m, _, _) = inner {
            if let p, window == nil { try requireComplete(p) }
            batch = memberAccumulators(AggregateRequest.peer(m, group: group, target: target, dataset: binding),
                                       column: group.column, at: p)
        } else {
            batch = nil
        }
        for member in group.members {
            measureScope = .member(group, member)
            memberRows = 0
            let v: Evaluated
            if let batch, case .measure(let m, let label, _) = inner {
                v = try memberValue(m, label: label, batch[member], member: member, group: group, at: p)
            } else {
                v = try quantity(inner, at: p)
            }
            members.append(MemberFigure(name: member, value: v.value, rows: memberRows))
            values.append(v.value)
            rows += memberRows
        }
        // Member quantities list no figures of their own (time forms inside may have tried).
        explanation.measures.removeSubrange(saved.2...)
        let value: Exact
        switch aggregate {
        case .avg:
            value = values.reduce(Exact.zero, +).divided(by: Exact(values.count)) ?? .zero
        case .min:
            value = values.min() ?? .zero
        case .max:
            value = values.max() ?? .zero
        case .median:
            let sorted = values.sorted()
            let mid = sorted.count / 2
            value = sorted.count % 2 == 1 ? sorted[mid] : ((sorted[mid - 1] + sorted[mid]).divided(by: Exact(2)) ?? .zero)
        }
        let type = Checker.type(of: inner)
        explanation.measures.append(MeasureFigure(label: label, type: type, period: p, value: value, rows: rows,
                                                  individuals: nil, hits: nil, members: members,
                                                  weightColumn: binding.weight.map { binding.schema.columns[$0].name }, noun: binding.noun, nounInLanguage: binding.nounInLanguage))
        return Evaluated(value: value, type: type, hits: nil, total: nil, weighted: false)
    }
}
