// How xlsx cell values become the text the rest of the data phase reads: numbers in the
// invariant form Excel stores (`1234.5`, `1.5E-3`) become plain decimals rounded to Excel's
// 15 significant digits (what Excel shows: a stored 0.30000000000000004 is the 0.3 the user
// typed), date-formatted numbers become ISO days (`2024-07-01`) in the workbook's 1900 or 1904
// date system, and booleans become `true`/`false`.

enum XlsxCellText {
    /// Excel's precision: it shows and computes with at most 15 significant digits.
    static let significantDigits = 15

    /// The plain decimal of a stored number, rounded half away from zero to 15 significant
    /// digits; nil when the text is not a number.
    /// `shift` moves the decimal point right (2 turns a stored 0.862 into the 86.2 a
    /// percent-formatted cell shows).
    static func number(_ text: [UInt8], shift: Int = 0) -> [UInt8]? {
        var i = 0
        var negative = false
        if i < text.count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var pointAt: Int?
        var sawDigit = false
        while i < text.count {
            let b = text[i]
            if b >= 48 && b <= 57 {
                sawDigit = true
                if !(digits.isEmpty && b == 48) { digits.append(b - 48) } else if pointAt != nil { digits.append(0) }
            } else if b == UInt8(ascii: ".") && pointAt == nil {
                pointAt = digits.count
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return nil }
        // Leading zeros after the point were kept as digits; strip them into the exponent.
        var exponent = 0
        if i < text.count && (text[i] == UInt8(ascii: "E") || text[i] == UInt8(ascii: "e")) {
            i += 1
            var expNegative = false
            if i < text.count && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
                expNegative = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var any = false
            while i < text.count, text[i] >= 48, text[i] <= 57 {
                value = min(value * 10 + Int(text[i] - 48), 100_000)
                any = true
                i += 1
            }
            guard any else { return nil }
            exponent = expNegative ? -value : value
        }
        exponent += shift
        guard i == text.count else { return nil }
        // value = 0.d1d2d3... × 10^(pointPosition + exponent), pointPosition = digits before the point.
        var pointPosition = (pointAt ?? digits.count) + exponent
        var leading = 0
        while leading < digits.count && digits[leading] == 0 { leading += 1 }
        digits.removeFirst(leading)
        pointPosition -= leading
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { return Array("0".utf8) }
        guard abs(pointPosition) <= 400 else { return nil }

        if digits.count > significantDigits {
            let roundUp = digits[significantDigits] >= 5
            digits.removeSubrange(significantDigits...)
            if roundUp {
                var k = digits.count - 1
                while k >= 0 {
                    if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(1, at: 0); pointPosition += 1 }
            }
            while let last = digits.last, last == 0 { digits.removeLast() }
        }

        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if pointPosition <= 0 {
            out.append(contentsOf: Array("0.".utf8))
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -pointPosition))
            out.append(contentsOf: digits.map { $0 + 48 })
        } else if pointPosition >= digits.count {
            out.append(contentsOf: digits.map { $0 + 48 })
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: pointPosition - digits.count))
        } else {
            out.append(contentsOf: digits[..<pointPosition].map { $0 + 48 })
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[pointPosition...].map { $0 + 48 })
        }
        return out
    }

    /// The ISO day (`2024-07-01`) of a date serial number, with `T hh:mm:ss` when it has a time
    /// of day; nil when the text is not a number or the date is outside years 1900...9999.
    static func date(serial text: [UInt8], date1904: Bool) -> [UInt8]? {
        guard let plain = number(text) else { return nil }
        var whole = 0
        var fraction: [UInt8] = []
        var negative = false
        var i = 0
        if plain.first == UInt8(ascii: "-") { negative = true; i = 1 }
        while i < plain.count && plain[i] != UInt8(ascii: ".") {
            whole = whole * 10 + Int(plain[i] - 48)
            if whole > 3_000_000 { return nil }
            i += 1
        }
        if i < plain.count { fraction = Array(plain[(i + 1)...]) }
        if negative { return nil }
        let epochDays: Int
        if date1904 {
            epochDays = Period.daysFromCivil(year: 1904, month: 1, day: 1) + whole
        } else if whole == 60 {
            // Excel's 1900 system counts a 29 February 1900 that never was (Lotus 1-2-3's bug).
            return nil
        } else {
            epochDays = Period.daysFromCivil(year: 1899, month: 12, day: whole < 60 ? 31 : 30) + whole
        }
        let (year, month, day) = Period.civilFromDays(epochDays)
        guard (1900...9999).contains(year) else { return nil }
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var out = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if !fraction.isEmpty {
            // Seconds of the day, rounded to the nearest second.
            var numerator = 0, denominator = 1
            for d in fraction.prefix(12) { numerator = numerator * 10 + Int(d - 48); denominator *= 10 }
            let seconds = (numerator * 86_400 * 2 + denominator) / (denominator * 2)
            if seconds > 0 && seconds < 86_400 {
                out += "T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
            }
        }
        return Array(out.utf8)
    }

    /// Whether a number format code shows a date: it has a year or day part outside quoted
    /// text, escapes and `[...]` sections (colours, locales, elapsed time).
    static func isDateFormat(_ code: String) -> Bool {
        var inQuote = false, inBracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            case "y", "d": return true
            default: continue
            }
        }
        return false
    }

    /// Whether a number format code shows a percentage: a `%` outside quoted text and escapes.
    static func isPercentFormat(_ code: String) -> Bool {
        var inQuote = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            switch ch {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "%": return true
            default: continue
            }
        }
        return false
    }

    /// Whether a built-in number format (ECMA-376 §18.8.30) shows a date.
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id)
    }

    /// Decodes the `_xHHHH_` escapes of OOXML strings (`_x000D_` is a carriage return).
    static func decodeEscapes(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "_")) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "_"), i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x"),
               bytes[i + 6] == UInt8(ascii: "_") {
                var value: UInt32 = 0
                var ok = true
                for k in 2...5 {
                    guard let digit = XMLScanner.hexValue(bytes[i + k]) else { ok = false; break }
                    value = value * 16 + UInt32(digit)
                }
                if ok, let scalar = Unicode.Scalar(value) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += 7
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
