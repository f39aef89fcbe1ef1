/// An exact running sum of decimals of any size.
///
/// The sum is kept as an Int128 mantissa at the largest scale seen while it fits, which is the
/// common case and costs no allocation; an addition that would leave Int128 (a sum beyond 38
/// digits, a product of two long decimals, scales far apart) moves the sum to an arbitrary
/// precision ``WideDecimalSum`` for good, whose cost stays linear in the digits added, whatever
/// the exponents (`1e-32767`). No input makes the sum wrong or traps. Equality is by value.
struct ExactSum: Sendable, Hashable {
    private(set) var mantissa: Int128 = 0
    private(set) var scale: Int16 = 0
    /// The sum once it left Int128; `mantissa` and `scale` are then unused.
    private var wide: WideDecimalSum? = nil

    static func == (a: ExactSum, b: ExactSum) -> Bool { a.exact == b.exact }
    func hash(into hasher: inout Hasher) { hasher.combine(exact) }

    private static func power10(_ n: Int) -> Int128? {
        guard n <= 38 else { return nil }
        var p: Int128 = 1
        for _ in 0..<n {
            let (r, o) = p.multipliedReportingOverflow(by: 10)
            if o { return nil }
            p = r
        }
        return p
    }

    /// Adds `value × 10^-valueScale`.
    mutating func add(_ value: Int128, scale valueScale: Int) {
        if wide == nil, let s16 = Int16(exactly: valueScale), addNarrow(value, scale: s16) { return }
        widen()
        wide?.add(BigInt(value), scale: valueScale)
    }

    /// Adds in Int128; false, leaving the sum unchanged, when that would overflow.
    private mutating func addNarrow(_ value: Int128, scale valueScale: Int16) -> Bool {
        var m = mantissa, v = value, s = scale
        if valueScale > s {
            guard let p = Self.power10(Int(valueScale) - Int(s)) else { return false }
            let (r, o) = m.multipliedReportingOverflow(by: p)
            if o { return false }
            m = r
            s = valueScale
        } else if valueScale < s {
            guard let p = Self.power10(Int(s) - Int(valueScale)) else { return false }
            let (r, o) = v.multipliedReportingOverflow(by: p)
            if o { return false }
            v = r
        }
        let (sum, o) = m.addingReportingOverflow(v)
        if o { return false }
        mantissa = sum
        scale = s
        return true
    }

    /// Moves the sum to arbitrary precision.
    private mutating func widen() {
        guard wide == nil else { return }
        var w = WideDecimalSum()
        w.add(BigInt(mantissa), scale: Int(scale))
        wide = w
    }

    /// Adds a decimal.
    mutating func add(_ d: DecimalValue) {
        add(d.mantissa, scale: Int(d.scale))
    }

    /// Adds the product of two decimals (a weighted value).
    mutating func add(_ a: DecimalValue, times b: DecimalValue) {
        let (p, o) = a.mantissa.multipliedReportingOverflow(by: b.mantissa)
        let productScale = Int(a.scale) + Int(b.scale)
        if !o {
            add(p, scale: productScale)
        } else {
            widen()
            wide?.add(BigInt(a.mantissa) * BigInt(b.mantissa), scale: productScale)
        }
    }

    /// Adds another sum.
    mutating func add(_ other: ExactSum) {
        if let w = other.wide {
            widen()
            wide?.add(w)
        } else {
            add(other.mantissa, scale: Int(other.scale))
        }
    }

    /// The exact value.
    var exact: Exact {
        wide?.exact ?? Exact.decimal(BigInt(mantissa), scale: Int(scale))
    }

    /// Whether the sum is zero.
    var isZero: Bool {
        if let wide { return wide.exact.isZero }
        return mantissa == 0
    }

    /// Whether the sum is below zero.
    var isNegative: Bool {
        if let wide { return wide.exact < .zero }
        return mantissa < 0
    }
}
