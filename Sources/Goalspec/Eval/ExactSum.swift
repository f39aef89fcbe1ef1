/// An exact running sum of decimals, kept as an Int128 mantissa at the largest scale seen.
struct ExactSum: Sendable, Hashable {
    private(set) var mantissa: Int128 = 0
    private(set) var scale: Int16 = 0
    /// Set when the sum left Int128's range; the value is then unusable.
    private(set) var overflowed = false

    private static func power10(_ n: Int) -> Int128? {
        var p: Int128 = 1
        for _ in 0..<n {
            let (r, o) = p.multipliedReportingOverflow(by: 10)
            if o { return nil }
            p = r
        }
        return p
    }

    /// Adds `value × 10^-valueScale`.
    mutating func add(_ value: Int128, scale valueScale: Int16) {
        guard !overflowed else { return }
        var v = value
        if valueScale > scale {
            guard let p = Self.power10(Int(valueScale - scale)) else { overflowed = true; return }
            let (m, o) = mantissa.multipliedReportingOverflow(by: p)
            if o { overflowed = true; return }
            mantissa = m
            scale = valueScale
        } else if valueScale < scale {
            guard let p = Self.power10(Int(scale - valueScale)) else { overflowed = true; return }
            let (m, o) = v.multipliedReportingOverflow(by: p)
            if o { overflowed = true; return }
            v = m
        }
        let (s, o) = mantissa.addingReportingOverflow(v)
        if o { overflowed = true; return }
        mantissa = s
    }

    /// Adds a decimal.
    mutating func add(_ d: DecimalValue) {
        add(Int128(d.mantissa), scale: d.scale)
    }

    /// Adds the product of two decimals (a weighted value).
    mutating func add(_ a: DecimalValue, times b: DecimalValue) {
        let (p, o) = Int128(a.mantissa).multipliedReportingOverflow(by: Int128(b.mantissa))
        if o { overflowed = true; return }
        add(p, scale: a.scale + b.scale)
    }

    /// Adds another sum.
    mutating func add(_ other: ExactSum) {
        if other.overflowed { overflowed = true; return }
        add(other.mantissa, scale: other.scale)
    }

    /// The exact value, or nil after an overflow.
    var exact: Exact? {
        overflowed ? nil : Exact(mantissa: mantissa, scale: Int(scale))
    }
}
