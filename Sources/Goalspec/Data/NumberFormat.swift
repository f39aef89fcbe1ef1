/// How the numbers of one column are written: the decimal mark and the thousands grouping.
///
/// `1.234,5` is `NumberFormat(decimalMark: ",", grouping: .point)`; `1 234,5` is `.space`;
/// plain `1234.5` is ``plain``. A field without group marks reads under any grouping (`1234`
/// is 1234 whether or not the column groups thousands).
public struct NumberFormat: Sendable, Hashable, CustomStringConvertible {
    /// The byte between whole and fractional digits: `.` or `,`.
    public var decimalMark: UInt8
    /// How thousands are grouped.
    public var grouping: Grouping

    /// Thousands grouping marks.
    public enum Grouping: UInt8, Sendable, Hashable, CaseIterable {
        /// No grouping: `1234`.
        case none
        /// `1.234` (Danish, German).
        case point
        /// `1,234` (English).
        case comma
        /// `1 234`, with a space, a no-break space (U+00A0) or a narrow no-break space (U+202F).
        case space

        /// The mark's byte (a space stands for the no-break spaces too); 0 for none.
        var byte: UInt8 {
            switch self {
            case .none: 0
            case .point: UInt8(ascii: ".")
            case .comma: UInt8(ascii: ",")
            case .space: 0x20
            }
        }

        /// The word a data block uses for it: `thousands point`.
        public var word: String {
            switch self {
            case .none: "none"
            case .point: "point"
            case .comma: "comma"
            case .space: "space"
            }
        }
    }

    /// Set when the sample never showed which mark is the decimal mark (plain integers in a `,`
    /// file): a later field such as `1.234`, which reads as 1.234 or 1234, is then not read but
    /// reported, rather than guessed.
    public var decimalMarkUnsettled: Bool = false

    /// A format with both marks given.
    public init(decimalMark: UInt8, grouping: Grouping) {
        self.decimalMark = decimalMark
        self.grouping = grouping
    }

    /// Whether a field (unquoted) has the shape `1.234` or `-12.500`: one to three digits not led
    /// by 0, one `.` and exactly three digits, which a decimal point and a thousands point read
    /// differently.
    static func readsTwoWays(_ field: UnsafeRawBufferPointer) -> Bool {
        let (lo0, hi) = FieldDecoding.trimmed(field)
        var lo = lo0
        if lo < hi && (field[lo] == UInt8(ascii: "-") || field[lo] == UInt8(ascii: "+")) { lo += 1 }
        let n = hi - lo
        guard n >= 5 && n <= 7, field[hi - 4] == UInt8(ascii: "."), field[lo] != UInt8(ascii: "0") else { return false }
        for i in lo..<hi where i != hi - 4 {
            guard field[i] >= UInt8(ascii: "0") && field[i] <= UInt8(ascii: "9") else { return false }
        }
        return true
    }

    /// `1234.5`: a decimal point, no grouping.
    public static let plain = NumberFormat(decimalMark: UInt8(ascii: "."), grouping: .none)
    /// `1.234,5`: what Danish Excel writes.
    public static let danish = NumberFormat(decimalMark: UInt8(ascii: ","), grouping: .point)

    /// The formats a column can have: each decimal mark with each grouping other than itself.
    public static let candidates: [NumberFormat] = [
        NumberFormat(decimalMark: UInt8(ascii: "."), grouping: .none),
        NumberFormat(decimalMark: UInt8(ascii: "."), grouping: .comma),
        NumberFormat(decimalMark: UInt8(ascii: "."), grouping: .space),
        NumberFormat(decimalMark: UInt8(ascii: ","), grouping: .none),
        NumberFormat(decimalMark: UInt8(ascii: ","), grouping: .point),
        NumberFormat(decimalMark: UInt8(ascii: ","), grouping: .space),
    ]

    /// The word for the decimal mark: `point` or `comma`.
    public var decimalWord: String { decimalMark == UInt8(ascii: ",") ? "comma" : "point" }

    /// How a number looks in this format, for messages: `like 1.234,5`.
    public var example: String {
        let mark = decimalMark == UInt8(ascii: ",") ? "," : "."
        switch grouping {
        case .none: return "like 1234\(mark)5"
        case .point: return "like 1.234\(mark)5"
        case .comma: return "like 1,234\(mark)5"
        case .space: return "like 1 234\(mark)5"
        }
    }

    /// `decimal comma, thousands point`.
    public var description: String { "decimal \(decimalWord), thousands \(grouping.word)" }
}

extension FieldDecoding {
    /// A decimal number written in `format`: `1.234,5` under ``NumberFormat/danish`` is
    /// 1234.5. Group marks must separate groups of exactly three digits after a first group of
    /// one to three (`1.234.567`, not `1.23` or `12.34.567`); a number with group marks has no
    /// exponent. Nil otherwise, as ``decimal(_:decimalSeparator:)``.
    @inline(__always)
    public static func decimal(_ field: UnsafeRawBufferPointer, format: NumberFormat) -> DecimalValue? {
        if format.decimalMarkUnsettled && NumberFormat.readsTwoWays(field) { return nil }
        if format.grouping == .none { return decimal(field, decimalSeparator: format.decimalMark) }
        let (lo, hi) = trimmed(field)
        guard lo < hi, let base = field.baseAddress else { return nil }
        return parseGrouped(base.assumingMemoryBound(to: UInt8.self), lo, hi, format)
    }

