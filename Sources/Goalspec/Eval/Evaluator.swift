/// Computes verdicts and explanations from a checked spec and the aggregates of its datasets.
///
/// Guarantees to reports: every target gets exactly one verdict; comparisons are exact
/// (rational arithmetic on counts and data decimals); a target whose scope, period, entity or
/// group has no rows is `no data`, never silently met; each verdict carries the figures behind it.
public struct Evaluator {
    /// Options that change what is evaluated.
    public struct Options: Sendable {
        /// Evaluate at this period instead of the latest in the data (a target's own `at` wins).
        public var period: Period?

        public init(period: Period? = nil) { self.period = period }
    }

    let spec: CheckedSpec
    let results: [Int: DatasetResult]
    let sources: SourceSet
    let options: Options

    /// Creates an evaluator over the results of running the plan (dataset index → result).
    public init(spec: CheckedSpec, results: [Int: DatasetResult], sources: SourceSet, options: Options = Options()) {
        self.spec = spec
        self.results = results
        self.sources = sources
        self.options = options
    }

    /// Evaluates every target and goal.
    public func evaluate() -> [ItemResult] {
        spec.items.map(evaluate)
    }

    private func location(_ range: SourceRange) -> (String, Int) {
        guard let file = sources.file(range.file) else { return ("", 0) }
        return (file.path, file.lineColumn(of: range.lowerBound).line)
    }

    private func evaluate(_ item: CheckedItem) -> ItemResult {
        switch item {
        case .target(let t):
            return .target(evaluateTarget(t))
        case .goal(let g):
            let children = g.children.map(evaluate)
            let met = children.filter { $0.verdict.isMet }.count
            var verdict: Verdict
            switch g.rule {
            case .all where children.isEmpty:
                verdict = .noData
            case .all:
                if children.allSatisfy({ $0.verdict.isMet }) { verdict = .met }
                else if children.contains(where: { $0.verdict == .notMet }) { verdict = .notMet }
                else if children.contains(where: { $0.verdict == .error }) { verdict = .error }
                else { verdict = .noData }
            case .atLeast(let k):
                if met >= k { verdict = .met }
                else {
                    let undecided = children.filter { $0.verdict == .noData || $0.verdict == .error }.count
                    verdict = met + undecided >= k ? .noData : .notMet
                }
            }
            if verdict == .met, children.contains(where: { $0.verdict == .atRisk }),
               children.filter({ $0.verdict == .met }).count < { if case .atLeast(let k) = g.rule { return k } else { return children.count } }() {
                verdict = .atRisk
            }
            let (file, line) = location(g.range)
            return .goal(GoalResult(title: g.title, rule: g.rule, verdict: verdict, file: file, line: line,
                                    children: children, metChildren: met))
        }
    }

    func evaluateTarget(_ t: CheckedTarget) -> TargetResult {
        let (file, line) = location(t.range)
        var result = TargetResult(id: t.id, title: t.title, file: file, line: line, condition: t.conditionText,
                                  verdict: .noData, period: nil,
                                  focus: t.focus.map(Self.focusText),
                                  explanation: Explanation(), parts: [])
        guard let data = results[t.dataset] else {
            result.verdict = .error
            result.explanation.reason = .dataNotRead
            return result
        }
        let binding = spec.datasets[t.dataset]
        var period: Period? = nil
        if binding.time != nil {
            period = t.period ?? options.period ?? data.periods.last
            guard let p = period else {
                result.explanation.reason = .noRows
                return result
            }
            let granularities = Set(data.periods.map(\.granularity))
            if t.period == nil && options.period == nil && granularities.count > 1 {
                // "The latest period" is not one period when years and quarters are mixed.
                result.explanation.reason = .mixedGranularities(dataset: binding.path, granularities: granularities.sorted(), example: p)
                return result
            }
            if !data.periods.contains(where: { Context.period(.period($0), within: p) }) {
                result.period = p
                result.explanation.reason = .noRowsForPeriod(p, dataset: binding.path, first: data.periods.first, last: data.periods.last)
                return result
            }
        }
        result.period = period
        var context = Context(evaluator: self, target: t, binding: binding, data: data, period: period, part: [:])
        if t.breakdown.isEmpty {
            let (verdict, explanation) = context.run()
            (result.verdict, result.explanation) = Self.risk(verdict, explanation, t.riskMargin)
            return result
        }
        // Breakdown: one evaluation per combination of the breakdown columns' values seen in scope.
        let parts = context.breakdownParts()
        if parts.isEmpty {
            result.explanation.reason = .nothingToBreakDown
            return result
        }
        for part in parts {
            context.part = part
            let (rawVerdict, rawExplanation) = context.run()
            let (verdict, explanation) = Self.risk(rawVerdict, rawExplanation, t.riskMargin)
            let key = t.breakdown.map { c in (binding.schema.columns[c].name, part[c] ?? "") }
            result.parts.append(PartResult(key: key, verdict: verdict, explanation: explanation))
        }
        let verdicts = result.parts.map(\.verdict)
        if verdicts.allSatisfy({ $0 == .met }) { result.verdict = .met }
        else if verdicts.allSatisfy({ $0.isMet }) { result.verdict = .atRisk }
        else if verdicts.contains(.notMet) { result.verdict = .notMet }
        else if verdicts.contains(.error) { result.verdict = .error }
        else { result.verdict = .noData }
        let met = verdicts.filter { $0.isMet }.count
        result.explanation.reason = .partsMet(met: met, total: verdicts.count)
        return result
    }

    /// A met verdict becomes at risk when a met comparison's margin is smaller than the risk margin.
    static func risk(_ verdict: Verdict, _ explanation: Explanation, _ margin: Exact?) -> (Verdict, Explanation) {
        guard verdict == .met, let margin else { return (verdict, explanation) }
        guard let close = explanation.checks.first(where: { c in
            guard c.met == true, let m = c.margin else { return false }
            return m.magnitude < margin
        }), let m = close.margin else { return (verdict, explanation) }
        var e = explanation
        e.reason = .atRisk(margin: m.magnitude, within: margin, type: close.marginType, also: explanation.reason)
        return (.atRisk, e)
    }

    /// A focus as spec text: `city = "Aarhus"`, `city in ["Aarhus", "Odense"]`.
    static func focusText(_ f: Focus) -> String {
        let quoted = f.values.map { v in "\u{22}" + v + "\u{22}" }
        if quoted.count == 1 { return f.columnName + " = " + quoted[0] }
        return f.columnName + " in [" + quoted.joined(separator: ", ") + "]"
    }
}
