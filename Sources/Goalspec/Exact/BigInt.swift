// BigInt.swift — arbitrary-precision signed integers for exact verdict arithmetic.
//
// Representation: values that fit in `Int64` are stored inline (no allocation);
// everything else is sign + magnitude with little-endian `UInt32` limbs. The
// representation is canonical (a value has exactly one storage form), so the
// synthesized `Hashable` conformance of the storage is value-correct.

/// An arbitrary-precision signed integer.
///
/// `BigInt` never overflows: addition, subtraction, multiplication and powers
/// always produce the exact result. Division truncates toward zero, like `Int`.
/// The only operation with a precondition is division by zero.
public struct BigInt: Sendable, Hashable {
    internal enum Storage: Sendable, Hashable {
        /// Any value representable as `Int64`.
        case small(Int64)
        /// A value outside the `Int64` range; `magnitude` is trimmed (no high zero limbs).
        case large(negative: Bool, magnitude: [UInt32])
    }

    internal var storage: Storage

    internal init(storage: Storage) {
        self.storage = storage
    }

    /// Builds a canonical value from a sign and a (possibly untrimmed) magnitude.
    internal init(negative: Bool, magnitude: [UInt32]) {
        var limbs = magnitude
        Limbs.trim(&limbs)
        if limbs.count <= 2 {
            let low = limbs.isEmpty ? 0 : UInt64(limbs[0])
            let high = limbs.count > 1 ? UInt64(limbs[1]) << 32 : 0
            let value = low | high
            if !negative, value <= UInt64(Int64.max) {
                storage = .small(Int64(value))
                return
            }
            if negative, value <= UInt64(Int64.max) &+ 1 {
                storage = .small(Int64(truncatingIfNeeded: 0 &- value))
                return
            }
        }
        storage = .large(negative: negative, magnitude: limbs)
    }

    /// The sign and little-endian magnitude limbs of this value.
    internal var signAndMagnitude: (negative: Bool, magnitude: [UInt32]) {
        switch storage {
        case .small(let value):
            return (value < 0, Limbs.from(value.magnitude))
        case .large(let negative, let magnitude):
            return (negative, magnitude)
        }
    }

    /// The little-endian magnitude limbs of this value.
    internal var magnitudeLimbs: [UInt32] {
        signAndMagnitude.magnitude
    }
}

// MARK: - Construction

extension BigInt {
    /// The integer zero.
    public static let zero = BigInt(storage: .small(0))

    /// The integer one.
    public static let one = BigInt(storage: .small(1))

    /// Creates the integer equal to `value`.
    public init(_ value: Int) {
        self.init(storage: .small(Int64(value)))
    }

    /// Creates the integer equal to `value`.
    public init(_ value: Int64) {
        self.init(storage: .small(value))
    }

    /// Creates the integer equal to `value`.
    public init(_ value: UInt64) {
        self.init(negative: false, magnitude: Limbs.from(value))
    }

    /// Creates the integer equal to `value`.
    public init(_ value: Int128) {
        if let small = Int64(exactly: value) {
            self.init(storage: .small(small))
        } else {
            self.init(negative: value < 0, magnitude: Limbs.from(value.magnitude))
        }
    }

