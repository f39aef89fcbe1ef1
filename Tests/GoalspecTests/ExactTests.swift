import Testing
@testable import Goalspec

// MARK: - Deterministic pseudo-random source

/// SplitMix64: small, fast, and fully deterministic so property tests are reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An Int64 whose bit width is itself random, so small and large values both occur.
    mutating func int64() -> Int64 {
        let bits = Int.random(in: 0...64, using: &self)
        let raw = bits == 64 ? next() : next() & ((UInt64(1) << UInt64(bits)) &- 1)
        let value = Int64(bitPattern: raw)
        return Bool.random(using: &self) ? value : 0 &- value
    }

    /// An Int128 with random bit width.
    mutating func int128() -> Int128 {
        let bits = Int.random(in: 0...127, using: &self)
        let raw = (UInt128(next()) << 64 | UInt128(next())) & ((UInt128(1) << UInt128(bits)) &- 1)
        let value = Int128(raw)
        return Bool.random(using: &self) ? value : 0 - value
    }

    /// A BigInt with up to `maxLimbs` 32-bit limbs, biased toward edge-case limb values
    /// (0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF) that stress long division.
    mutating func bigInt(maxLimbs: Int) -> BigInt {
        let count = Int.random(in: 0...maxLimbs, using: &self)
        var limbs: [UInt32] = []
        for _ in 0..<count {
            switch Int.random(in: 0..<8, using: &self) {
            case 0: limbs.append(0)
            case 1: limbs.append(1)
            case 2: limbs.append(0x7FFF_FFFF)
            case 3: limbs.append(0x8000_0000)
            case 4: limbs.append(0xFFFF_FFFF)
            default: limbs.append(UInt32(truncatingIfNeeded: next()))
            }
        }
        return BigInt(negative: Bool.random(using: &self), magnitude: limbs)
    }

    mutating func nonZeroBigInt(maxLimbs: Int) -> BigInt {
        while true {
            let value = bigInt(maxLimbs: maxLimbs)
            if !value.isZero { return value }
        }
    }

    mutating func exact(maxLimbs: Int) -> Exact {
        let numerator = bigInt(maxLimbs: maxLimbs)
        let denominator = nonZeroBigInt(maxLimbs: maxLimbs)
        return Exact(numerator: numerator, denominator: denominator) ?? .zero
    }
}

private func big(_ text: String) -> BigInt {
    guard let value = BigInt(text) else {
        Issue.record("could not parse \(text)")
        return .zero
    }
    return value
}

private func exact(_ numerator: Int, _ denominator: Int) -> Exact {
    guard let value = Exact(numerator, denominator) else {
        Issue.record("zero denominator")
        return .zero
    }
    return value
}

private func decimal(_ text: String) -> Exact {
    guard let value = Exact(decimal: text) else {
        Issue.record("could not parse decimal \(text)")
        return .zero
    }
    return value
}

// MARK: - BigInt: construction, parsing, description

@Suite("BigInt basics")
struct BigIntBasicsTests {
    @Test(arguments: [
        "0", "1", "-1", "9", "10", "999999999", "1000000000", "-1000000000",
        "4294967295", "4294967296", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616",
        "170141183460469231731687303715884105727", "-170141183460469231731687303715884105728",
        "340282366920938463463374607431768211456",
        "123456789012345678901234567890123456789012345678901234567890",
        "-100000000000000000000000000000000000000000000000000000000000000000000001",
    ])
    func descriptionRoundTrips(text: String) {
        let value = BigInt(text)
        #expect(value?.description == text)
    }

    @Test(arguments: [
        ("-0", "0"), ("000", "0"), ("0001", "1"), ("-0000000000000000000000000042", "-42"),
        ("00000000000000000000000000000000000000001", "1"),
    ])
    func parsingNormalizes(text: String, expected: String) {
        #expect(BigInt(text)?.description == expected)
    }

    @Test(arguments: ["", "-", "+1", " 1", "1 ", "1_000", "1,000", "--1", "1-", "0x10", "1.0", "١٢", "１"])
    func parsingRejects(text: String) {
        #expect(BigInt(text) == nil)
    }

    @Test func parsesSubstrings() {
        let text = "abc-12345def"
        let slice = text.dropFirst(3).dropLast(3)
        #expect(BigInt(slice) == BigInt(-12345))
    }

