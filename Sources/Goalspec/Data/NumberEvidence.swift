/// What a column's sampled values say about how its numbers are written, and the decision
/// drawn from it for the whole file.
///
/// Each sampled field is read under every candidate ``NumberFormat``. A candidate under which
/// some field does not read is ruled out (`2,5` rules out a decimal point; `1.5` rules out a
/// thousands point; `1.234.567` leaves only a thousands point). Where the candidates left read a
/// field to different values (`1.234` is 1.234 or 1234), the file decides: a decimal mark given
/// in the data block, else the mark every informative column of the file shows, else the
/// decimal comma of a `;` or tab file (Excel writes those where `,` is the decimal mark). What
/// is still open is an ambiguity, which the checker reports at the data declaration for a column
/// the spec reads as numbers; it is never settled by a guess.
struct NumberEvidence: Sendable {
    /// Bit k set: candidate k reads every field seen so far.
    private(set) var viable: UInt8 = 0b11_1111
    private(set) var fields = 0
    private(set) var percentFields = 0
    /// Fields that candidates read to different values: which candidates agree (a class per
    /// candidate, 255 where it does not read) and one field showing it.
    private(set) var splits: [(classes: [UInt8], example: String, readings: [String])] = []

    private static let candidates = NumberFormat.candidates

    mutating func observe(_ field: UnsafeRawBufferPointer) {
        guard viable != 0 else { return }
        var (lo, hi) = FieldDecoding.trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return }
        fields += 1
        if let body = FieldDecoding.percentBody(field) {
            percentFields += 1
            (lo, hi) = body
        }
        let number = UnsafeRawBufferPointer(start: base + lo, count: hi - lo)
        // Fast exit for the common plain integer: every candidate reads it alike.
        var onlyDigits = true
        for (k, b) in number.enumerated() where !(b >= 48 && b <= 57) && !(k == 0 && (b == 45 || b == 43)) {
            onlyDigits = false
            break
        }
        if onlyDigits && number.count > (number.first.map { $0 == 45 || $0 == 43 } == true ? 1 : 0) { return }