    /// Parses a decimal integer: ASCII digits with an optional leading `-`.
    ///
    /// Returns `nil` for an empty string, a lone sign, or any other character
    /// (including spaces, `+`, underscores and non-ASCII digits).
    public init?(_ text: some StringProtocol) {
        var iterator = text.utf8.makeIterator()
        var negative = false
        var sawDigit = false
        var limbs: [UInt32] = []
        var chunk: UInt32 = 0
        var chunkDigits = 0
        var first = true
        while let byte = iterator.next() {
            if first {
                first = false
                if byte == UInt8(ascii: "-") {
                    negative = true
                    continue
                }
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            sawDigit = true
            chunk = chunk &* 10 &+ UInt32(byte &- UInt8(ascii: "0"))
            chunkDigits += 1
            if chunkDigits == 9 {
                Limbs.multiplyAdd(&limbs, multiplier: 1_000_000_000, addend: chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        guard sawDigit else { return nil }
        if chunkDigits > 0 {
            Limbs.multiplyAdd(&limbs, multiplier: Limbs.powersOfTen[chunkDigits], addend: chunk)
        }
        self.init(negative: negative, magnitude: limbs)
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    /// Creates the integer written as a literal; literals of any size are accepted.
    public init(integerLiteral value: StaticBigInt) {
        let negative = value.signum() < 0
        let wordCount = (value.bitWidth + UInt.bitWidth - 1) / UInt.bitWidth
        var words: [UInt] = []
        words.reserveCapacity(wordCount)
        for index in 0..<wordCount {
            words.append(value[index])
        }
        if negative {
            // Two's complement negation gives the magnitude.
            var carry = true
            for index in words.indices {
                words[index] = ~words[index]
                if carry {
                    let (sum, overflow) = words[index].addingReportingOverflow(1)
                    words[index] = sum
                    carry = overflow
                }
            }
        }
        var limbs: [UInt32] = []
        limbs.reserveCapacity(wordCount * (UInt.bitWidth / 32))
        for word in words {
            var remaining = word
            for _ in 0..<(UInt.bitWidth / 32) {
                limbs.append(UInt32(truncatingIfNeeded: remaining))
                remaining >>= 32
            }
        }
        self.init(negative: negative, magnitude: limbs)
    }
}

// MARK: - Properties

extension BigInt {
    /// Whether the value is zero.
    public var isZero: Bool {
        if case .small(0) = storage { return true }
        return false
    }

    /// Whether the value is less than zero.
    public var isNegative: Bool {
        switch storage {
        case .small(let value): return value < 0
        case .large(let negative, _): return negative
        }
    }

    /// The sign of the value: -1, 0 or 1.
    public var signum: Int {
        switch storage {
        case .small(let value): return value < 0 ? -1 : (value == 0 ? 0 : 1)
        case .large(let negative, _): return negative ? -1 : 1
        }
    }

    /// The absolute value.
    public var magnitude: BigInt {
        switch storage {
        case .small(let value):
            if value >= 0 { return self }
            if value != Int64.min { return BigInt(storage: .small(0 &- value)) }
            return BigInt(negative: false, magnitude: Limbs.from(value.magnitude))
        case .large(_, let magnitude):
            return BigInt(storage: .large(negative: false, magnitude: magnitude))
        }
    }

    /// The value as an `Int64`, or `nil` when it does not fit.
    public var int64Value: Int64? {
        if case .small(let value) = storage { return value }
        return nil
    }

    /// The value as an `Int128`, or `nil` when it does not fit.
    public var int128Value: Int128? {
        switch storage {
        case .small(let value):
            return Int128(value)
        case .large(let negative, let magnitude):
            guard magnitude.count <= 4 else { return nil }
            var bits: UInt128 = 0
            for (index, limb) in magnitude.enumerated() {
                bits |= UInt128(limb) << (32 * index)
            }
            if negative {
                if bits <= UInt128(Int128.max) { return 0 - Int128(bits) }
                if bits == UInt128(Int128.max) &+ 1 { return Int128.min }
                return nil
            }
            return Int128(exactly: bits)
        }
    }

    /// The number of bits in the magnitude (0 for zero).
    internal var bitLength: Int {
        switch storage {
        case .small(let value):
            return UInt64.bitWidth - value.magnitude.leadingZeroBitCount
        case .large(_, let magnitude):
            return Limbs.bitLength(magnitude)
        }
    }

    /// The nearest `Double` (ties to even); ±infinity when beyond the `Double` range.
    public var doubleValue: Double {
        switch storage {
        case .small(let value):
            return Double(value)
        case .large(let negative, let magnitude):
            let bits = Limbs.bitLength(magnitude)
            if bits > 1100 {
                return negative ? -Double.infinity : Double.infinity
            }
            // Take the top 64 bits, folding every lower bit into a sticky bit so
            // that the hardware conversion rounds exactly as the full value would.
            let shift = bits - 64
            let top = Limbs.shiftRight(magnitude, by: shift)
            var topBits: UInt64 = 0
            for (index, limb) in top.prefix(2).enumerated() {
                topBits |= UInt64(limb) << (32 * index)
            }
            if !Limbs.lowBitsAreZero(magnitude, count: shift) {
                topBits |= 1
            }
            let approximate = Double(topBits)
            let result = Double(
                sign: .plus,
                exponent: approximate.exponent + shift,
                significand: approximate.significand
            )
            return negative ? -result : result
        }
    }
}

// MARK: - Description

extension BigInt: CustomStringConvertible {
    /// The value in decimal, with a leading `-` when negative.
    public var description: String {
        switch storage {
        case .small(let value):
            return String(value)
        case .large(let negative, let magnitude):
            var remaining = magnitude
            var chunks: [UInt32] = []
            while !remaining.isEmpty {
                chunks.append(Limbs.divide(&remaining, by: 1_000_000_000))
            }
            var text = negative ? "-" : ""
            var first = true
            for chunk in chunks.reversed() {
                let digits = String(chunk)
                if !first {
                    text += String(repeating: "0", count: 9 - digits.count)
                }
                text += digits
                first = false
            }
            return text
        }
    }
}

// MARK: - Comparison

extension BigInt: Comparable {
    /// Whether `lhs` is less than `rhs`.
    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        switch (lhs.storage, rhs.storage) {
        case let (.small(a), .small(b)):
            return a < b
        case let (.small, .large(negative, _)):
            return !negative
        case let (.large(negative, _), .small):
            return negative
        case let (.large(aNegative, aMagnitude), .large(bNegative, bMagnitude)):
            if aNegative != bNegative { return aNegative }
            let order = Limbs.compare(aMagnitude, bMagnitude)
            return aNegative ? order > 0 : order < 0
        }
    }
}

// MARK: - Arithmetic

extension BigInt {
    /// The sum of two integers.
    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        if case .small(let a) = lhs.storage, case .small(let b) = rhs.storage {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if !overflow { return BigInt(storage: .small(sum)) }
        }
        let left = lhs.signAndMagnitude
        let right = rhs.signAndMagnitude
        return combine(left.negative, left.magnitude, right.negative, right.magnitude)
    }

    /// The difference of two integers.
    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt {
        if case .small(let a) = lhs.storage, case .small(let b) = rhs.storage {
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return BigInt(storage: .small(difference)) }
        }
        let left = lhs.signAndMagnitude
        let right = rhs.signAndMagnitude
        return combine(left.negative, left.magnitude, !right.negative, right.magnitude)
    }

    /// The negation of an integer.
    public static prefix func - (operand: BigInt) -> BigInt {
        switch operand.storage {
        case .small(let value):
            if value != Int64.min { return BigInt(storage: .small(0 &- value)) }
            return BigInt(negative: false, magnitude: Limbs.from(value.magnitude))
        case .large(let negative, let magnitude):
            return BigInt(negative: !negative, magnitude: magnitude)
        }
    }

    /// The product of two integers.
    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        if case .small(let a) = lhs.storage, case .small(let b) = rhs.storage {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if !overflow { return BigInt(storage: .small(product)) }
        }
        let left = lhs.signAndMagnitude
        let right = rhs.signAndMagnitude
        return BigInt(
            negative: left.negative != right.negative,
            magnitude: Limbs.multiply(left.magnitude, right.magnitude)
        )
    }

    /// Adds `rhs` to `lhs` in place.
    public static func += (lhs: inout BigInt, rhs: BigInt) { lhs = lhs + rhs }

    /// Subtracts `rhs` from `lhs` in place.
    public static func -= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs - rhs }