    @Test func integerLiterals() {
        let huge: BigInt = 123_456_789_012_345_678_901_234_567_890
        #expect(huge.description == "123456789012345678901234567890")
        let negativeHuge: BigInt = -340_282_366_920_938_463_463_374_607_431_768_211_456
        #expect(negativeHuge.description == "-340282366920938463463374607431768211456")
        let small: BigInt = -7
        #expect(small == BigInt(-7))
        let minimum: BigInt = -9_223_372_036_854_775_808
        #expect(minimum.int64Value == Int64.min)
    }

    @Test func int64AndInt128Conversions() {
        #expect(BigInt(Int64.max).int64Value == Int64.max)
        #expect(BigInt(Int64.min).int64Value == Int64.min)
        #expect((BigInt(Int64.max) + .one).int64Value == nil)
        #expect((BigInt(Int64.min) - .one).int64Value == nil)
        #expect(BigInt(Int128.max).int128Value == Int128.max)
        #expect(BigInt(Int128.min).int128Value == Int128.min)
        #expect(BigInt(Int128.min).description == String(Int128.min))
        #expect((BigInt(Int128.max) + .one).int128Value == nil)
        #expect((BigInt(Int128.min) - .one).int128Value == nil)
        #expect(BigInt(UInt64.max).description == String(UInt64.max))
    }

    @Test func canonicalRepresentationHashesByValue() {
        let big = BigInt.pow10(30)
        let five = (big + BigInt(5)) - big
        #expect(five == BigInt(5))
        #expect(five.hashValue == BigInt(5).hashValue)
        #expect(five.int64Value == 5)
        let minimum = -(BigInt(Int64.max)) - .one
        #expect(minimum == BigInt(Int64.min))
        #expect(Set([minimum, BigInt(Int64.min)]).count == 1)
    }

    @Test func signAndMagnitude() {
        #expect(BigInt.zero.isZero)
        #expect(BigInt.zero.signum == 0)
        #expect(!BigInt.zero.isNegative)
        #expect(BigInt(-3).signum == -1)
        #expect(BigInt(-3).isNegative)
        #expect(BigInt(3).signum == 1)
        #expect(BigInt(Int64.min).magnitude.description == "9223372036854775808")
        #expect((-BigInt.pow10(40)).magnitude == BigInt.pow10(40))
        #expect((-BigInt.pow10(40)).signum == -1)
        #expect(-BigInt(Int64.min) == BigInt(Int64.max) + .one)
        #expect(-(-BigInt.pow10(25)) == BigInt.pow10(25))
    }

    @Test func compoundAssignment() {
        var x = BigInt(10)
        x += BigInt.pow10(20)
        x -= BigInt(3)
        x *= BigInt(-2)
        #expect(x == (BigInt.pow10(20) + BigInt(7)) * BigInt(-2))
        x -= x
        #expect(x.isZero)
    }

    @Test func comparisonAcrossRepresentations() {
        let values: [BigInt] = [
            -BigInt.pow10(40), -BigInt.pow10(20), BigInt(Int64.min) - .one, BigInt(Int64.min),
            BigInt(-1), .zero, .one, BigInt(Int64.max), BigInt(Int64.max) + .one,
            BigInt.pow10(20), BigInt.pow10(40),
        ]
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a < b) == (i < j), "\(a) < \(b)")
                #expect((a == b) == (i == j), "\(a) == \(b)")
            }
        }
    }
}

// MARK: - BigInt: arithmetic tables

@Suite("BigInt arithmetic")
struct BigIntArithmeticTests {
    @Test(arguments: [
        (7, 2, 3, 1), (-7, 2, -3, -1), (7, -2, -3, 1), (-7, -2, 3, -1),
        (0, 5, 0, 0), (6, 3, 2, 0), (1, 7, 0, 1), (-1, 7, 0, -1),
    ])
    func smallDivisionTruncatesTowardZero(a: Int, b: Int, q: Int, r: Int) {
        let result = BigInt(a).quotientAndRemainder(dividingBy: BigInt(b))
        #expect(result.quotient == BigInt(q))
        #expect(result.remainder == BigInt(r))
    }

    @Test func int64MinDividedByMinusOne() {
        let result = BigInt(Int64.min).quotientAndRemainder(dividingBy: BigInt(-1))
        #expect(result.quotient.description == "9223372036854775808")
        #expect(result.remainder == .zero)
    }