    /// A percentage (`86,2 %`, `1.234,5%`) written in `format`, as the fraction it denotes.
    public static func percent(_ field: UnsafeRawBufferPointer, format: NumberFormat) -> DecimalValue? {
        if format.decimalMarkUnsettled, let (lo, hi) = percentBody(field), let base = field.baseAddress,
           NumberFormat.readsTwoWays(UnsafeRawBufferPointer(start: base + lo, count: hi - lo)) { return nil }
        if format.grouping == .none { return percent(field, decimalSeparator: format.decimalMark) }
        guard let (lo, hi) = percentBody(field), let base = field.baseAddress,
              let value = parseGrouped(base.assumingMemoryBound(to: UInt8.self), lo, hi, format) else { return nil }
        return value.percentToFraction()
    }

    /// Why a field written as a number in `format` cannot be read, as
    /// ``numberProblem(_:decimalSeparator:)``.
    public static func numberProblem(_ field: UnsafeRawBufferPointer, format: NumberFormat) -> String? {
        if format.decimalMarkUnsettled && NumberFormat.readsTwoWays(field) {
            return "reads as a decimal or as thousands, and nothing before it in the file says which (declare 'decimal point' or 'decimal comma' in the data block)"
        }
        return numberProblem(ungrouped(field, format) ?? [], decimalSeparator: format.decimalMark)
    }

    /// The bounds of a percentage's number, without the `%` and the space before it.
    static func percentBody(_ field: UnsafeRawBufferPointer) -> (Int, Int)? {
        var (lo, hi) = trimmed(field)
        guard lo < hi, field[hi - 1] == UInt8(ascii: "%") else { return nil }
        hi -= 1
        if hi > lo && field[hi - 1] == 0x20 {
            hi -= 1
        } else if hi - lo >= 2 && field[hi - 2] == 0xC2 && field[hi - 1] == 0xA0 {
            hi -= 2
        } else if hi - lo >= 3 && field[hi - 3] == 0xE2 && field[hi - 2] == 0x80 && field[hi - 1] == 0xAF {
            hi -= 3
        }
        return lo < hi ? (lo, hi) : nil
    }

    /// The field's digits with valid group marks removed, for a number written with grouping;
    /// nil when its grouping is malformed. A field with no group mark comes back unchanged.
    static func ungrouped(_ field: UnsafeRawBufferPointer, _ format: NumberFormat) -> [UInt8]? {
        let (lo, hi) = trimmed(field)
        guard lo < hi else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var i = lo
        if field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") { out.append(field[i]); i += 1 }
        var groupDigits = 0, groups = 0, firstGroupZero = false
        while i < hi {
            let b = field[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if groups == 0 && groupDigits == 0 && b == UInt8(ascii: "0") { firstGroupZero = true }
                out.append(b)
                groupDigits += 1
                i += 1
                continue
            }
            let markLength = groupMarkLength(field, i, hi, format.grouping)
            if markLength > 0 {
                // A group mark: the group before it is the first (1–3 digits, not led by 0) or a
                // whole group of three.
                if groups == 0 {
                    guard groupDigits >= 1 && groupDigits <= 3 && !firstGroupZero else { return nil }
                } else {
                    guard groupDigits == 3 else { return nil }
                }
                groups += 1
                groupDigits = 0
                i += markLength
                continue
            }
            break
        }
        if groups > 0 && groupDigits != 3 { return nil }
        if groups > 0 && i < hi && field[i] != format.decimalMark { return nil }  // no exponent after groups
        while i < hi { out.append(field[i]); i += 1 }
        return out
    }

    /// The length of a group mark at `i` (1, or 2–3 bytes for the no-break spaces), else 0.
    @inline(__always)
    private static func groupMarkLength(_ b: UnsafeRawBufferPointer, _ i: Int, _ hi: Int,
                                        _ grouping: NumberFormat.Grouping) -> Int {
        switch grouping {
        case .none: return 0
        case .point: return b[i] == UInt8(ascii: ".") ? 1 : 0
        case .comma: return b[i] == UInt8(ascii: ",") ? 1 : 0
        case .space:
            if b[i] == 0x20 { return 1 }
            if i + 1 < hi && b[i] == 0xC2 && b[i + 1] == 0xA0 { return 2 }
            if i + 2 < hi && b[i] == 0xE2 && b[i + 1] == 0x80 && b[i + 2] == 0xAF { return 3 }
            return 0
        }
    }

    private static func parseGrouped(_ p: UnsafePointer<UInt8>, _ lo: Int, _ hi: Int,
                                     _ format: NumberFormat) -> DecimalValue? {
        // Most fields of a grouped column carry no mark at all: read them directly.
        let mark = format.grouping.byte
        var hasMark = false
        for i in lo..<hi where p[i] == mark || p[i] >= 0x80 { hasMark = true; break }
        if !hasMark { return parseDecimal(p, lo, hi, format.decimalMark) }
        let field = UnsafeRawBufferPointer(start: p + lo, count: hi - lo)
        guard let digits = ungrouped(field, format) else { return nil }
        return digits.withUnsafeBufferPointer { d in
            guard let base = d.baseAddress, !d.isEmpty else { return nil }
            return parseDecimal(base, 0, d.count, format.decimalMark)
        }
    }
}

private extension FieldDecoding {
    static func numberProblem(_ bytes: [UInt8], decimalSeparator: UInt8) -> String? {
        bytes.withUnsafeBytes { numberProblem($0, decimalSeparator: decimalSeparator) }
    }
}
