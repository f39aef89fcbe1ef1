// Exact+Formatting.swift — decimal rendering and decimal parsing for `Exact`.

extension Exact {
    /// The largest decimal exponent (after dropping trailing zero digits) that
    /// `init?(decimal:)` accepts; larger magnitudes are rejected as `nil`.
    public static let maximumDecimalExponent = 10_000

    /// The value as a decimal with exactly `fractionDigits` digits after the point,
    /// rounded half away from zero; never renders negative zero.
    ///
    /// `Exact(862, 1000)?.formatted(fractionDigits: 1) == "0.9"`,
    /// `Exact(-3, 1000)?.formatted(fractionDigits: 1) == "0.0"`.
    /// A negative `fractionDigits` is treated as 0 (no decimal point); cost grows with `fractionDigits`.
    public func formatted(fractionDigits: Int) -> String {
        let digits = max(0, fractionDigits)
        let scaled = numerator.magnitude * BigInt.pow10(digits)
        var (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: denominator)
        // Half away from zero on the magnitude: round up when 2r >= d.
        if !(remainder + remainder < denominator) {
            quotient = quotient + .one
        }
        return Exact.render(magnitude: quotient, fractionDigits: digits, negative: numerator.isNegative)
    }

    /// The shortest exact decimal rendering (e.g. `"0.25"`, `"-1.5"`, `"12"`) when the value
    /// is a terminating decimal needing at most `maxFractionDigits` fraction digits; otherwise `nil`.
    ///
    /// A negative `maxFractionDigits` is treated as 0 (only whole numbers render).
    public func exactDecimalString(maxFractionDigits: Int) -> String? {
        if isInteger { return numerator.description }
        let limit = max(0, maxFractionDigits)
        // The value terminates iff the denominator is 2^a · 5^b; it then needs max(a, b) digits.
        let twos = denominator.trailingZeroBitCount
        if twos > limit { return nil }
        var rest = denominator.magnitudeLimbs
        rest = Limbs.shiftRight(rest, by: twos)
        var fives = 0
        while rest != [1] {
            var candidate = rest
            if Limbs.divide(&candidate, by: 5) != 0 { return nil }
            fives += 1
            if fives > limit { return nil }
            rest = candidate
        }
        let digits = max(twos, fives)
        let scaled = numerator.magnitude * BigInt.pow10(digits)
        let quotient = scaled.quotientAndRemainder(dividingBy: denominator).quotient
        return Exact.render(magnitude: quotient, fractionDigits: digits, negative: numerator.isNegative)
    }

    /// Renders `magnitude × 10^(-fractionDigits)` with a `-` only when the digits are non-zero.
    private static func render(magnitude: BigInt, fractionDigits: Int, negative: Bool) -> String {
        var text = magnitude.description
        if fractionDigits > 0 {
            if text.count <= fractionDigits {
                text = String(repeating: "0", count: fractionDigits - text.count + 1) + text
            }
            let point = text.index(text.endIndex, offsetBy: -fractionDigits)
            text = text[..<point] + "." + text[point...]
        }
        if negative && !magnitude.isZero {
            text = "-" + text
        }
        return text
    }
}

extension Exact {
    /// Parses a plain decimal number: an optional leading `-`, digits with an optional
    /// `.` (at least one digit overall, as in `"12"`, `"86.2"`, `".5"`, `"12."`), and an
    /// optional exponent `e`/`E` with optional sign and at least one digit (`"1e-3"`, `"1.5E2"`).
    ///
    /// Returns `nil` on anything else — spaces, commas, `+` before the number, `inf`/`nan`,
    /// non-ASCII digits — and when the decimal exponent exceeds ``maximumDecimalExponent``.
    public init?(decimal text: some StringProtocol) {
        let bytes = Array(text.utf8)
        let count = bytes.count
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        var negative = false
        if index < count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }

        // Mantissa digits (integer part then fraction part), without the point.
        var digits: [UInt8] = []
        var fractionCount = 0
        while index < count, isDigit(bytes[index]) {
            digits.append(bytes[index])
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, isDigit(bytes[index]) {
                digits.append(bytes[index])
                fractionCount += 1
                index += 1
            }
        }
        if digits.isEmpty { return nil }

        var exponent = 0
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = 0
            while index < count, isDigit(bytes[index]) {
                // Saturate: anything this large is rejected below unless the mantissa is zero.
                if exponent < 1_000_000_000 {
                    exponent = exponent * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                }
                exponentDigits += 1
                index += 1
            }
            if exponentDigits == 0 { return nil }
            if exponentNegative { exponent = 0 - exponent }
        }
        if index != count { return nil }

        // Drop leading zeros; a zero mantissa is zero whatever the exponent.
        guard let firstSignificant = digits.firstIndex(where: { $0 != UInt8(ascii: "0") }) else {
            self = .zero
            return
        }
        // Drop trailing zeros into the scale so "1.000…0" stays cheap.
        var lastSignificant = digits.count - 1
        var scale = fractionCount - exponent
        while digits[lastSignificant] == UInt8(ascii: "0") {
            lastSignificant -= 1
            scale -= 1
        }
        if scale > Exact.maximumDecimalExponent || scale < 0 - Exact.maximumDecimalExponent {
            return nil
        }
        var mantissaText = negative ? "-" : ""
        mantissaText += String(decoding: digits[firstSignificant...lastSignificant], as: UTF8.self)
        guard let mantissa = BigInt(mantissaText) else { return nil }
        self.init(mantissa: mantissa, scale: scale)
    }
}