    @Test(arguments: [
        ("340282366920938463463374607431768211456", "18446744073709551616", "18446744073709551616", "0"),
        ("340282366920938463463374607431768211457", "18446744073709551616", "18446744073709551616", "1"),
        ("-1000000000000000000000000000007", "1000000000000000000000000000000", "-1", "-7"),
        ("1000000000000000000000000000007", "-3", "-333333333333333333333333333335", "2"),
        ("99999999999999999999999999999999999999", "99999999999999999999", "1000000000000000000", "999999999999999999"),
        // Divisor top limbs that force qhat corrections in algorithm D.
        ("79228162514264337593543950335", "18446744073709551617", "4294967295", "18446744069414584320"),
        ("39614081257132168796771975168", "9223372041149743103", "4294967294", "12884901886"),
    ])
    func largeDivisionTable(a: String, b: String, q: String, r: String) {
        let result = big(a).quotientAndRemainder(dividingBy: big(b))
        #expect(result.quotient.description == q)
        #expect(result.remainder.description == r)
        #expect(result.quotient * big(b) + result.remainder == big(a))
    }

    @Test(arguments: [
        (0, 0, 0), (0, 5, 5), (-5, 0, 5), (12, 18, 6), (-12, 18, 6), (12, -18, 6),
        (17, 5, 1), (1071, 462, 21), (Int(Int64.min), 2, 2),
    ])
    func gcdTable(a: Int, b: Int, expected: Int) {
        #expect(BigInt.gcd(BigInt(a), BigInt(b)) == BigInt(expected))
    }

    @Test func gcdOfLargeValues() {
        let g = big("340282366920938463463374607431768211507")  // > 2^128
        let a = g * big("1000000000000000000000000000057")
        let b = g * big("-998877665544332211009988776655")
        // The two cofactors are coprime (checked independently below).
        #expect(BigInt.gcd(big("1000000000000000000000000000057"), big("998877665544332211009988776655")) == .one)
        #expect(BigInt.gcd(a, b) == g)
        #expect(BigInt.gcd(BigInt.pow10(50), BigInt.pow10(30).power(1) * BigInt(7)) == BigInt.pow10(30))
        #expect(BigInt.gcd(Int64.minBig, Int64.minBig).description == "9223372036854775808")
    }

    @Test(arguments: [
        (2, 10, "1024"), (2, 64, "18446744073709551616"), (-3, 3, "-27"), (-3, 4, "81"),
        (0, 0, "1"), (0, 5, "0"), (7, 0, "1"), (10, 30, "1000000000000000000000000000000"),
        (2, -1, "0"), (1, -5, "1"), (-1, -3, "-1"), (-1, -2, "1"), (0, -1, "0"),
    ])
    func powerTable(base: Int, exponent: Int, expected: String) {
        #expect(BigInt(base).power(exponent).description == expected)
    }

    @Test func pow10() {
        #expect(BigInt.pow10(0) == .one)
        #expect(BigInt.pow10(-3) == .zero)
        #expect(BigInt.pow10(18).description == "1" + String(repeating: "0", count: 18))
        #expect(BigInt.pow10(19).description == "1" + String(repeating: "0", count: 19))
        #expect(BigInt.pow10(123).description == "1" + String(repeating: "0", count: 123))
    }

    @Test(arguments: [
        ("0", 0.0), ("1", 1.0), ("-9223372036854775808", -9_223_372_036_854_775_808.0),
        ("9223372036854775808", 9_223_372_036_854_775_808.0),
        ("18446744073709551615", 18_446_744_073_709_551_615.0),
        // 2^64 + 2^11 is a tie between 2^64 and 2^64 + 2^12: ties to even → 2^64.
        ("18446744073709553664", 18_446_744_073_709_551_616.0),
        // One more than the tie rounds up.
        ("18446744073709553665", 18_446_744_073_709_555_712.0),
        ("1000000000000000000000000000000", 1e30),
    ])
    func doubleValueTable(text: String, expected: Double) {
        #expect(big(text).doubleValue == expected)
    }

    @Test func doubleValueOfHugeIntegers() {
        #expect(BigInt.pow10(300).doubleValue == 1e300)
        #expect((-BigInt.pow10(308)).doubleValue == -1e308)
        #expect(BigInt.pow10(400).doubleValue == .infinity)
        #expect((-BigInt.pow10(400)).doubleValue == -.infinity)
    }
}

extension Int64 {
    fileprivate static var minBig: BigInt { BigInt(Int64.min) }
}

// MARK: - BigInt: property tests

