/// The figures of an ``Accumulator`` that only some measures need — extremes for min and max,
/// the kept values of median and percentile, sums of row arithmetic — kept out of line, so that
/// the accumulator of a share, count, sum or mean stays small: an entity-level dataset has one
/// accumulator per entity, a million for a million people.
struct AccumulatorExtras: Sendable {
    /// Part of Σ weight × value that is not a plain decimal (results of row arithmetic).
    var weightedSumExtra = Exact.zero
    /// Smallest and largest value over rows of positive weight.
    var minimum: Exact?
    var maximum: Exact?
    /// Smallest and largest value over every row, weight 0 included.
    var everyRowMinimum: Exact?
    var everyRowMaximum: Exact?
    /// The same extremes over plain decimal values, compared as decimals: converting each row to
    /// an exact rational would cost time growing with its exponent (`1e-32767`).
    var decimalMinimum: DecimalValue?
    var decimalMaximum: DecimalValue?
    var everyRowDecimalMinimum: DecimalValue?
    var everyRowDecimalMaximum: DecimalValue?
    /// The distinct values with their weights, kept only for median and percentile.
    var quantiles = QuantileValues()

    mutating func merge(_ other: AccumulatorExtras) {
        weightedSumExtra = weightedSumExtra + other.weightedSumExtra
        if let m = other.minimum { minimum = minimum.map { Swift.min($0, m) } ?? m }
        if let m = other.maximum { maximum = maximum.map { Swift.max($0, m) } ?? m }
        if let m = other.everyRowMinimum { everyRowMinimum = everyRowMinimum.map { Swift.min($0, m) } ?? m }
        if let m = other.everyRowMaximum { everyRowMaximum = everyRowMaximum.map { Swift.max($0, m) } ?? m }
        if let m = other.decimalMinimum { decimalMinimum = decimalMinimum.map { Swift.min($0, m) } ?? m }
        if let m = other.decimalMaximum { decimalMaximum = decimalMaximum.map { Swift.max($0, m) } ?? m }
        if let m = other.everyRowDecimalMinimum { everyRowDecimalMinimum = everyRowDecimalMinimum.map { Swift.min($0, m) } ?? m }
        if let m = other.everyRowDecimalMaximum { everyRowDecimalMaximum = everyRowDecimalMaximum.map { Swift.max($0, m) } ?? m }
        quantiles.merge(other.quantiles)
    }
}

/// Copy-on-write storage of ``AccumulatorExtras``: an accumulator copied shares its box until
/// one of the copies writes, which then takes a box of its own (``Accumulator/extras``), so the
/// box is never written while shared.
final class AccumulatorExtrasBox: @unchecked Sendable {
    /// Written only through a uniquely referenced box, so no two accesses can overlap; the
    /// per-row check of dynamic exclusivity is left out.
    @exclusivity(unchecked) var value: AccumulatorExtras

    init(_ value: AccumulatorExtras) { self.value = value }

    /// The box of every accumulator that has no out-of-line figure yet; never written, since a
    /// reference to it is never the only one.
    static let empty = AccumulatorExtrasBox(AccumulatorExtras())
}
