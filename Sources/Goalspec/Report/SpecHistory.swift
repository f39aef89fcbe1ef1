/// The results of a spec's targets at the earlier periods of their data, from evaluating the
/// prepared spec again at each period (the data are not read again): the series the HTML
/// report draws.
struct SpecHistory {
    /// The checked targets by id.
    let checked: [String: CheckedTarget]
    /// Results by period evaluated, then target id.
    private let evaluations: [Period: [String: TargetResult]]
    /// The earlier periods of each target's series, ascending.
    private let periods: [String: [Period]]

    /// The most periods a series shows, the one evaluated included.
    static let maximumPeriods = 12

    init(_ spec: Runner.SpecResult) {
        guard let prepared = spec.prepared else {
            checked = [:]; evaluations = [:]; periods = [:]
            return
        }
        var checked: [String: CheckedTarget] = [:]
        func visit(_ item: CheckedItem) {
            switch item {
            case .target(let t): checked[t.id] = t
            case .goal(let g): g.children.forEach(visit)
            }
        }
        prepared.checked.items.forEach(visit)
        var periods: [String: [Period]] = [:]
        var wanted = Set<Period>()
        for t in Self.targets(spec.items) {
            guard let c = checked[t.id], c.period == nil, let latest = t.period,
                  let data = prepared.data[c.dataset] else { continue }
            if case .trend(_, _, yearlyFrom: .some, _, _) = c.condition { continue }
            let earlier = data.periods.filter { $0.granularity == latest.granularity && $0 < latest }.suffix(Self.maximumPeriods - 1)
            periods[t.id] = Array(earlier)
            wanted.formUnion(earlier)
        }
        var evaluations: [Period: [String: TargetResult]] = [:]
        for period in wanted.sorted() {
            var byID: [String: TargetResult] = [:]
            for t in Self.targets(prepared.evaluate(at: period)) { byID[t.id] = t }
            evaluations[period] = byID
        }
        self.checked = checked
        self.evaluations = evaluations
        self.periods = periods
    }

    /// The target's results at its earlier periods, then `latest`, ascending by period.
    /// A period where the target was evaluated at another period (its own `at`) is left out.
    func series(_ latest: TargetResult) -> [(period: Period, result: TargetResult)] {
        var out: [(Period, TargetResult)] = []
        for p in periods[latest.id] ?? [] {
            if let r = evaluations[p]?[latest.id], r.period == p { out.append((p, r)) }
        }
        if let p = latest.period { out.append((p, latest)) }
        return out
    }

    /// Every target of a list of items, depth first in source order.
    static func targets(_ items: [ItemResult]) -> [TargetResult] {
        var out: [TargetResult] = []
        func visit(_ item: ItemResult) {
            switch item {
            case .target(let t): out.append(t)
            case .goal(let g): g.children.forEach(visit)
            }
        }
        items.forEach(visit)
        return out
    }
}
