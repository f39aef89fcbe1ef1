/// The values behind a median or percentile: one tally per distinct value (its total weight and
/// its rows), so the memory of a group grows with its distinct values, not with its rows.
/// Numbers read from data are keyed as written (cheap to hash); values computed by row
/// arithmetic as exact rationals. `quantile` applies the rule of docs/SEMANTICS.md §3.1.
struct QuantileValues: Sendable {
    /// The total weight and the number of rows of one distinct value.
    struct Tally: Sendable {
        var weight = ExactSum()
        var extraWeight = Exact.zero
        var rows = 0

        var totalWeight: Exact { weight.exact + extraWeight }

        @inline(__always)
        mutating func addRow(weight w: DecimalValue) {
            weight.add(w)
            rows += 1
        }

        mutating func merge(_ other: Tally) {
            weight.add(other.weight)
            extraWeight = extraWeight + other.extraWeight
            rows += other.rows
        }
    }

    /// A decimal as written (`(75100, 0)`, not normalized): hashing it is cheap, and two
    /// spellings of one number (`2`, `2.0`) only make two tallies that sort next to each other.
    struct DecimalKey: Hashable, Sendable {
        var mantissa: Int128
        var scale: Int16
        init(_ d: DecimalValue) {
            mantissa = d.mantissa
            scale = d.scale
        }
    }

    private var decimals: [DecimalKey: Tally] = [:]
    private var exacts: [Exact: Tally] = [:]

    var isEmpty: Bool { decimals.isEmpty && exacts.isEmpty }

    /// Distinct values kept (for tests and memory figures).
    var distinctCount: Int { decimals.count + exacts.count }

    /// A row of weight 1 with a decimal value.
    @inline(__always)
    mutating func addUnit(_ value: DecimalValue) {
        decimals[DecimalKey(value), default: Tally()].rows += 1
    }

    /// A row with a decimal value and its weight.
    @inline(__always)
    mutating func add(_ value: DecimalValue, weight: DecimalValue) {
        decimals[DecimalKey(value), default: Tally()].addRow(weight: weight)
    }

    /// `rows` rows of one computed value with their total weight (`nil`: weight 1 each).
    mutating func add(_ value: Exact, weight: Exact?, rows: Int = 1) {
        var t = exacts[value] ?? Tally()
        if let weight { t.extraWeight = t.extraWeight + weight } else { t.weight.add(Int128(rows), scale: 0) }
        t.rows += rows
        exacts[value] = t
    }

    /// Turns unit-weight rows (`addUnit`) into their weights.
    mutating func settleUnitWeights() {
        for key in Array(decimals.keys) {
            guard var t = decimals[key] else { continue }
            t.weight = ExactSum()
            t.weight.add(Int128(t.rows), scale: 0)
            t.extraWeight = .zero
            decimals[key] = t
        }
    }

    mutating func merge(_ other: QuantileValues) {
        for (v, t) in other.decimals { decimals[v, default: Tally()].merge(t) }
        for (v, t) in other.exacts { exacts[v, default: Tally()].merge(t) }
    }

    /// (value, weight) per distinct value, ascending; `unitWeights`: every row weighs 1 (a
    /// quantile of the weight column itself). Values of total weight 0 are left out.
    func sorted(unitWeights: Bool) -> [(Exact, Exact)] {
        var list: [(Exact, Exact)] = []
        list.reserveCapacity(distinctCount)
        for (v, t) in decimals {
            list.append((Exact(mantissa: v.mantissa, scale: Int(v.scale)), unitWeights ? Exact(t.rows) : t.totalWeight))
        }
        for (v, t) in exacts { list.append((v, unitWeights ? Exact(t.rows) : t.totalWeight)) }
        return list.filter { !$0.1.isZero }.sorted { $0.0 < $1.0 }
    }

    /// The quantile q (0...1), §3.1: with W the total weight and t = q·W, going up the values the
    /// first whose running weight C > t; when C = t exactly, the mean of it and the next value
    /// (itself when it is the last). Equal values sit next to each other, so tallying them as
    /// one changes nothing. Nil without values of positive weight.
    func quantile(_ q: Exact, unitWeights: Bool) -> Exact? {
        let sorted = sorted(unitWeights: unitWeights)
        guard !sorted.isEmpty else { return nil }
        let total = sorted.reduce(Exact.zero) { $0 + $1.1 }
        guard !total.isZero else { return nil }
        let target = q * total
        var cumulative = Exact.zero
        for (i, (v, w)) in sorted.enumerated() {
            cumulative = cumulative + w
            if cumulative > target { return v }
            if cumulative == target {
                if i + 1 < sorted.count { return (v + sorted[i + 1].0).divided(by: Exact(2)) }
                return v
            }
        }
        return sorted.last?.0
    }
}
