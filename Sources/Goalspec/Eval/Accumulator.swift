/// The running figures of one measure over one group of rows; mergeable, so groups combine
/// (a focus on several entities, `pooled(G)`, partial results of parallel scans).
public struct Accumulator: Sendable {
    /// Rows in scope.
    public internal(set) var rows = 0
    /// Σ weight over rows in scope (the row count when there is no weight column).
    var weight = ExactSum()
    /// Rows where the measure's predicate holds.
    public internal(set) var hitRows = 0
    /// Σ weight over rows where the predicate holds.
    var hits = ExactSum()
    /// Rows where the predicate is true or false, not unknown: none makes a share of it undefined.
    public internal(set) var knownRows = 0
    /// Rows with a value (not missing) for value measures.
    public internal(set) var valueRows = 0
    var valueWeight = ExactSum()
    /// Σ weight × value.
    var weightedSum = ExactSum()
    /// The figures only min, max, median, percentile and row arithmetic need; the shared empty
    /// box until one is written.
    private var extrasBox = AccumulatorExtrasBox.empty

    /// Whether any out-of-line figure was written.
    private var hasExtras: Bool { extrasBox !== AccumulatorExtrasBox.empty }

    /// The out-of-line figures; writing gives this accumulator a box of its own first (the
    /// shared empty box is never uniquely referenced, so it is never written).
    var extras: AccumulatorExtras {
        get { extrasBox.value }
        _modify {
            if !isKnownUniquelyReferenced(&extrasBox) { extrasBox = AccumulatorExtrasBox(extrasBox.value) }
            yield &extrasBox.value
        }
    }

    var weightedSumExtra: Exact {
        get { extrasBox.value.weightedSumExtra }
        set { extras.weightedSumExtra = newValue }
    }
    var minimum: Exact? {
        get { extrasBox.value.minimum }
        set { extras.minimum = newValue }
    }
    var maximum: Exact? {
        get { extrasBox.value.maximum }
        set { extras.maximum = newValue }
    }
    var everyRowMinimum: Exact? { extrasBox.value.everyRowMinimum }
    var everyRowMaximum: Exact? { extrasBox.value.everyRowMaximum }
    var decimalMinimum: DecimalValue? { extrasBox.value.decimalMinimum }
    var decimalMaximum: DecimalValue? { extrasBox.value.decimalMaximum }
    var everyRowDecimalMinimum: DecimalValue? { extrasBox.value.everyRowDecimalMinimum }
    var everyRowDecimalMaximum: DecimalValue? { extrasBox.value.everyRowDecimalMaximum }
    /// The distinct values with their weights, kept only for median and percentile.
    var quantiles: QuantileValues {
        get { extrasBox.value.quantiles }
        _modify { yield &extras.quantiles }
    }

    /// (value, weight) pairs for median and percentile: setting them (as the SQL path does, one
    /// pair per row or per group of equal rows) tallies them; reading gives one pair per
    /// distinct value of positive weight, ascending.
    var values: [(Exact, Exact)] {
        get { quantiles.sorted(unitWeights: false) }
        set {
            quantiles = QuantileValues()
            for (v, w) in newValue { quantiles.add(v, weight: w) }
        }
    }

    public init() {}

    /// Σ weight over rows in scope, exactly.
    public var totalWeight: Exact { weight.exact }
    /// Σ weight over rows where the predicate holds, exactly.
    public var hitWeight: Exact { hits.exact }

    mutating func merge(_ other: Accumulator) {
        rows += other.rows
        weight.add(other.weight)
        hitRows += other.hitRows
        hits.add(other.hits)
        knownRows += other.knownRows
        valueRows += other.valueRows
        valueWeight.add(other.valueWeight)
        weightedSum.add(other.weightedSum)
        if other.hasExtras { extras.merge(other.extrasBox.value) }
    }

    /// How a row's argument feeds the figures; a plain value so the per-row path copies nothing.
    enum Mode: UInt8, Sendable {
        /// `count()`: rows and weight only.
        case rows
        /// share or count of a condition.
        case predicate
        /// sum and mean: weighted sums.
        case value
        case minimum, maximum
        /// median and percentile: keep (value, weight) pairs.
        case quantile

