/// How a delimited text file is written: delimiter, decimal separator, encoding, BOM and line ends.
///
/// The reader needs only `delimiter`, `encoding` and `trailingDelimiter` (numbers are read by
/// each column's own ``NumberFormat``; `decimalSeparator` is the file's mark as the columns
/// showed it, for reports and for writing files back); it accepts LF and CRLF line ends
/// in any mix and skips a UTF-8 BOM wherever `hasBOM` says. `lineEnding` and `hasBOM` describe
/// the file (for messages and for writing files back in the same dialect). A bare CR (classic
/// Mac OS) is not a line end. The quote character is always `"`.
public struct CSVDialect: Sendable, Hashable {
    /// How rows end in the file.
    public enum LineEnding: Sendable, Hashable {
        /// `\n`.
        case lf
        /// `\r\n`.
        case crlf
    }

    /// The byte that separates fields: `,`, `;` or tab.
    public var delimiter: UInt8
    /// The byte between the whole and fractional digits of numbers: `.` or `,`.
    public var decimalSeparator: UInt8
    /// Whether the file starts with the UTF-8 byte order mark `EF BB BF`.
    public var hasBOM: Bool
    /// The line end of the first row.
    public var lineEnding: LineEnding
    /// The character encoding (``TextEncoding/detect(sample:wholeFile:)``, or the data block's
    /// `encoding` line); fields reach the consumers as UTF-8 whatever it is.
    public var encoding: TextEncoding
    /// Whether every data row ends with the delimiter, one empty field more than the header
    /// (`1;2;` under `a;b`), as some exports write; decided by the first data row. (A header
    /// ending with the delimiter needs no flag: its empty last names are unnamed columns.)
    public var trailingDelimiter: Bool

    /// A dialect with every property given.
    public init(delimiter: UInt8, decimalSeparator: UInt8, hasBOM: Bool = false,
                lineEnding: LineEnding = .lf, encoding: TextEncoding = .utf8, trailingDelimiter: Bool = false) {
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.hasBOM = hasBOM
        self.lineEnding = lineEnding
        self.encoding = encoding
        self.trailingDelimiter = trailingDelimiter
    }

    /// RFC 4180 as most tools write it: `,` and `.`, LF, no BOM.
    public static let standard = CSVDialect(delimiter: UInt8(ascii: ","), decimalSeparator: UInt8(ascii: "."))
    /// What Danish Excel writes as "CSV UTF-8": `;` and `,`, CRLF, with BOM.
    public static let danishExcel = CSVDialect(delimiter: UInt8(ascii: ";"), decimalSeparator: UInt8(ascii: ","),
                                               hasBOM: true, lineEnding: .crlf)

    /// Guesses the dialect from the first bytes of a file.
    ///
    /// The delimiter is the candidate among `,`, `;` and tab that occurs the same, non-zero number
    /// of times outside quotes in every complete row of the sample (the largest such count wins;
    /// ties go to `,`, then `;`, then tab); failing that, the candidate most frequent in the
    /// header; failing that, `,`. The decimal separator is `,` when the delimiter is `;` or tab
    /// and more sampled fields look like `1,5` or `86,2 %` than like `1.5`; otherwise `.` — a
    /// first look only: `TableReader.inferSchema` decides each column's marks from all its values
    /// (``NumberEvidence``) and replaces it with the file's mark as the columns show it.
    public static func detect(sample: UnsafeRawBufferPointer) -> CSVDialect {
        detect(sample: sample, delimiter: nil)
    }

