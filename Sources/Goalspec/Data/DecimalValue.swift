/// An exact decimal number read from data: `mantissa × 10^-scale`.
///
/// `86.2` is `(862, 1)`, `0.862` is `(862, 3)`, `1e3` is `(1, -3)`. Equality, hashing and
/// ordering are numeric, so `(10, 1) == (1, 0)`. Nothing here rounds and nothing traps.
public struct DecimalValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits of the number, with its sign: up to 38 significant digits.
    public var mantissa: Int128
    /// The power of ten the mantissa is divided by; negative for large round numbers.
    public var scale: Int16

    /// The number `mantissa × 10^-scale`.
    public init(mantissa: Int128, scale: Int16) {
        self.mantissa = mantissa
        self.scale = scale
    }

    /// The integer `value` (scale 0).
    public init(_ value: Int64) {
        self.init(mantissa: Int128(value), scale: 0)
    }

    /// The same number with trailing zeros dropped from the mantissa (zero has scale 0).
    public var normalized: DecimalValue {
        if mantissa == 0 { return DecimalValue(mantissa: 0, scale: 0) }
        var m = mantissa, s = scale
        while m % 10 == 0 && s > Int16.min {
            m /= 10
            s -= 1
        }
        return DecimalValue(mantissa: m, scale: s)
    }

    /// The nearest `Double`; for display and approximate use only.
    public var doubleValue: Double {
        var value = Double(mantissa)
        var s = Int(scale)
        // Divide in steps so that 10^s itself never overflows to infinity.
        while s > 0 {
            let step = min(s, 22)
            value /= Self.doublePowers[step]
            s -= step
        }
        while s < 0 {
            let step = min(-s, 22)
            value *= Self.doublePowers[step]
            s += step
        }
        return value
    }

    private static let doublePowers: [Double] = (0...22).map { n in
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// Plain decimal notation without exponent: `86.2`, `-0.5`, `0.862`, `1000`.
    public var description: String {
        let n = normalized
        let negative = n.mantissa < 0
        var digits = String(n.mantissa.magnitude)
        if n.scale < 0 {
            digits += String(repeating: "0", count: -Int(n.scale))
        } else if n.scale > 0 {
            let s = Int(n.scale)
            if digits.count <= s {
                digits = String(repeating: "0", count: s - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -s))
        }
        return negative ? "-" + digits : digits
    }

    /// Numeric equality: `1.50 == 1.5`.
    public static func == (a: DecimalValue, b: DecimalValue) -> Bool {
        let x = a.normalized, y = b.normalized
        return x.mantissa == y.mantissa && x.scale == y.scale
    }

    /// Hashes the normalized form, consistent with numeric equality.
    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.mantissa)
        hasher.combine(n.scale)
    }

    /// Numeric order.
    public static func < (a: DecimalValue, b: DecimalValue) -> Bool {
        let sa = a.mantissa.signum(), sb = b.mantissa.signum()
        if sa != sb { return sa < sb }
        if sa == 0 { return false }
        // Same sign, both non-zero: bring both to the larger scale; a mantissa that overflows
        // while being scaled up is the larger in magnitude.
        if a.scale == b.scale { return a.mantissa < b.mantissa }
        let (small, large, aIsSmall) = a.scale < b.scale ? (a, b, true) : (b, a, false)
        let diff = Int(large.scale) - Int(small.scale)
        var scaled = small.mantissa
        var overflow = false
        for _ in 0..<diff {
            let (r, o) = scaled.multipliedReportingOverflow(by: 10)
            if o { overflow = true; break }
            scaled = r
        }
        if overflow {
            // |small| > |large|; with positive numbers the small-scale one is larger.
            return sa > 0 ? !aIsSmall : aIsSmall
        }
        return aIsSmall ? scaled < large.mantissa : large.mantissa < scaled
    }

    /// `self × 10^2`-scaled view (`86.2` → `0.862`): the fraction a percentage denotes;
    /// nil when the scale would leave `Int16`.
    func percentToFraction() -> DecimalValue? {
        let (s, overflow) = scale.addingReportingOverflow(2)
        return overflow ? nil : DecimalValue(mantissa: mantissa, scale: s)
    }
}
