import Foundation

/// The value axis of a chart: round ticks that enclose every value, as exact values so that
/// their labels are formatted like every other figure of the report.
struct ChartScale {
    let ticks: [Exact]
    let low: Double
    let high: Double

    /// `values`: every figure drawn; `fromZero`: bars start at zero; lines zoom on their values.
    /// `ceiling`: a value the axis does not go beyond when no value does (100% for shares).
    init(values: [Exact], fromZero: Bool, ceiling: Exact? = nil) {
        var doubles = values.map(\.doubleValue).filter(\.isFinite)
        if doubles.isEmpty { doubles = [0, 1] }
        var lo = doubles.min() ?? 0
        var hi = doubles.max() ?? 1
        if fromZero { lo = Swift.min(lo, 0); hi = Swift.max(hi, 0) }
        var span = hi - lo
        if span <= 0 {
            span = Swift.max(Swift.abs(hi) * 0.1, 0.01)
            if !fromZero || lo < 0 { lo -= span / 2 }
            hi += span / 2
            if fromZero && lo > 0 { lo = 0 }
        }
        if !fromZero {
            lo -= span * 0.2
            hi += span * 0.2
        } else {
            hi += hi > 0 ? span * 0.12 : 0
            lo -= lo < 0 ? span * 0.12 : 0
        }
        let (mantissa, exponent) = Self.step(for: (hi - lo) / 5)
        let step = Double(mantissa) * pow(10, Double(exponent))
        let first = Int((lo / step).rounded(.down))
        let last = Int((hi / step).rounded(.up))
        var ticks: [Exact] = []
        if last - first <= 40 {
            for k in first...last { ticks.append(Exact(mantissa: k * mantissa, scale: -exponent)) }
        } else {
            ticks = [Exact(mantissa: first * mantissa, scale: -exponent), Exact(mantissa: last * mantissa, scale: -exponent)]
        }
        var high = Double(last) * step
        if let ceiling, let top = ticks.last, top > ceiling, ticks.contains(ceiling),
           values.allSatisfy({ $0 <= ceiling }) {
            ticks.removeAll { $0 > ceiling }
            high = ceiling.doubleValue
        }
        self.ticks = ticks
        self.low = Double(first) * step
        self.high = high
    }

    /// A round step of about `raw`: 1, 2, 2.5 or 5 times a power of ten, as mantissa × 10^exponent.
    static func step(for raw: Double) -> (Int, Int) {
        guard raw.isFinite, raw > 0 else { return (1, 0) }
        let exponent = Int(log10(raw).rounded(.down))
        let fraction = raw / pow(10, Double(exponent))
        if fraction <= 1 { return (1, exponent) }
        if fraction <= 2 { return (2, exponent) }
        if fraction <= 2.5 { return (25, exponent - 1) }
        if fraction <= 5 { return (5, exponent) }
        return (1, exponent + 1)
    }

    /// The position of `value` between `bottom` (the lowest tick) and `top` (the highest).
    func position(_ value: Double, top: Double, bottom: Double) -> Double {
        guard high > low else { return bottom }
        return bottom - (value - low) / (high - low) * (bottom - top)
    }
}