        init(_ measure: MeasureSpec) {
            if measure.argument == nil { self = .rows; return }
            if measure.argumentIsPredicate { self = .predicate; return }
            switch measure.kind {
            case .min: self = .minimum
            case .max: self = .maximum
            case .median, .percentile: self = .quantile
            case .share, .count, .sum, .mean: self = .value
            }
        }
    }

    /// Adds one row of weight 1 (a dataset without a weight column); `settleUnitWeights` completes the sums.
    @inline(__always)
    mutating func addUnit(_ argument: RowValue, mode: Mode) {
        rows += 1
        switch mode {
        case .rows: return
        case .predicate:
            guard case .bool(let b) = argument else { return }
            knownRows += 1
            if b { hitRows += 1 }
        case .value:
            switch argument {
            case .number(let d):
                valueRows += 1
                weightedSum.add(d)
            case .bool, .exact:
                if let x = argument.exact {
                    valueRows += 1
                    weightedSumExtra = weightedSumExtra + x
                }
            case .missing, .text, .period:
                return
            }
        case .quantile:
            if case .number(let d) = argument {
                valueRows += 1
                quantiles.addUnit(d)
            } else if let x = argument.exact {
                valueRows += 1
                quantiles.add(x, weight: nil)
            }
        case .minimum, .maximum:
            if case .number(let d) = argument {
                valueRows += 1
                trackDecimal(mode, d, weightIsZero: false)
                return
            }
            guard let x = argument.exact else { return }
            valueRows += 1
            track(mode, x, .one)
        }
    }

    /// Turns the row counts of unit-weight rows into the weight sums.
    mutating func settleUnitWeights() {
        weight = ExactSum()
        weight.add(Int128(rows), scale: 0)
        hits = ExactSum()
        hits.add(Int128(hitRows), scale: 0)
        valueWeight = ExactSum()
        valueWeight.add(Int128(valueRows), scale: 0)
        if hasExtras { quantiles.settleUnitWeights() }
    }

    /// Adds one row in scope with its weight and the measure's argument value.
    mutating func add(weight w: DecimalValue, argument: RowValue, mode: Mode) {
        rows += 1
        weight.add(w)
        switch mode {
        case .rows: return
        case .predicate:
            guard case .bool(let b) = argument else { return }
            knownRows += 1
            if b {
                hitRows += 1
                hits.add(w)
            }
            return
        case .value, .minimum, .maximum, .quantile:
            break
        }
        switch argument {
        case .missing, .text, .period:
            return
        case .number(let d):
            valueRows += 1
            valueWeight.add(w)
            weightedSum.add(d, times: w)
            if mode == .minimum || mode == .maximum {
                trackDecimal(mode, d, weightIsZero: w.mantissa == 0)
            } else if mode == .quantile {
                quantiles.add(d, weight: w)
            } else if mode != .value {
                track(mode, Exact(mantissa: d.mantissa, scale: Int(d.scale)), Exact(mantissa: w.mantissa, scale: Int(w.scale)))
            }
        case .bool, .exact:
            guard let x = argument.exact else { return }
            valueRows += 1
            valueWeight.add(w)
            let wx = Exact(mantissa: w.mantissa, scale: Int(w.scale))
            weightedSumExtra = weightedSumExtra + x * wx
            if mode != .value { track(mode, x, wx) }
        }
    }

    /// Records a value for min, max or the quantiles. A row of weight 0 stands for nobody: it is
    /// no one's minimum, maximum or quantile (it still counts for a measure of the weight column
    /// itself, which takes every row once).
    private mutating func track(_ mode: Mode, _ value: Exact, _ w: Exact) {
        switch mode {
        case .minimum:
            extras.everyRowMinimum = everyRowMinimum.map { Swift.min($0, value) } ?? value
            if !w.isZero { extras.minimum = minimum.map { Swift.min($0, value) } ?? value }
        case .maximum:
            extras.everyRowMaximum = everyRowMaximum.map { Swift.max($0, value) } ?? value
            if !w.isZero { extras.maximum = maximum.map { Swift.max($0, value) } ?? value }
        case .quantile: quantiles.add(value, weight: w)
        case .rows, .predicate, .value: break
        }
    }