@Suite("BigInt properties")
struct BigIntPropertyTests {
    @Test func agreesWithInt64() {
        var rng = SplitMix64(seed: 0x1234_5678)
        for _ in 0..<3000 {
            let a = rng.int64()
            let b = rng.int64()
            let x = BigInt(a)
            let y = BigInt(b)
            let (sum, sumOverflow) = a.addingReportingOverflow(b)
            if !sumOverflow { #expect(x + y == BigInt(sum)) }
            #expect((x + y).int128Value == Int128(a) + Int128(b))
            let (difference, differenceOverflow) = a.subtractingReportingOverflow(b)
            if !differenceOverflow { #expect(x - y == BigInt(difference)) }
            #expect((x - y).int128Value == Int128(a) - Int128(b))
            let (product, productOverflow) = a.multipliedReportingOverflow(by: b)
            if !productOverflow { #expect(x * y == BigInt(product)) }
            #expect((x * y).int128Value == Int128(a) * Int128(b))
            #expect((x < y) == (a < b))
            #expect((x == y) == (a == b))
            #expect(x.description == String(a))
            #expect(x.int64Value == a)
            #expect(x.doubleValue == Double(a))
            if b != 0, !(a == Int64.min && b == -1) {
                let (q, r) = a.quotientAndRemainder(dividingBy: b)
                let result = x.quotientAndRemainder(dividingBy: y)
                #expect(result.quotient == BigInt(q))
                #expect(result.remainder == BigInt(r))
            }
        }
    }

    @Test func agreesWithInt128() {
        var rng = SplitMix64(seed: 0xDEAD_BEEF)
        for _ in 0..<3000 {
            let a = rng.int128()
            let b = rng.int128()
            let x = BigInt(a)
            let y = BigInt(b)
            let (sum, sumOverflow) = a.addingReportingOverflow(b)
            if !sumOverflow { #expect((x + y).int128Value == sum) }
            let (difference, differenceOverflow) = a.subtractingReportingOverflow(b)
            if !differenceOverflow { #expect((x - y).int128Value == difference) }
            let (product, productOverflow) = a.multipliedReportingOverflow(by: b)
            if !productOverflow { #expect((x * y).int128Value == product) }
            #expect((x < y) == (a < b))
            #expect(x.description == String(a))
            #expect(BigInt(String(a)) == x)
            #expect(x.int128Value == a)
            if b != 0 {
                let (q, r) = a.quotientAndRemainder(dividingBy: b)
                let result = x.quotientAndRemainder(dividingBy: y)
                #expect(result.quotient.int128Value == q, "\(a) / \(b)")
                #expect(result.remainder.int128Value == r, "\(a) % \(b)")
            }
        }
    }

    @Test func ringLawsOnLargeValues() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<600 {
            let a = rng.bigInt(maxLimbs: 12)
            let b = rng.bigInt(maxLimbs: 12)
            let c = rng.bigInt(maxLimbs: 6)
            #expect((a + b) - b == a)
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - a == .zero)
            #expect(-(-a) == a)
            #expect(a + (-a) == .zero)
            #expect((a < b) == ((b - a).signum > 0))
            #expect(BigInt(a.description) == a)
        }
    }

    @Test func divisionIdentitiesOnLargeValues() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<1500 {
            let a = rng.bigInt(maxLimbs: 14)
            let b = rng.nonZeroBigInt(maxLimbs: 8)
            let (q, r) = a.quotientAndRemainder(dividingBy: b)
            #expect(q * b + r == a, "\(a) / \(b)")
            #expect(r.magnitude < b.magnitude)
            #expect(r.isZero || r.signum == a.signum)
            // a * b / b == a exactly.
            let product = a * b
            let exact = product.quotientAndRemainder(dividingBy: b)
            #expect(exact.quotient == a)
            #expect(exact.remainder == .zero)
            // (a * b + r) / b == (a, r) when 0 <= r < |b| and a, b share... (non-negative case).
            let m = a.magnitude
            let d = b.magnitude
            let rest = rng.bigInt(maxLimbs: 8).magnitude.quotientAndRemainder(dividingBy: d).remainder
            let combined = (m * d + rest).quotientAndRemainder(dividingBy: d)
            #expect(combined.quotient == m)
            #expect(combined.remainder == rest)
        }
    }

    @Test func gcdProperties() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<300 {
            let common = rng.nonZeroBigInt(maxLimbs: 3)
            let a = rng.nonZeroBigInt(maxLimbs: 5) * common
            let b = rng.nonZeroBigInt(maxLimbs: 5) * common
            let g = BigInt.gcd(a, b)
            #expect(g.signum == 1)
            #expect(a.quotientAndRemainder(dividingBy: g).remainder == .zero)
            #expect(b.quotientAndRemainder(dividingBy: g).remainder == .zero)
            #expect(g.quotientAndRemainder(dividingBy: common).remainder == .zero)
            let reducedA = a.quotientAndRemainder(dividingBy: g).quotient
            let reducedB = b.quotientAndRemainder(dividingBy: g).quotient
            #expect(BigInt.gcd(reducedA, reducedB) == .one)
            #expect(BigInt.gcd(a, b) == BigInt.gcd(b, a))
            #expect(BigInt.gcd(-a, b) == g)
        }
    }

    @Test func productsBeyondInt128RoundTrip() {
        var rng = SplitMix64(seed: 2024)
        for _ in 0..<300 {
            let a = BigInt(rng.int128()) * BigInt(Int128.max)
            let b = BigInt(Int128.min) + BigInt(rng.int64())
            let product = a * b
            #expect(product.int128Value == nil || a.isZero)
            #expect(product.quotientAndRemainder(dividingBy: b).quotient == a)
            if !a.isZero {
                #expect(product.quotientAndRemainder(dividingBy: a).quotient == b)
            }
            #expect(BigInt(product.description) == product)
        }
    }

    @Test func doubleValueMatchesParsedDecimal() {
        var rng = SplitMix64(seed: 31337)
        for _ in 0..<500 {
            let value = rng.bigInt(maxLimbs: 30)
            // Swift's Double(String) is correctly rounded, so it is an independent oracle.
            #expect(value.doubleValue == Double(value.description), "\(value)")
        }
    }
}

// MARK: - Exact: construction and normalization

@Suite("Exact basics")
struct ExactBasicsTests {
    @Test(arguments: [
        (6, 8, "3/4"), (-6, 8, "-3/4"), (6, -8, "-3/4"), (-6, -8, "3/4"),
        (10, 5, "2"), (0, -7, "0"), (5, 1, "5"), (1, 3, "1/3"),
    ])
    func normalizes(numerator: Int, denominator: Int, expected: String) {
        let value = exact(numerator, denominator)
        #expect(value.description == expected)
        #expect(value.denominator.signum == 1)
        #expect(BigInt.gcd(value.numerator, value.denominator) == .one)
    }

    @Test func zeroDenominatorIsNil() {
        #expect(Exact(numerator: .one, denominator: .zero) == nil)
        #expect(Exact(numerator: .zero, denominator: .zero) == nil)
        #expect(Exact(1, 0) == nil)
        #expect(Exact.one.divided(by: .zero) == nil)
        #expect(Exact.zero.reciprocal == nil)
    }

    @Test func equalValuesHashEqual() {
        let a = exact(1, 3) + exact(1, 6)
        let b = exact(1, 2)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b, exact(2, 4), Exact(mantissa: 5, scale: 1)]).count == 1)
    }

    @Test(arguments: [
        (Int64(862), 3, "431/500"), (Int64(-5), 1, "-1/2"), (Int64(12), 0, "12"),
        (Int64(15), -2, "1500"), (Int64(0), 50, "0"), (Int64(1_000), 3, "1"), (Int64.min, 0, "-9223372036854775808"),
    ])
    func mantissaScale(mantissa: Int64, scale: Int, expected: String) {
        #expect(Exact(mantissa: mantissa, scale: scale).description == expected)
    }

    @Test func mantissaScaleInt128() {
        let value = Exact(mantissa: Int128.max, scale: 38)
        #expect(value.numerator == BigInt(Int128.max))
        #expect(value.denominator == BigInt.pow10(38))
        #expect(Exact(mantissa: Int128(25), scale: 2) == exact(1, 4))
    }

    @Test func runtimeIntInitSignAndMagnitude() {
        let n = -7
        let value = Exact(n)
        #expect(value.isNegative)
        #expect(value.signum == -1)
        #expect(value.magnitude == Exact(7))
        #expect(exact(-3, 4).magnitude == exact(3, 4))
        #expect(exact(-3, 4).reciprocal == exact(-4, 3))
        #expect(!Exact.zero.isNegative)
        #expect(Exact(mantissa: Int64.min, scale: -3).description == "-9223372036854775808000")
        #expect(Exact(mantissa: Int128.min, scale: 0).numerator == BigInt(Int128.min))
    }

    @Test func integerLiteralsAndInits() {
        let five: Exact = 5
        #expect(five == Exact(5))
        #expect(five == Exact(BigInt(5)))
        #expect(five.isInteger)
        let huge: Exact = 100_000_000_000_000_000_000_000_000
        #expect(huge.numerator == BigInt.pow10(26))
        #expect(Exact.zero.isZero && Exact.zero.signum == 0)
        #expect(Exact.one.signum == 1)
        #expect((-Exact.one).signum == -1)
    }

    @Test(arguments: [
        (7, 2, 3, 4), (-7, 2, -4, -3), (6, 3, 2, 2), (-6, 3, -2, -2), (1, 3, 0, 1), (-1, 3, -1, 0), (0, 1, 0, 0),
    ])
    func floorAndCeil(numerator: Int, denominator: Int, floor: Int, ceil: Int) {
        let value = exact(numerator, denominator)
        #expect(value.floor() == BigInt(floor))
        #expect(value.ceil() == BigInt(ceil))
    }
}