        var classes = [UInt8](repeating: 255, count: Self.candidates.count)
        var values: [(DecimalValue?, UInt8)] = []
        var mask: UInt8 = 0
        for (k, format) in Self.candidates.enumerated() where viable & (1 << k) != 0 {
            guard let reading = Self.read(number, format) else { continue }
            mask |= 1 << k
            if let i = values.firstIndex(where: { $0.0 == reading }) {
                classes[k] = values[i].1
            } else {
                let c = UInt8(values.count)
                values.append((reading, c))
                classes[k] = c
            }
        }
        viable &= mask
        if values.count > 1 && splits.count < 8 && !splits.contains(where: { $0.classes == classes }) {
            let text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            splits.append((classes, text, values.map { $0.0.map(\.description) ?? "too long to read" }))
        }
    }

    /// The value under `format`; `.some(nil)` for a field written as a number that is too long
    /// to read (the scan reports it at its row); nil when it is not a number in that format.
    private static func read(_ number: UnsafeRawBufferPointer, _ format: NumberFormat) -> DecimalValue?? {
        if let d = FieldDecoding.decimal(number, format: format) { return .some(d) }
        if format.grouping == .none {
            return FieldDecoding.looksLikeNumber(number, decimalSeparator: format.decimalMark) ? .some(nil) : nil
        }
        guard let digits = FieldDecoding.ungrouped(number, format) else { return nil }
        let looks = digits.withUnsafeBytes { FieldDecoding.looksLikeNumber($0, decimalSeparator: format.decimalMark) }
        return looks ? .some(nil) : nil
    }

    /// Whether every field read as a number under some candidate.
    var isNumeric: Bool { fields > 0 && viable != 0 }

    /// The decimal mark all remaining candidates share, when the column shows one.
    var decimalMark: UInt8? {
        let marks = Set(Self.candidates.indices.filter { viable & (1 << $0) != 0 }.map { Self.candidates[$0].decimalMark })
        return marks.count == 1 ? marks.first : nil
    }

    /// The reading of this column given the file's decimal mark and the data block's declarations.
    func decide(fileDecimalMark: UInt8?, declaredGrouping: NumberFormat.Grouping?) -> NumberReading {
        guard isNumeric else { return .notNumeric }
        var allowed = viable
        if let g = declaredGrouping {
            for (k, f) in Self.candidates.enumerated() where f.grouping != g {
                allowed &= ~(1 << k)
            }
            if allowed == 0 { return .notNumeric }
        }
        if let d = fileDecimalMark {
            var withMark = allowed
            for (k, f) in Self.candidates.enumerated() where f.decimalMark != d { withMark &= ~(1 << k) }
            if withMark != 0 { allowed = withMark }
        }
        let chosen = Self.candidates.indices.filter { allowed & (1 << $0) != 0 }
        for split in splits {
            let classes = Set(chosen.map { split.classes[$0] }.filter { $0 != 255 })
            if classes.count > 1 {
                func reading(decimalMark: UInt8) -> String? {
                    guard let k = chosen.first(where: { Self.candidates[$0].decimalMark == decimalMark && split.classes[$0] != 255 })
                    else { return nil }
                    let c = Int(split.classes[k])
                    return split.readings.indices.contains(c) ? split.readings[c] : nil
                }
                let formats = chosen.map { Self.candidates[$0] }
                return .ambiguous(NumberAmbiguity(example: split.example, underDecimalPoint: reading(decimalMark: 46),
                                                  underDecimalComma: reading(decimalMark: 44), formats: formats))
            }
        }
        let preference: [NumberFormat] = (fileDecimalMark ?? decimalMark) == UInt8(ascii: ",")
            ? [.danish, NumberFormat(decimalMark: 44, grouping: .none), NumberFormat(decimalMark: 44, grouping: .space),
               .plain, NumberFormat(decimalMark: 46, grouping: .comma), NumberFormat(decimalMark: 46, grouping: .space)]
            : [.plain, NumberFormat(decimalMark: 46, grouping: .comma), NumberFormat(decimalMark: 46, grouping: .space),
               .danish, NumberFormat(decimalMark: 44, grouping: .none), NumberFormat(decimalMark: 44, grouping: .space)]
        let formats = chosen.map { Self.candidates[$0] }
        // Nothing in the file or the data block chose the decimal mark, and the column's own
        // values allow both: later values that read two ways must not be guessed.
        let unsettled = fileDecimalMark == nil && Set(formats.map(\.decimalMark)).count > 1
        var picked = formats.first ?? .plain
        for p in preference where formats.contains(p) {
            if let g = declaredGrouping, p.grouping != g { continue }
            picked = p
            break
        }
        picked.decimalMarkUnsettled = unsettled
        return .format(picked)
    }

    /// The decimal mark of a file: the declared one, else the one its informative columns agree
    /// on, else a decimal comma for a `;` or tab file; nil when nothing settles it.
    static func fileDecimalMark(_ columns: [NumberEvidence], delimiter: UInt8?, declared: UInt8?) -> UInt8? {
        if let declared { return declared }
        let shown = Set(columns.filter(\.isNumeric).compactMap(\.decimalMark))
        if shown.count == 1 { return shown.first }
        if shown.count > 1 { return nil }
        if delimiter == UInt8(ascii: ";") || delimiter == 9 { return UInt8(ascii: ",") }
        return nil
    }
}

/// What a column's numbers read as.
enum NumberReading: Sendable {
    case format(NumberFormat)
    case ambiguous(NumberAmbiguity)
    case notNumeric
}

/// A column whose numbers read differently under the formats its sample allows.
public struct NumberAmbiguity: Sendable, Hashable {
    /// A field that reads differently: `1.234`.
    public var example: String
    /// Its value when `.` is the decimal mark (`1.234`), if it reads so.
    public var underDecimalPoint: String?
    /// Its value when `,` is the decimal mark (`1234`), if it reads so.
    public var underDecimalComma: String?
    /// The formats still possible.
    public var formats: [NumberFormat]
}