    /// Records a plain decimal for min or max (see ``track(_:_:_:)`` on weight 0).
    private mutating func trackDecimal(_ mode: Mode, _ d: DecimalValue, weightIsZero: Bool) {
        if mode == .minimum {
            extras.everyRowDecimalMinimum = everyRowDecimalMinimum.map { Swift.min($0, d) } ?? d
            if !weightIsZero { extras.decimalMinimum = decimalMinimum.map { Swift.min($0, d) } ?? d }
        } else {
            extras.everyRowDecimalMaximum = everyRowDecimalMaximum.map { Swift.max($0, d) } ?? d
            if !weightIsZero { extras.decimalMaximum = decimalMaximum.map { Swift.max($0, d) } ?? d }
        }
    }

    /// The smaller (`smallest`) or larger of an exact extreme and a decimal one.
    private static func extreme(_ x: Exact?, _ d: DecimalValue?, smallest: Bool) -> Exact? {
        guard let d else { return x }
        let e = Exact(mantissa: d.mantissa, scale: Int(d.scale))
        guard let x else { return e }
        return smallest ? Swift.min(x, e) : Swift.max(x, e)
    }

    /// Whether the measure is a share of a condition that is unknown on every row in scope.
    public func conditionUnknownOnEveryRow(_ measure: MeasureSpec) -> Bool {
        measure.kind == .share && measure.argumentIsPredicate && measure.argument != nil && rows > 0 && knownRows == 0
    }

    /// The measure's exact value, or nil when there is nothing to measure (no rows, no values,
    /// or a share of a condition unknown on every row).
    ///
    /// `ofWeightColumn`: the measure's argument is the dataset's weight column itself, whose values
    /// are not weighted by themselves: `sum(persons)` is Σ persons (Σ weight over the rows in
    /// scope, since a weight is never missing), `mean(persons)` Σ persons ÷ rows, and `median` and
    /// `percentile` take every row once.
    public func value(of measure: MeasureSpec, ofWeightColumn: Bool = false) -> Exact? {
        if ofWeightColumn {
            switch measure.kind {
            case .sum:
                return rows > 0 ? weight.exact : nil
            case .mean:
                guard rows > 0 else { return nil }
                return weight.exact.divided(by: Exact(rows))
            case .median:
                return quantile(Exact(1, 2) ?? .zero, unitWeights: true)
            case .percentile(let p):
                return quantile(p.divided(by: Exact(100)) ?? .zero, unitWeights: true)
            case .min:
                return Self.extreme(everyRowMinimum, everyRowDecimalMinimum, smallest: true)
            case .max:
                return Self.extreme(everyRowMaximum, everyRowDecimalMaximum, smallest: false)
            case .share, .count:
                break
            }
        }
        switch measure.kind {
        case .share:
            let total = weight.exact
            guard !total.isZero else { return nil }
            if measure.argumentIsPredicate {
                if conditionUnknownOnEveryRow(measure) { return nil }
                return hits.exact.divided(by: total)
            }
            return mean()
        case .count:
            return measure.argument == nil ? weight.exact : hits.exact
        case .sum:
            // A sum of no values at all is no data, not 0 (docs/SEMANTICS.md §3).
            guard valueRows > 0 else { return nil }
            return weightedSum.exact + weightedSumExtra
        case .mean:
            return mean()
        case .min: return Self.extreme(minimum, decimalMinimum, smallest: true)
        case .max: return Self.extreme(maximum, decimalMaximum, smallest: false)
        case .median: return quantile(Exact(1, 2) ?? .zero)
        case .percentile(let p): return quantile(p.divided(by: Exact(100)) ?? .zero)
        }
    }

    private func mean() -> Exact? {
        let total = valueWeight.exact
        guard !total.isZero else { return nil }
        return (weightedSum.exact + weightedSumExtra).divided(by: total)
    }

    /// The weighted quantile q (0...1), docs/SEMANTICS.md §3.1 (see `QuantileValues.quantile`).
    private func quantile(_ q: Exact, unitWeights: Bool = false) -> Exact? {
        quantiles.quantile(q, unitWeights: unitWeights)
    }
}