    /// Multiplies `lhs` by `rhs` in place.
    public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }

    /// Divides by `divisor`, truncating toward zero like `Int`.
    ///
    /// The remainder has the sign of `self` (or is zero) and a magnitude smaller
    /// than `divisor`'s, so `quotient * divisor + remainder == self`.
    ///
    /// - Precondition: `divisor` is not zero. Callers must check; this is the only
    ///   trapping operation of `BigInt`.
    public func quotientAndRemainder(dividingBy divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "BigInt division by zero")
        if case .small(let a) = storage, case .small(let b) = divisor.storage, !(a == Int64.min && b == -1) {
            let (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
            return (BigInt(storage: .small(quotient)), BigInt(storage: .small(remainder)))
        }
        let dividend = signAndMagnitude
        let by = divisor.signAndMagnitude
        let (quotient, remainder) = Limbs.divide(dividend.magnitude, by: by.magnitude)
        return (
            BigInt(negative: dividend.negative != by.negative, magnitude: quotient),
            BigInt(negative: dividend.negative, magnitude: remainder)
        )
    }

    /// The greatest common divisor of `a` and `b`; always non-negative, and zero only when both are zero.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var x = a.magnitude
        var y = b.magnitude
        while !y.isZero {
            if case .small(let u) = x.storage, case .small(let v) = y.storage {
                // Both non-negative and fit in Int64: finish natively.
                var p = UInt64(u)
                var q = UInt64(v)
                while q != 0 {
                    (p, q) = (q, p % q)
                }
                return BigInt(storage: .small(Int64(p)))
            }
            (x, y) = (y, x.quotientAndRemainder(dividingBy: y).remainder)
        }
        return x
    }

    /// `self` raised to `exponent`.
    ///
    /// `x.power(0) == 1` for every `x` (including zero). A negative exponent yields
    /// the integer part of `1 / self^|exponent|`: ±1 for ±1, and 0 otherwise (also for 0).
    public func power(_ exponent: Int) -> BigInt {
        if exponent < 0 {
            switch storage {
            case .small(1): return .one
            case .small(-1): return exponent & 1 == 0 ? .one : BigInt(storage: .small(-1))
            default: return .zero
            }
        }
        var result = BigInt.one
        var base = self
        var remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = result * base }
            remaining >>= 1
            if remaining > 0 { base = base * base }
        }
        return result
    }

    /// Ten raised to `n`; zero when `n` is negative.
    public static func pow10(_ n: Int) -> BigInt {
        if n < 0 { return .zero }
        if n < smallPowersOfTen.count { return BigInt(storage: .small(smallPowersOfTen[n])) }
        return BigInt(storage: .small(10)).power(n)
    }

    private static let smallPowersOfTen: [Int64] = {
        var powers: [Int64] = [1]
        for _ in 1...18 { powers.append((powers.last ?? 1) &* 10) }
        return powers
    }()

    /// Combines two sign-magnitude values by addition.
    private static func combine(_ aNegative: Bool, _ a: [UInt32], _ bNegative: Bool, _ b: [UInt32]) -> BigInt {
        if aNegative == bNegative {
            return BigInt(negative: aNegative, magnitude: Limbs.add(a, b))
        }
        let order = Limbs.compare(a, b)
        if order == 0 { return .zero }
        if order > 0 { return BigInt(negative: aNegative, magnitude: Limbs.subtract(a, b)) }
        return BigInt(negative: bNegative, magnitude: Limbs.subtract(b, a))
    }

    /// `self` shifted left by `bits` (multiplied by 2^bits); `bits` must be non-negative.
    internal func shiftedLeft(by bits: Int) -> BigInt {
        if bits <= 0 || isZero { return self }
        let (negative, magnitude) = signAndMagnitude
        return BigInt(negative: negative, magnitude: Limbs.shiftLeft(magnitude, by: bits))
    }

    /// The number of trailing zero bits of the magnitude (0 for zero).
    internal var trailingZeroBitCount: Int {
        Limbs.trailingZeroBits(magnitudeLimbs)
    }
}