// MARK: - Exact: arithmetic and verdicts

@Suite("Exact arithmetic")
struct ExactArithmeticTests {
    @Test func verdictThreshold() {
        // "share 570/1000 >= share 560/1000 + 1/100": exactly equal, so >= holds and > does not.
        let share = exact(570, 1000)
        let threshold = exact(560, 1000) + exact(1, 100)
        #expect(share >= threshold)
        #expect(!(share > threshold))
        #expect(share == threshold)
        // The same computation in Double gets it wrong: 0.56 + 0.01 != 0.57.
        #expect(0.56 + 0.01 != 0.57)
    }

    @Test func averageOfSixShares() {
        let shares = ["0.101", "0.202", "0.170", "0.157", "0.190", "0.180"].map(decimal)
        let sum = shares.reduce(Exact.zero, +)
        #expect(sum == Exact.one)
        let average = sum.divided(by: Exact(6))
        #expect(average == exact(1, 6))
        let bar = (average ?? .zero) + exact(1, 100)
        #expect(bar == exact(53, 300))
        #expect(decimal("0.177") > bar)
        #expect(decimal("0.176") < bar)
    }

    @Test(arguments: [
        ("1/2", "1/3", "5/6", "1/6", "1/6", "3/2"),
        ("-1/2", "1/3", "-1/6", "-5/6", "-1/6", "-3/2"),
        ("3/4", "1/4", "1", "1/2", "3/16", "3"),
        ("5/6", "1/6", "1", "2/3", "5/36", "5"),
        ("0", "7/3", "7/3", "-7/3", "0", "0"),
        ("7/10", "3/10", "1", "2/5", "21/100", "7/3"),
    ])
    func arithmeticTable(a: String, b: String, sum: String, difference: String, product: String, quotient: String) {
        func parse(_ text: String) -> Exact {
            let parts = text.split(separator: "/")
            let numerator = big(String(parts[0]))
            let denominator = parts.count > 1 ? big(String(parts[1])) : .one
            return Exact(numerator: numerator, denominator: denominator) ?? .zero
        }
        let x = parse(a)
        let y = parse(b)
        #expect((x + y).description == sum)
        #expect((x - y).description == difference)
        #expect((x * y).description == product)
        #expect(x.divided(by: y)?.description == quotient)
    }