    /// Like ``detect(sample:)``, but with the delimiter fixed when `delimiter` is not nil
    /// (tab for `.tsv` files).
    public static func detect(sample: UnsafeRawBufferPointer, delimiter: UInt8?) -> CSVDialect {
        let bytes = sample
        var start = 0
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if hasBOM { start = 3 }

        // Split into rows (quote-aware) and count candidates outside quotes per row.
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9]
        var rows: [(start: Int, end: Int, counts: [Int], terminated: Bool)] = []
        var counts = [0, 0, 0]
        var inQuotes = false
        var rowStart = start
        var lineEnding = LineEnding.lf
        var sawLineEnd = false
        var i = start
        while i < bytes.count && rows.count < 100 {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == UInt8(ascii: "\n") {
                    if !sawLineEnd {
                        sawLineEnd = true
                        lineEnding = i > start && bytes[i - 1] == UInt8(ascii: "\r") ? .crlf : .lf
                    }
                    if i > rowStart && !(i == rowStart + 1 && bytes[rowStart] == UInt8(ascii: "\r")) {
                        rows.append((rowStart, i, counts, true))
                    }
                    counts = [0, 0, 0]
                    rowStart = i + 1
                } else if c == candidates[0] {
                    counts[0] += 1
                } else if c == candidates[1] {
                    counts[1] += 1
                } else if c == candidates[2] {
                    counts[2] += 1
                }
            }
            i += 1
        }
        if i >= bytes.count && rowStart < bytes.count && rows.count < 2 {
            rows.append((rowStart, bytes.count, counts, false))
        }

        let chosen: UInt8
        if let delimiter {
            chosen = delimiter
        } else {
            var best: (index: Int, count: Int)?
            for k in 0..<candidates.count {
                guard let first = rows.first?.counts[k], first > 0,
                      rows.allSatisfy({ $0.counts[k] == first }) else { continue }
                if best == nil || first > best?.count ?? 0 { best = (k, first) }
            }
            if let best {
                chosen = candidates[best.index]
            } else if let header = rows.first,
                      let top = header.counts.indices.max(by: { header.counts[$0] < header.counts[$1] }),
                      header.counts[top] > 0 {
                chosen = candidates[top]
            } else {
                chosen = candidates[0]
            }
        }

        var decimal = UInt8(ascii: ".")
        if chosen != UInt8(ascii: ",") {
            var commaLike = 0, dotLike = 0
            for row in rows.dropFirst() {
                var fieldStart = row.start
                var quoted = false
                for j in row.start...row.end {
                    let atEnd = j == row.end
                    if !atEnd && bytes[j] == UInt8(ascii: "\"") { quoted.toggle() }
                    if atEnd || (!quoted && bytes[j] == chosen) {
                        switch numberShape(bytes, fieldStart, j) {
                        case UInt8(ascii: ","): commaLike += 1
                        case UInt8(ascii: "."): dotLike += 1
                        default: break
                        }
                        fieldStart = j + 1
                    }
                }
            }
            if commaLike > dotLike { decimal = UInt8(ascii: ",") }
        }
        return CSVDialect(delimiter: chosen, decimalSeparator: decimal, hasBOM: hasBOM,
                          lineEnding: lineEnding)
    }

    /// For a field shaped like `[-]digits SEP digits [ ][%]`, returns SEP (`,` or `.`); else 0.
    private static func numberShape(_ b: UnsafeRawBufferPointer, _ lo: Int, _ hi: Int) -> UInt8 {
        var lo = lo, hi = hi
        while hi > lo && (b[hi - 1] == UInt8(ascii: "\r") || b[hi - 1] == 0x20) { hi -= 1 }
        if hi - lo >= 2 && b[lo] == UInt8(ascii: "\"") && b[hi - 1] == UInt8(ascii: "\"") {
            lo += 1
            hi -= 1
        }
        while lo < hi && b[lo] == 0x20 { lo += 1 }
        if hi > lo && b[hi - 1] == UInt8(ascii: "%") {
            hi -= 1
            if hi > lo && b[hi - 1] == 0x20 {
                hi -= 1
            } else if hi - lo >= 2 && b[hi - 2] == 0xC2 && b[hi - 1] == 0xA0 {
                hi -= 2
            }
        }
        if lo < hi && (b[lo] == UInt8(ascii: "-") || b[lo] == UInt8(ascii: "+")) { lo += 1 }
        var i = lo
        while i < hi && b[i] >= 48 && b[i] <= 57 { i += 1 }
        guard i > lo, i < hi else { return 0 }
        let separator = b[i]
        guard separator == UInt8(ascii: ",") || separator == UInt8(ascii: ".") else { return 0 }
        var j = i + 1
        while j < hi && b[j] >= 48 && b[j] <= 57 { j += 1 }
        return j == hi && j > i + 1 ? separator : 0
    }
}