// MARK: - Limb arithmetic

/// Unsigned little-endian `UInt32` limb arithmetic. Inputs are trimmed unless noted;
/// all internal arithmetic uses wrapping operators over widened intermediates whose
/// ranges are argued in the comments, so nothing can trap on overflow.
internal enum Limbs {
    /// 10^0 ... 10^9, each fits in a limb.
    static let powersOfTen: [UInt32] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

    static func trim(_ limbs: inout [UInt32]) {
        while let last = limbs.last, last == 0 {
            limbs.removeLast()
        }
    }

    static func from(_ value: UInt64) -> [UInt32] {
        if value == 0 { return [] }
        let low = UInt32(truncatingIfNeeded: value)
        let high = UInt32(truncatingIfNeeded: value >> 32)
        return high == 0 ? [low] : [low, high]
    }

    static func from(_ value: UInt128) -> [UInt32] {
        var limbs: [UInt32] = []
        var remaining = value
        while remaining != 0 {
            limbs.append(UInt32(truncatingIfNeeded: remaining))
            remaining >>= 32
        }
        return limbs
    }

    /// -1, 0 or 1 as `a` is less than, equal to or greater than `b`.
    static func compare(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var index = a.count - 1
        while index >= 0 {
            if a[index] != b[index] { return a[index] < b[index] ? -1 : 1 }
            index -= 1
        }
        return 0
    }