    @Test func compoundAssignment() {
        var value = exact(1, 2)
        value += exact(1, 3)
        #expect(value == exact(5, 6))
        value -= exact(1, 6)
        #expect(value == exact(2, 3))
        value *= exact(3, 4)
        #expect(value == exact(1, 2))
    }

    @Test func fieldLaws() {
        var rng = SplitMix64(seed: 0xFEED)
        for _ in 0..<400 {
            let a = rng.exact(maxLimbs: 3)
            let b = rng.exact(maxLimbs: 3)
            let c = rng.exact(maxLimbs: 2)
            #expect((a + b) - b == a)
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect(a * (b + c) == a * b + a * c)
            if !b.isZero {
                #expect((a * b).divided(by: b) == a)
                #expect(a.divided(by: b).map { $0 * b } == a)
            }
            for value in [a + b, a - b, a * b] {
                #expect(value.denominator.signum == 1)
                #expect(BigInt.gcd(value.numerator, value.denominator) == .one)
            }
        }
    }

    @Test func comparisonAgreesWithCrossMultiplication() {
        var rng = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<1000 {
            let a = rng.exact(maxLimbs: 4)
            let b = rng.exact(maxLimbs: 4)
            let left = a.numerator * b.denominator
            let right = b.numerator * a.denominator
            #expect((a < b) == (left < right))
            #expect((a == b) == (left == right))
            #expect((a < b) == ((b - a).signum > 0))
        }
    }

