/// How exact values are shown to people: shares as %, points as pp, counts as whole numbers.
public enum ValueFormatting {
    /// Decimal separator and percent style.
    public enum Style: Sendable {
        /// `86.2%`, `0.3pp`.
        case english
        /// `86,2 %`, `0,3 procentpoint`, `198.260`, `2,5 mio. kr.`.
        case danish
    }

    /// A value of a type, as shown in explanations: `86.2%`, `0.3pp`, `1000`.
    /// `digits`: the fraction digits of a rounded value (more where two figures must visibly differ).
    public static func format(_ value: Exact, as type: GoalType, style: Style = .english, digits: Int = 2) -> String {
        switch type {
        case .share:
            return number(value * Exact(100), style: style, maxDigits: digits) + (style == .danish ? " %" : "%")
        case .points:
            return number(value * Exact(100), style: style, maxDigits: digits) + (style == .danish ? " procentpoint" : "pp")
        case .money:
            if value.magnitude >= Exact(1_000_000) {
                let millions = value.divided(by: Exact(1_000_000)) ?? value
                let text = millions.exactDecimalString(maxFractionDigits: 2) ?? millions.formatted(fractionDigits: digits)
                if style == .danish { return number(millions, style: style, maxDigits: 2) + " mio. kr." }
                return grouped(text, style: style) + " mio. kr"
            }
            if style == .danish { return number(value, style: style, maxDigits: digits) + " kr." }
            return grouped(number(value, style: style, maxDigits: digits), style: style) + " kr"
        case .duration:
            return number(value, style: style, maxDigits: digits) + (style == .danish ? " dage" : " days")
        case .count, .number, .bool, .text, .period, .list, .invalid:
            return number(value, style: style, maxDigits: digits)
        }
    }

    /// The fewest fraction digits (at least 2) at which two different values are shown differently,
    /// so that `0.17 > 0.17` can never be printed for a verdict that depends on the difference.
    public static func distinguishingDigits(_ a: Exact, _ b: Exact, as type: GoalType) -> Int {
        guard a != b else { return 2 }
        func shown(_ v: Exact) -> Exact {
            switch type {
            case .share, .points: v * Exact(100)
            case .money where v.magnitude >= Exact(1_000_000): v.divided(by: Exact(1_000_000)) ?? v
            default: v
            }
        }
        let (x, y) = (shown(a), shown(b))
        var digits = 2
        while digits < 40 && x.formatted(fractionDigits: digits) == y.formatted(fractionDigits: digits) { digits += 1 }
        return digits
    }

    /// The two sides of a comparison as shown in every report (text, Markdown, JSON `valueDisplay`
    /// and `thresholdDisplay`): with the digits that tell them apart when they differ, so that the
    /// figures a verdict depends on never look equal (`0.1700002 > 0.17`, not `0.17 > 0.17`).
    /// A side that is nil is nil; the other is then shown as usual.
    public static func comparison(_ value: Exact?, _ threshold: Exact?, as type: GoalType, style: Style = .english) -> (value: String?, threshold: String?) {
        let digits = value.flatMap { v in threshold.map { distinguishingDigits(v, $0, as: type) } } ?? 2
        return (value.map { format($0, as: type, style: style, digits: digits) }, threshold.map { format($0, as: type, style: style, digits: digits) })
    }

    /// The fewest fraction digits (at least 2) at which a value that is not zero is not shown as zero.
    public static func nonzeroDigits(_ value: Exact, as type: GoalType) -> Int {
        guard !value.isZero else { return 2 }
        var digits = 2
        while digits < 40 && !format(value.magnitude, as: type, digits: digits).contains(where: { ("1"..."9").contains($0) }) { digits += 1 }
        return digits
    }

    /// A number with at most one decimal when exact, else rounded to two (never hiding a difference behind rounding).
    public static func number(_ value: Exact, style: Style = .english, maxDigits: Int = 2) -> String {
        if let tiny = scientific(value) {
            return style == .danish ? tiny.replacingOccurrences(of: ".", with: ",") : tiny
        }
        let text = value.exactDecimalString(maxFractionDigits: Swift.max(1, maxDigits)) ?? value.formatted(fractionDigits: maxDigits)
        guard style == .danish else { return text }
        return danishGrouped(text.replacingOccurrences(of: ".", with: ","))
    }

    /// A Danish number's whole part grouped by thousands with a point, as Danes write it:
    /// `198.260`, `3.115`, `1.234,5`.
    static func danishGrouped(_ text: String) -> String {
        var digits = Substring(text)
        var sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits = digits.dropFirst() }
        let whole = digits.prefix { $0.isASCII && $0.isNumber }
        guard whole.count > 3 else { return text }
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += "." }
            out.append(ch)
        }
        return sign + out + digits.dropFirst(whole.count)
    }

    /// A value too small for fixed digits (not zero, below 10⁻¹²) in scientific notation with four
    /// significant digits, `1.235e-40000`, so that it never shows as `0.00`; nil otherwise.
    static func scientific(_ value: Exact) -> String? {
        guard !value.isZero, value.magnitude < Exact(mantissa: 1, scale: 12) else { return nil }
        // An estimate of the exponent from the digits of numerator and denominator, then exact.
        let digits = value.magnitude.numerator.description.count - value.denominator.description.count
        var exponent = digits
        var m = value.magnitude * Exact(mantissa: 1, scale: exponent)
        for _ in 0..<3 where m < .one { m = m * Exact(10); exponent -= 1 }
        for _ in 0..<3 where m >= Exact(10) { m = m.divided(by: Exact(10)) ?? m; exponent += 1 }
        var mantissa = m.formatted(fractionDigits: 3)
        if mantissa.hasPrefix("10") { mantissa = "1.000"; exponent += 1 }
        return (value.signum < 0 ? "-" : "") + mantissa + "e" + String(exponent)
    }

    /// Thousands grouped with a space, which neither English nor Danish readers take for a
    /// decimal mark: `2 600 000`.
    static func grouped(_ text: String, style: Style) -> String {
        let decimalMark: Character = style == .danish ? "," : "."
        let groupMark = " "
        var digits = text
        var sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits.removeFirst() }
        let parts = digits.split(separator: decimalMark, maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole.count > 3 else { return text }
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += groupMark }
            out.append(ch)
        }
        return sign + out + (parts.count > 1 ? String(decimalMark) + parts[1] : "")
    }

    /// A signed margin: `+0.3pp`, `-1.2pp`.
    /// A value that is not zero is shown with the digits it takes not to look like zero.
    public static func signed(_ value: Exact, as type: GoalType, style: Style = .english) -> String {
        let body = format(value.magnitude, as: type, style: style, digits: nonzeroDigits(value, as: type))
        if value.isZero { return body }
        return (value.signum > 0 ? "+" : "-") + body
    }
}
