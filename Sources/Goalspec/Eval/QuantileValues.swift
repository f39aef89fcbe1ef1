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

        mutating func merge(_ other: Tally) {
            weight.add(other.weight)
            extraWeight = extraWeight + other.extraWeight
            rows += other.rows
        }
    }

    /// Decimals as written (`(75100, 0)`, not normalized: two spellings of one number, `2` and
    /// `2.0`, only make two tallies that sort next to each other), in an open-addressing table
    /// whose slot holds the key and its row count, so a row of weight 1 touches one slot.
    private struct Slot {
        var mantissa: Int128 = 0
        var scale: Int16 = 0
        var used = false
        /// Into `decimalWeights`.
        var index: Int32 = 0
        var rows = 0
    }

    private var slots: [Slot] = []
    /// Σ weight per decimal (by `Slot.index`): rows with a weight column.
    private var decimalWeights: [ExactSum] = []

    @inline(__always)
    private static func hash(_ m: Int128, _ s: Int16) -> Int {
        let x = (UInt64(truncatingIfNeeded: m) ^ UInt64(truncatingIfNeeded: m >> 64) &* 0x9E37_79B9_7F4A_7C15
            ^ UInt64(UInt16(bitPattern: s))) &* 0xFF51_AFD7_ED55_8CCD
        return Int(truncatingIfNeeded: x ^ (x >> 31))
    }

    /// The slot of a decimal, adding it when new.
    @inline(__always)
    private mutating func slot(_ d: DecimalValue) -> Int {
        if slots.isEmpty { slots = [Slot](repeating: Slot(), count: 64) }
        let mask = slots.count - 1
        var i = Self.hash(d.mantissa, d.scale) & mask
        while slots[i].used {
            if slots[i].mantissa == d.mantissa && slots[i].scale == d.scale { return i }
            i = (i + 1) & mask
        }
        slots[i] = Slot(mantissa: d.mantissa, scale: d.scale, used: true,
                        index: Int32(truncatingIfNeeded: decimalWeights.count), rows: 0)
        decimalWeights.append(ExactSum())
        if decimalWeights.count * 2 > slots.count {
            rehash(slots.count * 2)
            return slot(d)
        }
        return i
    }

    private mutating func rehash(_ size: Int) {
        let old = slots
        slots = [Slot](repeating: Slot(), count: size)
        let mask = size - 1
        for s in old where s.used {
            var i = Self.hash(s.mantissa, s.scale) & mask
            while slots[i].used { i = (i + 1) & mask }
            slots[i] = s
        }
    }

    private var exacts: [Exact: Tally] = [:]

    var isEmpty: Bool { decimalWeights.isEmpty && exacts.isEmpty }

    /// Distinct values kept (for tests and memory figures).
    var distinctCount: Int { decimalWeights.count + exacts.count }

    /// A row of weight 1 with a decimal value.
    @inline(__always)
    mutating func addUnit(_ value: DecimalValue) {
        slots[slot(value)].rows += 1
    }

    /// A row with a decimal value and its weight.
    @inline(__always)
    mutating func add(_ value: DecimalValue, weight: DecimalValue) {
        let i = slot(value)
        slots[i].rows += 1
        decimalWeights[Int(slots[i].index)].add(weight)
    }

    /// The rows tallied (what the memory budget counts, as each scan part does row by row).
    var rowCount: Int {
        slots.reduce(0) { $0 + ($1.used ? $1.rows : 0) } + exacts.values.reduce(0) { $0 + $1.rows }
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
        for s in slots where s.used {
            var w = ExactSum()
            w.add(Int128(s.rows), scale: 0)
            decimalWeights[Int(s.index)] = w
        }
    }

    mutating func merge(_ other: QuantileValues) {
        for s in other.slots where s.used {
            let i = slot(DecimalValue(mantissa: s.mantissa, scale: s.scale))
            slots[i].rows += s.rows
            decimalWeights[Int(slots[i].index)].add(other.decimalWeights[Int(s.index)])
        }
        for (v, t) in other.exacts { exacts[v, default: Tally()].merge(t) }
    }

    /// (value, weight) per distinct value, ascending; `unitWeights`: every row weighs 1 (a
    /// quantile of the weight column itself). Values of total weight 0 are left out.
    func sorted(unitWeights: Bool) -> [(Exact, Exact)] {
        var list: [(Exact, Exact)] = []
        list.reserveCapacity(distinctCount)
        for s in slots where s.used {
            let v = Exact(mantissa: s.mantissa, scale: Int(s.scale))
            list.append((v, unitWeights ? Exact(s.rows) : decimalWeights[Int(s.index)].exact))
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
