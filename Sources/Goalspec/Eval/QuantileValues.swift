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

    /// Decimals as written (`(75100, 0)`, not normalized: two spellings of one number, `2` and
    /// `2.0`, only make two tallies that sort next to each other), in an open-addressing table
    /// that is cheaper per row than a `Dictionary`.
    private var decimalMantissas: [Int128] = []
    private var decimalScales: [Int16] = []
    private var decimalTallies: [Tally] = []
    /// Index + 1 into the arrays above; 0 is an empty slot. Its count is a power of two.
    private var slots: [Int32] = []

    @inline(__always)
    private static func hash(_ m: Int128, _ s: Int16) -> Int {
        let x = (UInt64(truncatingIfNeeded: m) ^ UInt64(truncatingIfNeeded: m >> 64) &* 0x9E37_79B9_7F4A_7C15
            ^ UInt64(UInt16(bitPattern: s))) &* 0xFF51_AFD7_ED55_8CCD
        return Int(truncatingIfNeeded: x ^ (x >> 31))
    }

    /// The tally index of a decimal, adding it when new.
    @inline(__always)
    private mutating func decimalIndex(_ d: DecimalValue) -> Int {
        if slots.isEmpty { slots = [Int32](repeating: 0, count: 64) }
        let mask = slots.count - 1
        var slot = Self.hash(d.mantissa, d.scale) & mask
        while true {
            let s = Int(slots[slot])
            if s == 0 { break }
            if decimalMantissas[s - 1] == d.mantissa && decimalScales[s - 1] == d.scale { return s - 1 }
            slot = (slot + 1) & mask
        }
        let index = decimalTallies.count
        decimalMantissas.append(d.mantissa)
        decimalScales.append(d.scale)
        decimalTallies.append(Tally())
        slots[slot] = Int32(truncatingIfNeeded: index + 1)
        if decimalTallies.count * 2 > slots.count { rehash(slots.count * 2) }
        return index
    }

    private mutating func rehash(_ size: Int) {
        slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for i in decimalTallies.indices {
            var slot = Self.hash(decimalMantissas[i], decimalScales[i]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: i + 1)
        }
    }

    private var exacts: [Exact: Tally] = [:]

    var isEmpty: Bool { decimalTallies.isEmpty && exacts.isEmpty }

    /// Distinct values kept (for tests and memory figures).
    var distinctCount: Int { decimalTallies.count + exacts.count }

    /// A row of weight 1 with a decimal value.
    @inline(__always)
    mutating func addUnit(_ value: DecimalValue) {
        decimalTallies[decimalIndex(value)].rows += 1
    }

    /// A row with a decimal value and its weight.
    @inline(__always)
    mutating func add(_ value: DecimalValue, weight: DecimalValue) {
        let i = decimalIndex(value)
        decimalTallies[i].addRow(weight: weight)
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
        for i in decimalTallies.indices {
            decimalTallies[i].weight = ExactSum()
            decimalTallies[i].weight.add(Int128(decimalTallies[i].rows), scale: 0)
            decimalTallies[i].extraWeight = .zero
        }
    }

    mutating func merge(_ other: QuantileValues) {
        for i in other.decimalTallies.indices {
            let d = DecimalValue(mantissa: other.decimalMantissas[i], scale: other.decimalScales[i])
            let j = decimalIndex(d)
            decimalTallies[j].merge(other.decimalTallies[i])
        }
        for (v, t) in other.exacts { exacts[v, default: Tally()].merge(t) }
    }

    /// (value, weight) per distinct value, ascending; `unitWeights`: every row weighs 1 (a
    /// quantile of the weight column itself). Values of total weight 0 are left out.
    func sorted(unitWeights: Bool) -> [(Exact, Exact)] {
        var list: [(Exact, Exact)] = []
        list.reserveCapacity(distinctCount)
        for (i, t) in decimalTallies.enumerated() {
            let v = Exact(mantissa: decimalMantissas[i], scale: Int(decimalScales[i]))
            list.append((v, unitWeights ? Exact(t.rows) : t.totalWeight))
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
