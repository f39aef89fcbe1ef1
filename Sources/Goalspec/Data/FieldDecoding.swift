/// Decoders for the bytes of one data field (already unquoted), used on the per-row hot path.
///
/// Every decoder tolerates leading and trailing ASCII spaces, returns nil for anything it does
/// not accept (never traps, never allocates, never builds a `String` except ``text(_:)``), and
/// reads only the bytes it is given. An empty field is a missing value; every decoder but
/// ``text(_:)`` returns nil for it, so callers test `field.isEmpty` first. So is `..`
/// (Statistics Denmark's mark for a suppressed or unavailable value, see ``isMissing(_:)``):
/// ``RawRow/field(_:)`` hands it out as an empty field, so no consumer sees it.
///
/// Numbers: an optional sign, digits, optionally the decimal separator followed by digits, and
/// optionally an exponent (`1e-3`, `2.5E+2`). A separator needs digits on both sides (`1.` and
/// `.5` are rejected). Thousands marks are read only under a column's ``NumberFormat``
/// (``decimal(_:format:)``), which ``NumberEvidence`` decides from the sample: never a guess.
public enum FieldDecoding {
    /// Whether a field is a missing value: empty, or exactly `..` (how Statistics Denmark's
    /// StatBank writes a value that is suppressed or not available). `.` and `-` alone are not
    /// missing: a numeric column holding them is read as text, so a misread is never silent.
    @inline(__always)
    public static func isMissing(_ field: UnsafeRawBufferPointer) -> Bool {
        field.isEmpty || (field.count == 2 && field[0] == UInt8(ascii: ".") && field[1] == UInt8(ascii: "."))
    }

    /// Whether a field holds only spaces (and at least one). Such a field is missing in a
    /// number, percent, Bool or period column, as type inference has always taken it; a text
    /// column keeps it as written.
    @inline(__always)
    public static func isBlank(_ field: UnsafeRawBufferPointer) -> Bool {
        guard !field.isEmpty else { return false }
        for b in field where b != 0x20 { return false }
        return true
    }

    /// `0`, `1`, `true`/`false` and the Danish `ja`/`nej` and `sand`/`falsk`, each in lower
    /// case, upper case or with a capital first letter (`True`, `JA`, `Nej`); nil otherwise.
    public static func bool(_ field: UnsafeRawBufferPointer) -> Bool? {
        if field.count == 1 {
            switch field[0] {
            case UInt8(ascii: "0"): return false
            case UInt8(ascii: "1"): return true
            default: return nil
            }
        }
        let (lo, hi) = trimmed(field)
        guard let base = field.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        switch hi - lo {
        case 1:
            switch p[lo] {
            case UInt8(ascii: "0"): return false
            case UInt8(ascii: "1"): return true
            default: return nil
            }
        case 2:
            return matches(p + lo, "ja", "JA", "Ja") ? true : nil
        case 3:
            return matches(p + lo, "nej", "NEJ", "Nej") ? false : nil
        case 4:
            if matches(p + lo, "true", "TRUE", "True") { return true }
            return matches(p + lo, "sand", "SAND", "Sand") ? true : nil
        case 5:
            if matches(p + lo, "false", "FALSE", "False") { return false }
            return matches(p + lo, "falsk", "FALSK", "Falsk") ? false : nil
        default:
            return nil
        }
    }

