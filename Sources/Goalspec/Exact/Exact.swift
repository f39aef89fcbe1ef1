// Exact.swift — exact rational numbers.
//
// `Exact` is what Goalspec uses to decide verdicts such as
// "share 570/1000 >= average of six shares + 1/100": every operation is exact
// (no rounding, no floating point), every value is kept normalized
// (numerator and denominator coprime, denominator strictly positive, zero is 0/1),
// so equality and hashing are by value, and no operation traps — division by zero
// is reported as `nil` instead. `Double` conversions exist for display only.

/// An exact rational number: numerator/denominator in lowest terms, denominator > 0.
///
/// Arithmetic never rounds and never overflows; equal values compare and hash equal
/// regardless of how they were produced.
public struct Exact: Sendable, Hashable {
    /// The numerator in lowest terms; carries the sign of the value.
    public let numerator: BigInt

    /// The denominator in lowest terms; always positive (1 for integers, including zero).
    public let denominator: BigInt

    /// Stores parts that are already normalized.
    internal init(normalizedNumerator: BigInt, denominator: BigInt) {
        self.numerator = normalizedNumerator
        self.denominator = denominator
    }

    /// Normalizes `numerator / denominator`; `denominator` must be non-zero.
    internal init(normalizing numerator: BigInt, _ denominator: BigInt) {
        var n = numerator
        var d = denominator
        if d.isNegative {
            n = -n
            d = -d
        }
        if n.isZero {
            self.init(normalizedNumerator: .zero, denominator: .one)
            return
        }
        if d != .one {
            let g = BigInt.gcd(n, d)
            if g != .one {
                n = n.quotientAndRemainder(dividingBy: g).quotient
                d = d.quotientAndRemainder(dividingBy: g).quotient
            }
        }
        self.init(normalizedNumerator: n, denominator: d)
    }
}

// MARK: - Construction

extension Exact {
    /// The number zero.
    public static let zero = Exact(normalizedNumerator: .zero, denominator: .one)

    /// The number one.
    public static let one = Exact(normalizedNumerator: .one, denominator: .one)

    /// Creates the integer `value`.
    public init(_ value: Int) {
        self.init(normalizedNumerator: BigInt(value), denominator: .one)
    }

    /// Creates the integer `value`.
    public init(_ value: BigInt) {
        self.init(normalizedNumerator: value, denominator: .one)
    }

    /// Creates `numerator / denominator` in lowest terms; `nil` when `denominator` is zero.
    public init?(numerator: BigInt, denominator: BigInt) {
        if denominator.isZero { return nil }
        self.init(normalizing: numerator, denominator)
    }

    /// Creates `numerator / denominator` in lowest terms; `nil` when `denominator` is zero.
    public init?(_ numerator: Int, _ denominator: Int) {
        self.init(numerator: BigInt(numerator), denominator: BigInt(denominator))
    }

    /// Creates `mantissa × 10^(-scale)`; a negative `scale` multiplies by a power of ten.
    ///
    /// Cost grows with `|scale|`; keep it to a realistic decimal exponent.
    /// (This overload is the one integer literals pick, e.g. `Exact(mantissa: 862, scale: 3)`.)
    public init(mantissa: Int, scale: Int) {
        self.init(mantissa: BigInt(mantissa), scale: scale)
    }

    /// Creates `mantissa × 10^(-scale)`; a negative `scale` multiplies by a power of ten.
    ///
    /// Cost grows with `|scale|`; keep it to a realistic decimal exponent.
    public init(mantissa: Int64, scale: Int) {
        self.init(mantissa: BigInt(mantissa), scale: scale)
    }

    /// Creates `mantissa × 10^(-scale)`; a negative `scale` multiplies by a power of ten.
    ///
    /// Cost grows with `|scale|`; keep it to a realistic decimal exponent.
    public init(mantissa: Int128, scale: Int) {
        self.init(mantissa: BigInt(mantissa), scale: scale)
    }

    /// Creates `mantissa × 10^(-scale)`; a negative `scale` multiplies by a power of ten.
    ///
    /// Cost grows with `|scale|`; keep it to a realistic decimal exponent.
    public init(mantissa: BigInt, scale: Int) {
        if mantissa.isZero || scale == 0 {
            self.init(mantissa)
        } else if scale > 0 {
            self.init(normalizing: mantissa, BigInt.pow10(scale))
        } else {
            let exponent = scale == Int.min ? Int.max : 0 - scale
            self.init(mantissa * BigInt.pow10(exponent))
        }
    }
}

extension Exact: ExpressibleByIntegerLiteral {
    /// Creates the integer written as a literal; literals of any size are accepted.
    public init(integerLiteral value: StaticBigInt) {
        self.init(BigInt(integerLiteral: value))
    }
}

// MARK: - Properties

extension Exact {
    /// Whether the value is zero.
    public var isZero: Bool { numerator.isZero }

    /// Whether the value is less than zero.
    public var isNegative: Bool { numerator.isNegative }

    /// The sign of the value: -1, 0 or 1.
    public var signum: Int { numerator.signum }

    /// Whether the value is a whole number.
    public var isInteger: Bool { denominator == .one }

    /// The absolute value.
    public var magnitude: Exact {
        Exact(normalizedNumerator: numerator.magnitude, denominator: denominator)
    }

    /// The multiplicative inverse, or `nil` for zero.
    public var reciprocal: Exact? {
        if numerator.isZero { return nil }
        if numerator.isNegative {
            return Exact(normalizedNumerator: -denominator, denominator: -numerator)
        }
        return Exact(normalizedNumerator: denominator, denominator: numerator)
    }