    @Test func floorCeilBracketValue() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let value = rng.exact(maxLimbs: 3)
            let floor = Exact(value.floor())
            let ceil = Exact(value.ceil())
            #expect(floor <= value && value < floor + .one)
            #expect(ceil >= value && value > ceil - .one)
            #expect((floor == ceil) == value.isInteger)
        }
    }

    @Test func agreesWithSmallIntegerCrossProducts() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<1000 {
            let a = Int64.random(in: -1_000_000...1_000_000, using: &rng)
            let b = Int64.random(in: 1...1_000_000, using: &rng)
            let c = Int64.random(in: -1_000_000...1_000_000, using: &rng)
            let d = Int64.random(in: 1...1_000_000, using: &rng)
            let x = Exact(numerator: BigInt(a), denominator: BigInt(b)) ?? .zero
            let y = Exact(numerator: BigInt(c), denominator: BigInt(d)) ?? .zero
            #expect((x < y) == (a * d < c * b))
            let sum = x + y
            #expect(sum == Exact(numerator: BigInt(a * d + c * b), denominator: BigInt(b * d)))
            let product = x * y
            #expect(product == Exact(numerator: BigInt(a * c), denominator: BigInt(b * d)))
        }
    }
}

// MARK: - Exact: doubles

@Suite("Exact doubleValue")
struct ExactDoubleTests {
    @Test(arguments: [
        (1, 3, 1.0 / 3.0), (-2, 3, -2.0 / 3.0), (1, 10, 0.1), (862, 1000, 0.862), (5, 1, 5.0), (0, 1, 0.0),
    ])
    func smallRatios(numerator: Int, denominator: Int, expected: Double) {
        #expect(exact(numerator, denominator).doubleValue == expected)
    }

    @Test func hugePartsStayFinite() {
        // (10^400 + 1) / (3 · 10^399) ≈ 3.333…
        let value = Exact(numerator: BigInt.pow10(400) + .one, denominator: BigInt(3) * BigInt.pow10(399)) ?? .zero
        #expect(value.doubleValue == 10.0 / 3.0)
        let tiny = Exact(numerator: BigInt.one, denominator: BigInt.pow10(320)) ?? .zero
        #expect(tiny.doubleValue > 0 && tiny.doubleValue > Double.leastNonzeroMagnitude * 2000 && tiny.doubleValue < Double.leastNonzeroMagnitude * 2050)
        let negative = Exact(numerator: -BigInt.pow10(500), denominator: BigInt.pow10(500) * BigInt(7) + .one) ?? .zero
        #expect(negative.doubleValue == -1.0 / 7.0)
        let vanishing = Exact(numerator: BigInt.one, denominator: BigInt.pow10(400)) ?? .zero
        #expect(vanishing.doubleValue == 0)
        #expect(Exact(BigInt.pow10(400)).doubleValue == .infinity)
    }

    @Test func matchesCorrectlyRoundedDecimalParse() {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<400 {
            // m / 10^k is exactly what Double("m e-k") rounds correctly.
            let mantissa = rng.bigInt(maxLimbs: 6)
            let scale = Int.random(in: 1...60, using: &rng)
            let value = Exact(mantissa: mantissa, scale: scale)
            let expected = Double("\(mantissa)e-\(scale)")
            #expect(value.doubleValue == expected, "\(mantissa)e-\(scale)")
        }
    }
}

// MARK: - Exact: formatting and parsing

@Suite("Exact formatting")
struct ExactFormattingTests {
    @Test(arguments: [
        ("0.05", 1, "0.1"), ("0.04999", 1, "0.0"), ("-0.05", 1, "-0.1"), ("69.95", 1, "70.0"),
        ("0.862", 1, "0.9"), ("-0.003", 1, "0.0"), ("-0.003", 0, "0"), ("2.5", 0, "3"), ("-2.5", 0, "-3"),
        ("1.005", 2, "1.01"), ("0", 3, "0.000"), ("12", 2, "12.00"), ("-0.5", 0, "-1"), ("-0.4", 0, "0"),
        ("99.995", 2, "100.00"), ("0.000001", 3, "0.000"), ("0.0005", 3, "0.001"), ("123.456", -1, "123"),
        ("123456789012345678901234567890.5", 0, "123456789012345678901234567891"),
    ])
    func roundsHalfAwayFromZero(text: String, digits: Int, expected: String) {
        #expect(decimal(text).formatted(fractionDigits: digits) == expected)
    }