    static func add(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result: [UInt32] = []
        result.reserveCapacity(long.count + 1)
        var carry: UInt64 = 0
        for index in 0..<long.count {
            // At most 2 * (2^32 - 1) + 1 < 2^64.
            let sum = UInt64(long[index]) &+ (index < short.count ? UInt64(short[index]) : 0) &+ carry
            result.append(UInt32(truncatingIfNeeded: sum))
            carry = sum >> 32
        }
        if carry != 0 { result.append(UInt32(truncatingIfNeeded: carry)) }
        return result
    }

    /// `a - b`; requires `a >= b`.
    static func subtract(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(a.count)
        var borrow: UInt32 = 0
        for index in 0..<a.count {
            let subtrahend = index < b.count ? b[index] : 0
            let (partial, overflow1) = a[index].subtractingReportingOverflow(subtrahend)
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
            result.append(difference)
            borrow = (overflow1 || overflow2) ? 1 : 0
        }
        trim(&result)
        return result
    }

    static func multiply(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        if a.isEmpty || b.isEmpty { return [] }
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            let ai = UInt64(a[i])
            if ai == 0 { continue }
            var carry: UInt64 = 0
            for j in 0..<b.count {
                // (2^32-1)^2 + 2 * (2^32-1) == 2^64 - 1: never wraps.
                let t = ai &* UInt64(b[j]) &+ UInt64(result[i + j]) &+ carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            result[i + b.count] = UInt32(truncatingIfNeeded: carry)
        }
        trim(&result)
        return result
    }

    /// `limbs = limbs * multiplier + addend`, in place.
    static func multiplyAdd(_ limbs: inout [UInt32], multiplier: UInt32, addend: UInt32) {
        var carry = UInt64(addend)
        for index in 0..<limbs.count {
            let t = UInt64(limbs[index]) &* UInt64(multiplier) &+ carry
            limbs[index] = UInt32(truncatingIfNeeded: t)
            carry = t >> 32
        }
        if carry != 0 { limbs.append(UInt32(truncatingIfNeeded: carry)) }
        trim(&limbs)
    }

    /// Divides `limbs` in place by a non-zero single limb and returns the remainder.
    static func divide(_ limbs: inout [UInt32], by divisor: UInt32) -> UInt32 {
        let d = UInt64(divisor)
        guard d != 0 else { return 0 }
        var remainder: UInt64 = 0
        var index = limbs.count - 1
        while index >= 0 {
            // remainder < d, so the quotient digit fits in a limb.
            let current = (remainder << 32) | UInt64(limbs[index])
            limbs[index] = UInt32(truncatingIfNeeded: current / d)
            remainder = current % d
            index -= 1
        }
        trim(&limbs)
        return UInt32(truncatingIfNeeded: remainder)
    }

