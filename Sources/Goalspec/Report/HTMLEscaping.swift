import Foundation

/// Escaping for the HTML report, which is also well-formed XML (XHTML) so that it can be parsed
/// by XML tools and tests.
enum HTML {
    /// Text safe in element content and in double- or single-quoted attribute values: `&`, `<`,
    /// `>`, `"` and `'` escaped; characters XML does not allow (C0 controls other than tab,
    /// newline and carriage return, lone surrogates, U+FFFE/U+FFFF) replaced with U+FFFD.
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || v == 0xFFFE || v == 0xFFFF || (0x80...0x9F).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A coordinate for SVG: one decimal, no exponent, no negative zero.
    static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.1f", rounded)
    }

    /// A value for a `data-value` attribute: the exact value's decimal, to 6 digits.
    static func dataValue(_ x: Exact) -> String {
        x.exactDecimalString(maxFractionDigits: 6) ?? x.formatted(fractionDigits: 6)
    }
}