    /// A whole number with optional `+`/`-`: `42`, `-7`, `+3`; nil when it does not fit `Int64`.
    public static func integer(_ field: UnsafeRawBufferPointer) -> Int64? {
        let (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var i = lo
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < hi else { return nil }
        // Accumulate negatively so that Int64.min is representable.
        var value: Int64 = 0
        while i < hi {
            let d = Int64(p[i]) &- 48
            guard d >= 0 && d <= 9 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        if negative { return value }
        let (v, o) = Int64(0).subtractingReportingOverflow(value)
        return o ? nil : v
    }

    /// A decimal number such as `86.2`, `-0,5` (with `,` as `decimalSeparator`), `1e-3` or `42`;
    /// nil when malformed, beyond 38 significant digits or beyond an exponent of ±32767
    /// (``numberProblem(_:decimalSeparator:)`` says which).
    public static func decimal(_ field: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> DecimalValue? {
        let (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return nil }
        return parseDecimal(base.assumingMemoryBound(to: UInt8.self), lo, hi, decimalSeparator)
    }

    /// A percentage such as `86,2 %`, `86.2%` or `86,2%` (a space, no-break space U+00A0 or
    /// narrow no-break space U+202F may precede `%`), returned as the fraction it denotes:
    /// `86,2 %` is `0.862`, exactly `(862, 3)`. The `%` sign is required.
    public static func percent(_ field: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> DecimalValue? {
        var (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        guard p[hi - 1] == UInt8(ascii: "%") else { return nil }
        hi -= 1
        if hi > lo && p[hi - 1] == 0x20 {
            hi -= 1
        } else if hi - lo >= 2 && p[hi - 2] == 0xC2 && p[hi - 1] == 0xA0 {
            hi -= 2
        } else if hi - lo >= 3 && p[hi - 3] == 0xE2 && p[hi - 2] == 0x80 && p[hi - 1] == 0xAF {
            hi -= 3
        }
        guard lo < hi, let value = parseDecimal(p, lo, hi, decimalSeparator) else { return nil }
        return value.percentToFraction()
    }

    /// A period in any spelling ``Period/init(parsing:)`` accepts, surrounding spaces allowed.
    public static func period(_ field: UnsafeRawBufferPointer) -> Period? {
        let (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return nil }
        return Period(bytes: UnsafeRawBufferPointer(start: base + lo, count: hi - lo))
    }

    /// The field as a `String` (kept exactly, spaces included); nil when it is not valid UTF-8.
    public static func text(_ field: UnsafeRawBufferPointer) -> String? {
        String(validating: field, as: UTF8.self)
    }

    // MARK: Helpers

    /// Bounds of `field` without leading and trailing ASCII spaces.
    @inline(__always)
    static func trimmed(_ field: UnsafeRawBufferPointer) -> (Int, Int) {
        var lo = 0, hi = field.count
        while lo < hi && field[lo] == 0x20 { lo += 1 }
        while hi > lo && field[hi - 1] == 0x20 { hi -= 1 }
        return (lo, hi)
    }

    @inline(__always)
    private static func matches(_ p: UnsafePointer<UInt8>, _ a: StaticString, _ b: StaticString,
                                _ c: StaticString) -> Bool {
        equal(p, a) || equal(p, b) || equal(p, c)
    }

    @inline(__always)
    private static func equal(_ p: UnsafePointer<UInt8>, _ s: StaticString) -> Bool {
        let q = s.utf8Start
        for i in 0..<s.utf8CodeUnitCount where p[i] != q[i] { return false }
        return true
    }

    /// Accumulates the run of digits at `i` into `value` (negatively) and returns how many there
    /// were, or nil when the value left Int128.
    @inline(__always)
    private static func digits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ hi: Int, _ value: inout Int128,
                               checked: Bool) -> Int? {
        let start = i
        if !checked {
            // At most 18 digits in all: an Int64 cannot overflow and is cheaper.
            var small = Int64(truncatingIfNeeded: value)
            while i < hi {
                let d = Int64(p[i]) &- 48
                guard d >= 0 && d <= 9 else { break }
                small = small &* 10 &- d
                i += 1
            }
            value = Int128(small)
            return i - start
        }
        while i < hi {
            let d = Int128(p[i]) &- 48
            guard d >= 0 && d <= 9 else { break }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return i - start
    }

    /// Why a field that is written as a number cannot be read as one, or nil when it either
    /// reads or is not a number at all: more than 38 significant digits, or an exponent beyond
    /// what a decimal can hold. Used to word data errors.
    public static func numberProblem(_ field: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> String? {
        let (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        switch scanDecimal(p, lo, hi, decimalSeparator) {
        case .digitsOverflow:
            return "has more digits than Goalspec reads exactly (38 significant digits)"
        case .exponentOutOfRange:
            return "has an exponent beyond what Goalspec reads (±32767)"
        case .value, .malformed:
            return nil
        }
    }

    /// Whether a field is written as a number (it may still be too long to read).
    static func looksLikeNumber(_ field: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> Bool {
        let (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return false }
        if case .malformed = scanDecimal(base.assumingMemoryBound(to: UInt8.self), lo, hi, decimalSeparator) {
            return false
        }
        return true
    }

    /// Parses `[+-]digits[sep digits][(e|E)[+-]digits]` in `p[lo..<hi]`.
    static func parseDecimal(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int,
                             _ separator: UInt8) -> DecimalValue? {
        if case .value(let d) = scanDecimal(p, lo, hi, separator) { return d }
        return nil
    }

    private enum DecimalScan {
        case value(DecimalValue)
        case malformed
        case digitsOverflow
        case exponentOutOfRange
    }

    private static func scanDecimal(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int,
                                    _ separator: UInt8) -> DecimalScan {
        var i = lo
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        var value: Int128 = 0  // accumulated negatively, so Int128.min fits
        var scale = 0
        var overflow = false
        // Up to 18 digits cannot overflow an Int64: the common short field needs no checks.
        let checked = hi - i > 18
        let intDigits = digits(p, &i, hi, &value, checked: checked)
        if intDigits == nil { overflow = true; skipDigits(p, &i, hi) }
        guard intDigits ?? 1 > 0 else { return .malformed }
        if i < hi && p[i] == separator {
            i += 1
            let before = i
            if !overflow, let fracDigits = digits(p, &i, hi, &value, checked: checked) {
                scale = fracDigits
            } else {
                overflow = true
                i = before
                skipDigits(p, &i, hi)
            }
            guard i > before else { return .malformed }
        }
        if i < hi && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < hi && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            var expDigits = 0
            while i < hi {
                let d = Int(p[i]) &- 48
                guard d >= 0 && d <= 9 else { return .malformed }
                if exponent <= 1_000_000 { exponent = exponent * 10 + d }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return .malformed }
            scale += expNegative ? exponent : -exponent
        }
        guard i == hi else { return .malformed }
        if overflow { return .digitsOverflow }
        guard let s16 = Int16(exactly: scale) else { return .exponentOutOfRange }
        if negative { return .value(DecimalValue(mantissa: value, scale: s16)) }
        let (v, o) = Int128(0).subtractingReportingOverflow(value)
        return o ? .digitsOverflow : .value(DecimalValue(mantissa: v, scale: s16))
    }

    private static func skipDigits(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ hi: Int) {
        while i < hi && p[i] >= UInt8(ascii: "0") && p[i] <= UInt8(ascii: "9") { i += 1 }
    }
}
