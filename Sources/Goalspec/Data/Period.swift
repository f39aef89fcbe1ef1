/// A calendar period as Danish statistics name them: a year, a half-year, a quarter, a month or
/// a day.
///
/// Accepted spellings (see ``init(parsing:)``):
///
/// | granularity | spellings                          | canonical ``description`` |
/// | ----------- | ---------------------------------- | ------------------------- |
/// | year        | `2024`                             | `2024`                    |
/// | half-year   | `2024H1`, `2024H2` (`h` too)       | `2024H1`                  |
/// | quarter     | `2024K3`, `2024Q3` (`k`/`q` too)   | `2024K3`                  |
/// | month       | `2024M07`, `2024M7` (`m` too), `januar 2024`, `jan 2024`, `jan. 2024` (Danish names, any case) | `2024M07` |
/// | day         | `2024-07-01` (ISO 8601), `01-07-2024`, `01.07.2024`, `1-7-2024`, `1.7.2024` (Danish, day first) | `2024-07-01` |
///
/// Days are validated as Gregorian dates (leap years included), whatever the spelling. Years
/// have exactly four digits when parsed. ``previous()`` and ``next()`` may step outside
/// 0000...9999; such periods still order, hash and print (with a sign or more digits) but cannot
/// be parsed back.
///
/// Ordering is total: periods order by ``granularity`` first (year < half < quarter < month < day) and
/// then by time. Only comparisons within one granularity are meaningful in time; the
/// cross-granularity order merely makes sorting deterministic (`2025 < 2024K1` is true).
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// How long a period is, from the coarsest (`year`) to the finest (`day`).
    ///
    /// The `Comparable` order runs from coarse to fine:
    /// `.year < .half < .quarter < .month < .day`.
    public enum Granularity: Sendable, Hashable, Comparable {
        /// A calendar year, `2024`.
        case year
        /// A half-year, `2024H1` (January–June) or `2024H2` (July–December), as Danmarks
        /// Statistik writes halvår.
        case half
        /// A calendar quarter, `2024K3`.
        case quarter
        /// A calendar month, `2024M07`.
        case month
        /// A calendar day, `2024-07-01`.
        case day
    }

    /// How long the period is.
    public let granularity: Granularity
    /// The calendar year the period lies in.
    public let year: Int
    /// Half (1...2) for `.half`, quarter (1...4) for `.quarter`, month (1...12) for `.month` and
    /// `.day`, 0 for `.year`.
    private let part: Int
    /// Day of the month (1...31) for `.day`, 0 otherwise.
    private let dayOfMonth: Int

    private init(unchecked granularity: Granularity, year: Int, part: Int, day: Int) {
        self.granularity = granularity
        self.year = year
        self.part = part
        self.dayOfMonth = day
    }

    /// The year `year`; nil unless `year` is in 0...9999.
    public init?(year: Int) {
        guard (0...9999).contains(year) else { return nil }
        self.init(unchecked: .year, year: year, part: 0, day: 0)
    }

    /// Half `half` (1...2) of `year`; nil when either is out of range.
    public init?(year: Int, half: Int) {
        guard (0...9999).contains(year), (1...2).contains(half) else { return nil }
        self.init(unchecked: .half, year: year, part: half, day: 0)
    }

    /// Quarter `quarter` (1...4) of `year`; nil when either is out of range.
    public init?(year: Int, quarter: Int) {
        guard (0...9999).contains(year), (1...4).contains(quarter) else { return nil }
        self.init(unchecked: .quarter, year: year, part: quarter, day: 0)
    }

    /// Month `month` (1...12) of `year`; nil when either is out of range.
    public init?(year: Int, month: Int) {
        guard (0...9999).contains(year), (1...12).contains(month) else { return nil }
        self.init(unchecked: .month, year: year, part: month, day: 0)
    }

    /// The day `year`-`month`-`day`; nil unless it exists in the Gregorian calendar
    /// (leap years included).
    public init?(year: Int, month: Int, day: Int) {
        guard (0...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Period.daysIn(month: month, year: year) else { return nil }
        self.init(unchecked: .day, year: year, part: month, day: day)
    }

    /// Parses `2024`, `2024H1`, `2024K3`, `2024Q3`, `2024M07`, `2024M7`, `2024-07-01`, a Danish date
    /// `01-07-2024`, `01.07.2024`, `1-7-2024`, `1.7.2024`, or a Danish month `januar 2024`,
    /// `jan 2024`, `jan. 2024` (any case); nil otherwise.
    ///
    /// The text must be exactly the period: no surrounding spaces (``FieldDecoding/period(_:)``
    /// trims them for data fields).
    public init?(parsing text: some StringProtocol) {
        let parsed: Period?? = text.utf8.withContiguousStorageIfAvailable { buffer in
            Period(bytes: UnsafeRawBufferPointer(buffer))
        }
        if let parsed {
            guard let parsed else { return nil }
            self = parsed
        } else {
            let bytes = Array(text.utf8)
            guard let period = bytes.withUnsafeBytes({ Period(bytes: $0) }) else { return nil }
            self = period
        }
    }

    /// Parses the UTF-8 bytes of a period in the spellings ``init(parsing:)`` accepts.
    public init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 4 else { return nil }
        if let year = Period.fourDigits(bytes, at: 0) {
            guard let period = Period.yearFirst(bytes, year: year) else { return nil }
            self = period
        } else if Period.digit(bytes, 0) != nil {
            guard let period = Period.danishDate(bytes) else { return nil }
            self = period
        } else {
            guard let period = Period.danishMonth(bytes) else { return nil }
            self = period
        }
    }

    /// `2024`, `2024H1`, `2024K3`, `2024Q3`, `2024M07`, `2024M7`, `2024-07-01`; `year` is the first
    /// four digits.
    private static func yearFirst(_ bytes: UnsafeRawBufferPointer, year: Int) -> Period? {
        let n = bytes.count
        if n == 4 { return Period(unchecked: .year, year: year, part: 0, day: 0) }
        guard n == 6 || n == 7 || n == 10 else { return nil }
        let marker = bytes[4] | 0x20  // ASCII lower case for letters
        switch (n, marker) {
        case (6, UInt8(ascii: "h")):
            guard let h = digit(bytes, 5) else { return nil }
            return Period(year: year, half: h)
        case (6, UInt8(ascii: "k")), (6, UInt8(ascii: "q")):
            guard let q = digit(bytes, 5) else { return nil }
            return Period(year: year, quarter: q)
        case (6, UInt8(ascii: "m")):
            guard let m = digit(bytes, 5) else { return nil }
            return Period(year: year, month: m)
        case (7, UInt8(ascii: "m")):
            guard let m0 = digit(bytes, 5), let m1 = digit(bytes, 6) else { return nil }
            return Period(year: year, month: m0 * 10 + m1)
        case (10, _):
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let m0 = digit(bytes, 5), let m1 = digit(bytes, 6),
                  let d0 = digit(bytes, 8), let d1 = digit(bytes, 9)
            else { return nil }
            return Period(year: year, month: m0 * 10 + m1, day: d0 * 10 + d1)
        default:
            return nil
        }
    }

    /// A Danish date, day first: `01-07-2024`, `01.07.2024`, `1-7-2024`, `1.7.2024`. Day and
    /// month have one or two digits, the year four; both separators are the same, `-` or `.`.
    /// Month-first (US) and `/` spellings are not accepted: `01/07/2024` is ambiguous.
    private static func danishDate(_ bytes: UnsafeRawBufferPointer) -> Period? {
        let n = bytes.count
        guard n >= 8, n <= 10 else { return nil }
        var i = 0
        func oneOrTwoDigits() -> Int? {
            guard let d0 = digit(bytes, i) else { return nil }
            i += 1
            guard let d1 = digit(bytes, i) else { return d0 }
            i += 1
            return d0 * 10 + d1
        }
        guard let day = oneOrTwoDigits(), i < n else { return nil }
        let separator = bytes[i]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") else { return nil }
        i += 1
        guard let month = oneOrTwoDigits(), i < n, bytes[i] == separator else { return nil }
        i += 1
        guard n - i == 4, let year = fourDigits(bytes, at: i) else { return nil }
        return Period(year: year, month: month, day: day)
    }

    /// Danish month names, full and abbreviated, with their month. `maj` is both.
    private static let monthNames: [(name: StaticString, month: Int, abbreviation: Bool)] = [
        ("januar", 1, false), ("februar", 2, false), ("marts", 3, false), ("april", 4, false),
        ("maj", 5, true), ("juni", 6, false), ("juli", 7, false), ("august", 8, false),
        ("september", 9, false), ("oktober", 10, false), ("november", 11, false), ("december", 12, false),
        ("jan", 1, true), ("feb", 2, true), ("mar", 3, true), ("apr", 4, true), ("jun", 6, true),
        ("jul", 7, true), ("aug", 8, true), ("sep", 9, true), ("sept", 9, true), ("okt", 10, true),
        ("nov", 11, true), ("dec", 12, true),
    ]

    /// A month written with its Danish name, then the year: `januar 2024`, `Januar 2024`,
    /// `jan 2024`, `jan. 2024`, `okt. 2024`. Letters in any case; a `.` only after an
    /// abbreviation (`maj.` included); one or more spaces before the four-digit year.
    private static func danishMonth(_ bytes: UnsafeRawBufferPointer) -> Period? {
        let n = bytes.count
        var letters = 0
        while letters < n, letters < 10, isLetter(bytes[letters]) { letters += 1 }
        guard letters >= 3, letters <= 9 else { return nil }
        var i = letters
        let dotted = i < n && bytes[i] == UInt8(ascii: ".")
        if dotted { i += 1 }
        let spacesFrom = i
        while i < n, bytes[i] == 0x20 { i += 1 }
        guard i > spacesFrom, n - i == 4, let year = fourDigits(bytes, at: i) else { return nil }
        for entry in monthNames where entry.name.utf8CodeUnitCount == letters {
            let name = entry.name.utf8Start
            var same = true
            for k in 0..<letters where bytes[k] | 0x20 != name[k] { same = false; break }
            guard same else { continue }
            guard !dotted || entry.abbreviation else { return nil }
            return Period(year: year, month: entry.month)
        }
        return nil
    }

    @inline(__always)
    private static func isLetter(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    /// The ASCII digit at `i`, or nil (also past the end).
    @inline(__always)
    private static func digit(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> Int? {
        guard i >= 0, i < bytes.count else { return nil }
        let d = Int(bytes[i]) &- 48
        return d >= 0 && d <= 9 ? d : nil
    }

    /// The number written by the four ASCII digits at `i`, or nil.
    @inline(__always)
    private static func fourDigits(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int? {
        guard let a = digit(bytes, i), let b = digit(bytes, i + 1), let c = digit(bytes, i + 2),
              let d = digit(bytes, i + 3) else { return nil }
        return a * 1000 + b * 100 + c * 10 + d
    }

    /// The half-year (1...2) the period lies in; nil for a year.
    public var half: Int? {
        switch granularity {
        case .year: nil
        case .half: part
        case .quarter: (part + 1) / 2
        case .month, .day: (part - 1) / 6 + 1
        }
    }

    /// Every spelling ``init(parsing:)`` accepts, for messages about data and `--at`:
    /// "periods are written " + this.
    public static let dataSpellings =
        "2024 (year), 2024H1 (half-year), 2024K3 or 2024Q3 (quarter), 2024M07, januar 2024 or jan. 2024 (month), "
        + "2024-07-01, 01-07-2024 or 01.07.2024 (day)"

    /// The spellings of period literals in a spec, for messages about spec text:
    /// "periods are written " + this.
    public static let specSpellings =
        "2024 (year), 2024H1 (half-year), 2024K3 or 2024Q3 (quarter), 2024M07 (month) or 2024-07-01 (day)"

    /// The quarter (1...4) the period lies in; nil for a year or half-year.
    public var quarter: Int? {
        switch granularity {
        case .year, .half: nil
        case .quarter: part
        case .month, .day: (part - 1) / 3 + 1
        }
    }

    /// The month (1...12) for a month or day; nil for a year or quarter.
    public var month: Int? {
        switch granularity {
        case .year, .half, .quarter: nil
        case .month, .day: part
        }
    }

    /// The day of the month (1...31) for a day; nil otherwise.
    public var day: Int? { granularity == .day ? dayOfMonth : nil }

    /// The canonical Danmarks Statistik spelling: `2024`, `2024H1`, `2024K3`, `2024M07`, `2024-07-01`.
    public var description: String {
        let y = Period.pad(year, 4)
        switch granularity {
        case .year: return y
        case .half: return "\(y)H\(part)"
        case .quarter: return "\(y)K\(part)"
        case .month: return "\(y)M\(Period.pad(part, 2))"
        case .day: return "\(y)-\(Period.pad(part, 2))-\(Period.pad(dayOfMonth, 2))"
        }
    }

    /// A position on the time line of the period's granularity: consecutive periods have
    /// consecutive ordinals, so `b.ordinal - a.ordinal` counts the steps between them.
    ///
    /// Years count from year 0, halves, quarters and months from the first of year 0, days from
    /// 1970-01-01 (negative before). Ordinals of different granularities are not comparable.
    public var ordinal: Int {
        switch granularity {
        case .year: year
        case .half: year * 2 + (part - 1)
        case .quarter: year * 4 + (part - 1)
        case .month: year * 12 + (part - 1)
        case .day: Period.daysFromCivil(year: year, month: part, day: dayOfMonth)
        }
    }

    /// The period of the same granularity just before this one (`2024K1` → `2023K4`).
    public func previous() -> Period { Period(granularity: granularity, ordinal: ordinal - 1) }

    /// The period of the same granularity just after this one (`2023K4` → `2024K1`).
    public func next() -> Period { Period(granularity: granularity, ordinal: ordinal + 1) }

    /// The period of granularity `target` that contains this one (`2024M07` → `2024K3`, `2024K3`
    /// → `2024H2`);
    /// `self` when `target` is this granularity, nil when `target` is finer.
    public func truncated(to target: Granularity) -> Period? {
        guard target <= granularity else { return nil }
        switch target {
        case .year: return Period(unchecked: .year, year: year, part: 0, day: 0)
        case .half:
            guard let h = half else { return nil }
            return Period(unchecked: .half, year: year, part: h, day: 0)
        case .quarter:
            guard let q = quarter else { return nil }
            return Period(unchecked: .quarter, year: year, part: q, day: 0)
        case .month: return Period(unchecked: .month, year: year, part: part, day: 0)
        case .day: return self
        }
    }

    /// Orders by granularity first, then by time (see the type's documentation).
    public static func < (a: Period, b: Period) -> Bool {
        if a.granularity != b.granularity { return a.granularity < b.granularity }
        return a.ordinal < b.ordinal
    }

    /// Rebuilds a period from its granularity and ``ordinal``.
    init(granularity: Granularity, ordinal: Int) {
        switch granularity {
        case .year:
            self.init(unchecked: .year, year: ordinal, part: 0, day: 0)
        case .half:
            let (y, h) = Period.floorDivMod(ordinal, 2)
            self.init(unchecked: .half, year: y, part: h + 1, day: 0)
        case .quarter:
            let (y, q) = Period.floorDivMod(ordinal, 4)
            self.init(unchecked: .quarter, year: y, part: q + 1, day: 0)
        case .month:
            let (y, m) = Period.floorDivMod(ordinal, 12)
            self.init(unchecked: .month, year: y, part: m + 1, day: 0)
        case .day:
            let (y, m, d) = Period.civilFromDays(ordinal)
            self.init(unchecked: .day, year: y, part: m, day: d)
        }
    }

    // MARK: Calendar arithmetic (proleptic Gregorian; H. Hinnant's civil-days algorithms)

    static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func floorDivMod(_ a: Int, _ b: Int) -> (Int, Int) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivMod(y, 400).0
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDivMod(z, 146_097).0
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }
}
