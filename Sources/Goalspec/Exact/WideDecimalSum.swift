/// A sum of decimals of any size and exponent, in time linear in their digits.
///
/// The terms are kept as one `BigInt` mantissa per decimal scale (`m × 10^-scale`): adding a
/// term of a scale already present is one `BigInt` addition, whatever the exponent, so 50,000
/// rows of `1e-32767` cost 50,000 small additions instead of 50,000 rational additions with a
/// 108,000-bit denominator. The scales are brought together once, when the value is read.
struct WideDecimalSum: Sendable {
    /// Σ mantissas by scale.
    private var parts: [Int: BigInt] = [:]

    /// Adds `mantissa × 10^-scale`.
    mutating func add(_ mantissa: BigInt, scale: Int) {
        guard !mantissa.isZero else { return }
        parts[scale, default: .zero] += mantissa
    }

    /// Adds every term of another sum.
    mutating func add(_ other: WideDecimalSum) {
        for (scale, m) in other.parts { add(m, scale: scale) }
    }

    /// The exact value: the parts scaled to the largest scale (Horner's rule from the smallest
    /// up, so each power of ten is applied once per distinct scale) and reduced to lowest terms.
    var exact: Exact {
        let scales = parts.keys.sorted()
        guard var at = scales.first else { return .zero }
        var total = BigInt.zero
        for scale in scales {
            if scale > at { total = total * BigInt.pow10(scale - at) }
            total += parts[scale] ?? .zero
            at = scale
        }
        return Exact.decimal(total, scale: at)
    }
}

extension Exact {
    /// `mantissa × 10^-scale` in lowest terms without a general gcd: the only common factors of
    /// a mantissa and a power of ten are twos and fives, found by shifting and small divisions.
    static func decimal(_ mantissa: BigInt, scale: Int) -> Exact {
        if mantissa.isZero { return .zero }
        if scale <= 0 { return Exact(scale == 0 ? mantissa : mantissa * BigInt.pow10(0 - scale)) }
        var m = mantissa
        var s = scale
        // Trailing decimal zeros, nine at a time, then one at a time.
        let billion = BigInt(1_000_000_000), ten = BigInt(10)
        for (step, divisor) in [(9, billion), (1, ten)] {
            while s >= step {
                let (q, r) = m.quotientAndRemainder(dividingBy: divisor)
                guard r.isZero else { break }
                m = q
                s -= step
            }
        }
        if s == 0 { return Exact(m) }
        // Now m is not divisible by both 2 and 5: cancel whichever divides it.
        let twos = min(m.trailingZeroBitCount, s)
        if twos > 0 {
            let g = BigInt.one.shiftedLeft(by: twos)
            return Exact(normalizedNumerator: m.quotientAndRemainder(dividingBy: g).quotient,
                         denominator: BigInt(5).power(s).shiftedLeft(by: s - twos))
        }
        var fives = 0
        let five = BigInt(5)
        while fives < s {
            let (q, r) = m.quotientAndRemainder(dividingBy: five)
            guard r.isZero else { break }
            m = q
            fives += 1
        }
        return Exact(normalizedNumerator: m, denominator: BigInt(5).power(s - fives).shiftedLeft(by: s))
    }
}