    @Test func formatsRepeatingFractions() {
        #expect(exact(1, 3).formatted(fractionDigits: 4) == "0.3333")
        #expect(exact(2, 3).formatted(fractionDigits: 4) == "0.6667")
        #expect(exact(-2, 3).formatted(fractionDigits: 2) == "-0.67")
        #expect(exact(1, 6).formatted(fractionDigits: 20) == "0.16666666666666666667")
        #expect(exact(862, 1000).formatted(fractionDigits: 1) == "0.9")
        #expect(exact(-3, 1000).formatted(fractionDigits: 1) == "0.0")
    }

    @Test(arguments: [
        (1, 4, 10, "0.25"), (-1, 4, 10, "-0.25"), (1, 4, 1, nil), (1, 4, 2, "0.25"), (1, 3, 50, nil),
        (5, 1, 0, "5"), (-5, 1, 0, "-5"), (0, 1, 0, "0"), (3, 8, 3, "0.375"), (3, 8, 2, nil),
        (1, 1024, 10, "0.0009765625"), (1, 1024, 9, nil), (7, 20, 2, "0.35"), (1, 125, 3, "0.008"),
        (1, 10, -1, nil), (1, 6, 40, nil), (3, 2, 5, "1.5"),
    ] as [(Int, Int, Int, String?)])
    func exactDecimalString(numerator: Int, denominator: Int, maxDigits: Int, expected: String?) {
        #expect(exact(numerator, denominator).exactDecimalString(maxFractionDigits: maxDigits) == expected)
    }

    @Test(arguments: [
        ("86.2", "431/5"), ("-0.5", "-1/2"), ("12", "12"), (".5", "1/2"), ("1e-3", "1/1000"),
        ("1.5E2", "150"), ("12.", "12"), ("-.25", "-1/4"), ("0.000", "0"), ("-0", "0"), ("1e+3", "1000"),
        ("007.50", "15/2"), ("0e99999999999999999999", "0"), ("2.50e-1", "1/4"),
        ("1." + String(repeating: "0", count: 20_000), "1"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
    ])
    func parsesDecimals(text: String, expected: String) {
        #expect(Exact(decimal: text)?.description == expected)
    }

    @Test(arguments: [
        "", "-", ".", "-.", "e5", "1e", "1e+", "1.2.3", " 1", "1 ", "1,5", "1,000", "+1", "--1",
        "1e5.5", "0x10", "inf", "nan", "1_000", "١", "1e99999999999999999999", "1e-20000",
        "0." + String(repeating: "0", count: 20_000) + "1",
    ])
    func rejectsMalformedDecimals(text: String) {
        #expect(Exact(decimal: text) == nil)
    }

    @Test func decimalRoundTrip() {
        var rng = SplitMix64(seed: 123)
        for _ in 0..<500 {
            let mantissa = rng.bigInt(maxLimbs: 4)
            let scale = Int.random(in: -5...30, using: &rng)
            let value = Exact(mantissa: mantissa, scale: scale)
            guard let text = value.exactDecimalString(maxFractionDigits: 30) else {
                Issue.record("\(value) should be a terminating decimal")
                continue
            }
            #expect(Exact(decimal: text) == value, "\(text)")
            #expect(!text.hasSuffix("0") || !text.contains("."), "not shortest: \(text)")
            #expect(value.formatted(fractionDigits: 30) == Exact.paddedDecimal(text, to: 30))
            #expect(Exact(decimal: "\(mantissa)e\(0 - scale)") == value)
        }
    }

    @Test func descriptionIsParseableAsRatio() {
        var rng = SplitMix64(seed: 321)
        for _ in 0..<300 {
            let value = rng.exact(maxLimbs: 3)
            let parts = value.description.split(separator: "/")
            let numerator = BigInt(parts[0])
            let denominator = parts.count == 2 ? BigInt(parts[1]) : BigInt.one
            #expect(numerator.flatMap { n in denominator.flatMap { Exact(numerator: n, denominator: $0) } } == value)
            #expect(parts.count == (value.isInteger ? 1 : 2))
        }
    }
}

extension Exact {
    /// Pads an exact decimal string with zeros to `digits` fraction digits.
    fileprivate static func paddedDecimal(_ text: String, to digits: Int) -> String {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: digits - fraction.count)
    }
}
