/// Turns a checked spec into a plan of measures: for each dataset, every aggregate that any
/// target needs, deduplicated, so that one pass over the dataset computes them all.
///
/// Guarantees to the engine: each `AggregateRequest` names its filter, measure and grouping
/// columns by schema index; `columns` lists every column the dataset's requests read, so the
/// engine touches no other. The plan holds no data and no file handles, so an interpreter and a
/// SQL backend can both execute it. Evaluation looks results up with the same request values.
public struct EvaluationPlan: Sendable, Hashable {
    /// One entry per dataset that at least one target reads.
    public var datasets: [DatasetPlan]

    /// Plans every target of a checked spec.
    public init(_ spec: CheckedSpec) {
        var byDataset: [Int: [AggregateRequest]] = [:]
        var seen: [Int: Set<AggregateRequest>] = [:]
        func visit(_ item: CheckedItem) {
            switch item {
            case .goal(let g): g.children.forEach(visit)
            case .target(let t):
                for r in AggregateRequest.all(for: t, in: spec) where !(seen[t.dataset]?.contains(r) ?? false) {
                    seen[t.dataset, default: []].insert(r)
                    byDataset[t.dataset, default: []].append(r)
                }
            }
        }
        spec.items.forEach(visit)
        datasets = byDataset.keys.sorted().map { index in
            DatasetPlan(dataset: index, binding: spec.datasets[index], requests: byDataset[index] ?? [])
        }
    }
}

/// The aggregates to compute over one dataset in a single pass.
public struct DatasetPlan: Sendable, Hashable {
    /// The dataset's index in `CheckedSpec.datasets`.
    public var dataset: Int
    public var binding: DatasetBinding
    public var requests: [AggregateRequest]

    /// Every column any request reads, ascending.
    public var columns: [Int] {
        var all = Set<Int>()
        if let w = binding.weight { all.insert(w) }
        if let t = binding.time { all.insert(t) }
        for r in requests {
            all.formUnion(r.groupBy)
            if let f = r.filter { all.formUnion(f.columns) }
            if let a = r.measure.argument { all.formUnion(a.columns) }
        }
        return all.sorted()
    }
}

/// One aggregate: a measure over the rows passing `filter`, grouped by the values of `groupBy`.
public struct AggregateRequest: Sendable, Hashable {
    public var measure: MeasureSpec
    public var filter: RowExpr?
    /// Grouping columns: the time column first when the dataset has one.
    public var groupBy: [Int]

    /// The most grouping columns a request may have.
    public static let maxGroupColumns = 6

    /// The request for a measure over a target's own scope: grouped by time, the focus column and the breakdown.
    public static func focus(_ measure: MeasureSpec, target: CheckedTarget, dataset: DatasetBinding) -> AggregateRequest {
        var keys: [Int] = []
        if let t = dataset.time { keys.append(t) }
        if let f = target.focus, !keys.contains(f.column) { keys.append(f.column) }
        for b in target.breakdown where !keys.contains(b) { keys.append(b) }
        return AggregateRequest(measure: measure, filter: target.filter, groupBy: keys)
    }

    /// The request for a measure per member of a group: grouped by time, the group's column and the breakdown;
    /// a focus on another column filters the rows.
    public static func peer(_ measure: MeasureSpec, group: GroupBinding, target: CheckedTarget, dataset: DatasetBinding) -> AggregateRequest {
        var keys: [Int] = []
        if let t = dataset.time { keys.append(t) }
        if !keys.contains(group.column) { keys.append(group.column) }
        for b in target.breakdown where !keys.contains(b) { keys.append(b) }
        var filter = target.filter
        if let f = target.focus, f.column != group.column {
            let focusFilter = RowExpr.member(.column(f.column, dataset.schema.columns[f.column].type), f.values.map { .text($0) })
            filter = filter.map { .and($0, focusFilter) } ?? focusFilter
        }
        return AggregateRequest(measure: measure, filter: filter, groupBy: keys)
    }

    /// Every request a target needs.
    public static func all(for target: CheckedTarget, in spec: CheckedSpec) -> [AggregateRequest] {
        let dataset = spec.datasets[target.dataset]
        var out: [AggregateRequest] = []
        // `group`: inside a peer-group aggregate, whose measures are taken per member of the group.
        func quantity(_ q: Quantity, group: GroupBinding? = nil) {
            switch q {
            case .literal: break
            case .measure(let m, _, _):
                out.append(group.map { peer(m, group: $0, target: target, dataset: dataset) } ?? focus(m, target: target, dataset: dataset))
            case .peer(_, let inner, let g, _, _, _), .pooled(let inner, let g, _, _, _): quantity(inner, group: g)
            case .arithmetic(_, let a, let b, _): quantity(a, group: group); quantity(b, group: group)
            case .negate(let a), .at(let a, _), .change(let a, _), .growth(let a): quantity(a, group: group)
            }
        }
        func condition(_ c: Condition) {
            switch c {
            case .compare(_, let a, let b, _, _): quantity(a); quantity(b)
            case .and(let a, let b), .or(let a, let b): condition(a); condition(b)
            case .not(let a): condition(a)
            case .quantifier(_, _, _, let m, _, _): out.append(focus(m, target: target, dataset: dataset))
            case .trend(let q, _, _, _, _): quantity(q)
            case .invalid: break
            }
        }
        condition(target.condition)
        return out
    }
}