    /// The greatest integer less than or equal to the value.
    public func floor() -> BigInt {
        if isInteger { return numerator }
        let quotient = numerator.quotientAndRemainder(dividingBy: denominator).quotient
        return numerator.isNegative ? quotient - .one : quotient
    }

    /// The least integer greater than or equal to the value.
    public func ceil() -> BigInt {
        if isInteger { return numerator }
        let quotient = numerator.quotientAndRemainder(dividingBy: denominator).quotient
        return numerator.isNegative ? quotient : quotient + .one
    }

    /// The nearest `Double`, for display only. Finite whenever the value is within
    /// the `Double` range, however large the numerator and denominator are.
    public var doubleValue: Double {
        if isInteger { return numerator.doubleValue }
        // Both parts exactly representable: one correctly rounded IEEE division.
        if let n = numerator.int64Value, let d = denominator.int64Value,
           n.magnitude <= 1 << 53, d <= 1 << 53 {
            return Double(n) / Double(d)
        }
        // Scale so the integer quotient carries 65–67 significant bits, then fold
        // the remainder into a sticky bit so the final conversion rounds correctly.
        let n = numerator.magnitude
        let k = 66 - (n.bitLength - denominator.bitLength)
        let (scaledNumerator, scaledDenominator) = k >= 0
            ? (n.shiftedLeft(by: k), denominator)
            : (n, denominator.shiftedLeft(by: 0 - k))
        var (quotient, remainder) = scaledNumerator.quotientAndRemainder(dividingBy: scaledDenominator)
        if !remainder.isZero, quotient.trailingZeroBitCount > 0 || quotient.isZero {
            quotient = quotient + .one
        }
        let approximate = quotient.doubleValue
        let magnitude = approximate == 0 ? 0 : Double(
            sign: .plus,
            exponent: approximate.exponent - k,
            significand: approximate.significand
        )
        return numerator.isNegative ? -magnitude : magnitude
    }
}

// MARK: - Description

extension Exact: CustomStringConvertible {
    /// The value as `"n/d"`, or just `"n"` for whole numbers (e.g. `"-3/4"`, `"5"`).
    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }
}

// MARK: - Comparison

extension Exact: Comparable {
    /// Whether `lhs` is less than `rhs`.
    public static func < (lhs: Exact, rhs: Exact) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        let leftSign = lhs.signum
        let rightSign = rhs.signum
        if leftSign != rightSign { return leftSign < rightSign }
        return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }
}

// MARK: - Arithmetic

extension Exact {
    /// The exact sum.
    public static func + (lhs: Exact, rhs: Exact) -> Exact {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        if lhs.isInteger, rhs.isInteger {
            return Exact(normalizedNumerator: lhs.numerator + rhs.numerator, denominator: .one)
        }
        // Knuth 4.5.1: only a factor of gcd(b, d) can survive in the result.
        let g = BigInt.gcd(lhs.denominator, rhs.denominator)
        if g == .one {
            return Exact(
                normalizedNumerator: lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator,
                denominator: lhs.denominator * rhs.denominator
            )
        }
        let leftCofactor = lhs.denominator.quotientAndRemainder(dividingBy: g).quotient
        let rightCofactor = rhs.denominator.quotientAndRemainder(dividingBy: g).quotient
        let numerator = lhs.numerator * rightCofactor + rhs.numerator * leftCofactor
        if numerator.isZero { return .zero }
        let h = BigInt.gcd(numerator, g)
        let denominator = leftCofactor * rhs.denominator
        if h == .one {
            return Exact(normalizedNumerator: numerator, denominator: denominator)
        }
        return Exact(
            normalizedNumerator: numerator.quotientAndRemainder(dividingBy: h).quotient,
            denominator: denominator.quotientAndRemainder(dividingBy: h).quotient
        )
    }

    /// The exact difference.
    public static func - (lhs: Exact, rhs: Exact) -> Exact {
        lhs + (-rhs)
    }

    /// The negation.
    public static prefix func - (operand: Exact) -> Exact {
        Exact(normalizedNumerator: -operand.numerator, denominator: operand.denominator)
    }

    /// The exact product.
    public static func * (lhs: Exact, rhs: Exact) -> Exact {
        if lhs.isZero || rhs.isZero { return .zero }
        // Cancel cross factors first so the products stay in lowest terms.
        let g1 = BigInt.gcd(lhs.numerator, rhs.denominator)
        let g2 = BigInt.gcd(rhs.numerator, lhs.denominator)
        func divide(_ value: BigInt, _ divisor: BigInt) -> BigInt {
            divisor == .one ? value : value.quotientAndRemainder(dividingBy: divisor).quotient
        }
        return Exact(
            normalizedNumerator: divide(lhs.numerator, g1) * divide(rhs.numerator, g2),
            denominator: divide(lhs.denominator, g2) * divide(rhs.denominator, g1)
        )
    }

    /// The exact quotient, or `nil` when `other` is zero.
    public func divided(by other: Exact) -> Exact? {
        guard let inverse = other.reciprocal else { return nil }
        return self * inverse
    }

    /// Adds `rhs` to `lhs` in place.
    public static func += (lhs: inout Exact, rhs: Exact) { lhs = lhs + rhs }

    /// Subtracts `rhs` from `lhs` in place.
    public static func -= (lhs: inout Exact, rhs: Exact) { lhs = lhs - rhs }

    /// Multiplies `lhs` by `rhs` in place.
    public static func *= (lhs: inout Exact, rhs: Exact) { lhs = lhs * rhs }
}