    /// Long division (Knuth, TAOCP vol. 2, 4.3.1, algorithm D). `v` must be non-empty.
    static func divide(_ u: [UInt32], by v: [UInt32]) -> (quotient: [UInt32], remainder: [UInt32]) {
        guard !v.isEmpty else { return ([], u) }
        if compare(u, v) < 0 { return ([], u) }
        if v.count == 1 {
            var quotient = u
            let remainder = divide(&quotient, by: v[0])
            return (quotient, remainder == 0 ? [] : [remainder])
        }
        let n = v.count
        let m = u.count - n
        let base: UInt64 = 1 << 32
        let shift = v[n - 1].leadingZeroBitCount
        // D1: normalize so the top divisor limb has its high bit set.
        let vn = shiftLeft(v, by: shift)
        var un = shiftLeft(u, by: shift)
        while un.count < u.count + 1 { un.append(0) }
        var quotient = [UInt32](repeating: 0, count: m + 1)
        let vTop = UInt64(vn[n - 1])
        let vNext = UInt64(vn[n - 2])
        var j = m
        while j >= 0 {
            // D3: estimate qhat from the top two dividend limbs.
            let numerator = (UInt64(un[j + n]) << 32) | UInt64(un[j + n - 1])
            var qhat = numerator / vTop
            var rhat = numerator % vTop
            while qhat >= base || qhat &* vNext > ((rhat << 32) | UInt64(un[j + n - 2])) {
                qhat &-= 1
                rhat &+= vTop
                if rhat >= base { break }
            }
            // D4: multiply and subtract; borrow stays within ±2^33.
            var borrow: Int64 = 0
            for i in 0..<n {
                let product = qhat &* UInt64(vn[i])
                let t = Int64(un[i + j]) &- borrow &- Int64(product & 0xFFFF_FFFF)
                un[i + j] = UInt32(truncatingIfNeeded: t)
                borrow = Int64(product >> 32) &- (t >> 32)
            }
            let top = Int64(un[j + n]) &- borrow
            un[j + n] = UInt32(truncatingIfNeeded: top)
            quotient[j] = UInt32(truncatingIfNeeded: qhat)
            if top < 0 {
                // D6: qhat was one too large; add the divisor back.
                quotient[j] = quotient[j] &- 1
                var carry: UInt64 = 0
                for i in 0..<n {
                    let t = UInt64(un[i + j]) &+ UInt64(vn[i]) &+ carry
                    un[i + j] = UInt32(truncatingIfNeeded: t)
                    carry = t >> 32
                }
                un[j + n] = un[j + n] &+ UInt32(truncatingIfNeeded: carry)
            }
            j -= 1
        }
        trim(&quotient)
        // D8: unnormalize the remainder.
        var remainder = Array(un.prefix(n))
        trim(&remainder)
        remainder = shiftRight(remainder, by: shift)
        return (quotient, remainder)
    }

    static func bitLength(_ limbs: [UInt32]) -> Int {
        guard let last = limbs.last else { return 0 }
        return limbs.count * 32 - last.leadingZeroBitCount
    }

    static func shiftLeft(_ limbs: [UInt32], by bits: Int) -> [UInt32] {
        if limbs.isEmpty || bits <= 0 { return limbs }
        let limbShift = bits / 32
        let bitShift = bits % 32
        var result = [UInt32](repeating: 0, count: limbShift)
        result.reserveCapacity(limbShift + limbs.count + 1)
        if bitShift == 0 {
            result.append(contentsOf: limbs)
            return result
        }
        var carry: UInt32 = 0
        for limb in limbs {
            result.append((limb << UInt32(bitShift)) | carry)
            carry = limb >> UInt32(32 - bitShift)
        }
        if carry != 0 { result.append(carry) }
        return result
    }

    static func shiftRight(_ limbs: [UInt32], by bits: Int) -> [UInt32] {
        if bits <= 0 { return limbs }
        let limbShift = bits / 32
        let bitShift = bits % 32
        if limbShift >= limbs.count { return [] }
        var result: [UInt32] = []
        result.reserveCapacity(limbs.count - limbShift)
        for index in limbShift..<limbs.count {
            var value = limbs[index] >> UInt32(bitShift)
            if bitShift != 0, index + 1 < limbs.count {
                value |= limbs[index + 1] << UInt32(32 - bitShift)
            }
            result.append(value)
        }
        trim(&result)
        return result
    }

    /// Whether the lowest `count` bits are all zero.
    static func lowBitsAreZero(_ limbs: [UInt32], count: Int) -> Bool {
        if count <= 0 { return true }
        let fullLimbs = min(count / 32, limbs.count)
        for index in 0..<fullLimbs where limbs[index] != 0 {
            return false
        }
        let remainingBits = count % 32
        if remainingBits != 0, fullLimbs < limbs.count {
            let mask = (UInt32(1) << UInt32(remainingBits)) &- 1
            if limbs[fullLimbs] & mask != 0 { return false }
        }
        return true
    }

    static func trailingZeroBits(_ limbs: [UInt32]) -> Int {
        for (index, limb) in limbs.enumerated() where limb != 0 {
            return index * 32 + limb.trailingZeroBitCount
        }
        return 0
    }
}
