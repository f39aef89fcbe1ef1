#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The CSV reader is a byte-level state machine over a DataChunkBuffer. Rows are parsed in place:
// field bounds are offsets into the buffer, quoted fields with doubled quotes are unescaped in
// place once the row is known to be complete, and a row cut by the end of the buffer is parsed
// again from its start after the buffer is refilled (so no parse state crosses a refill).
// Searching is word-at-a-time (see DataBytes). Line ends are LF or CRLF; blank lines are skipped.
//
// Malformed input is reported, not repaired: a quote opening a field must close, and only a
// delimiter, spaces or the line end may follow the closing quote. A quote in the middle of an
// unquoted field is an ordinary character (`5" pipe`), as in most CSV readers.

/// Parses one CSV row at a time from a buffer; recreated (cheaply) after every refill.
struct CSVRowParser {
    var buf: UnsafeMutablePointer<UInt8>
    var end: Int
    var eof: Bool
    let delimiter: UInt8
    let delimiterWord: UInt64
    /// Bounds are recorded for fields `0..<fieldLimit`; later fields are only counted.
    var fieldLimit: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    /// 0 unquoted, 1 quoted, 2 quoted with doubled quotes still to unescape.
    let kinds: UnsafeMutablePointer<UInt8>

    /// What parsing a row found.
    enum Outcome {
        /// A complete row; `next` is where the following row starts, `lines` counts the
        /// newlines inside its quoted fields.
        case row(next: Int, fields: Int, lines: Int)
        /// The row runs past the buffered bytes and the file has more.
        case needMore
        /// The quote opening at `at` never closes.
        case unterminatedQuote(at: Int)
        /// A closing quote is followed by something other than a delimiter or line end.
        case textAfterQuote(at: Int)
    }

    private enum Quoted {
        case field(close: Int, escaped: Bool, next: Int, endsRow: Bool)
        case needMore
        case unterminated
        case textAfterQuote(Int)
    }

    /// First index in `from..<end` holding `a` or `b` (broadcast words), or `end`.
    @inline(__always)
    private func find(_ from: Int, _ a: UInt64, _ b: UInt64) -> Int {
        var i = from
        while i < end {
            let w = DataBytes.word(buf + i)
            let m = DataBytes.zeroBytes(w ^ a) | DataBytes.zeroBytes(w ^ b)
            if m != 0 { return min(i &+ (m.trailingZeroBitCount &>> 3), end) }
            i &+= 8
        }
        return end
    }

    /// Parses the quoted field whose opening quote is at `open`, and what follows it.
    @inline(__always)
    private func quoted(_ open: Int, lines: inout Int) -> Quoted {
        let quoteWord = DataBytes.broadcast(DataBytes.quote), lfWord = DataBytes.broadcast(DataBytes.lf)
        var j = open + 1
        var escaped = false
        var close = 0
        while true {
            let k = find(j, quoteWord, lfWord)
            if k >= end { return eof ? .unterminated : .needMore }
            if buf[k] == DataBytes.lf {
                lines += 1
                j = k + 1
                continue
            }
            if k + 1 >= end {
                if !eof { return .needMore }
                close = k
                break
            }
            if buf[k + 1] == DataBytes.quote {
                escaped = true
                j = k + 2
                continue
            }
            close = k
            break
        }
        var p = close + 1
        while p < end && buf[p] == DataBytes.space && delimiter != DataBytes.space { p += 1 }
        if p >= end {
            return eof ? .field(close: close, escaped: escaped, next: end, endsRow: true) : .needMore
        }
        let c = buf[p]
        if c == delimiter { return .field(close: close, escaped: escaped, next: p + 1, endsRow: false) }
        if c == DataBytes.lf { return .field(close: close, escaped: escaped, next: p + 1, endsRow: true) }
        if c == DataBytes.cr {
            if p + 1 < end {
                return buf[p + 1] == DataBytes.lf
                    ? .field(close: close, escaped: escaped, next: p + 2, endsRow: true)
                    : .textAfterQuote(p)
            }
            return eof ? .field(close: close, escaped: escaped, next: end, endsRow: true) : .needMore
        }
        return .textAfterQuote(p)
    }

    /// Parses the row starting at `rowStart` (not a blank line).
    @inline(__always)
    func parseRow(_ rowStart: Int) -> Outcome {
        // Locals instead of stored properties, so the loop keeps them in registers.
        let buf = self.buf, end = self.end, limit = fieldLimit, delimiter = self.delimiter
        let starts = self.starts, ends = self.ends, kinds = self.kinds
        let delimiterWord = self.delimiterWord, lfWord = DataBytes.broadcast(DataBytes.lf)
        var i = rowStart
        var f = 0
        var lines = 0
        while f < limit {
            if i < end && buf[i] == DataBytes.quote {
                switch quoted(i, lines: &lines) {
                case let .field(close, escaped, next, endsRow):
                    starts[f] = i + 1
                    ends[f] = close
                    kinds[f] = escaped ? 2 : 1
                    f += 1
                    if endsRow { return .row(next: next, fields: f, lines: lines) }
                    i = next
                case .needMore: return .needMore
                case .unterminated: return .unterminatedQuote(at: i)
                case .textAfterQuote(let p): return .textAfterQuote(at: p)
                }
                continue
            }
            // Unquoted field: the next delimiter or LF ends it (inlined SWAR search).
            var k = i
            while k < end {
                let w = DataBytes.word(buf + k)
                let m = DataBytes.zeroBytes(w ^ delimiterWord) | DataBytes.zeroBytes(w ^ lfWord)
                if m != 0 {
                    k &+= m.trailingZeroBitCount &>> 3
                    break
                }
                k &+= 8
            }
            if k < end && buf[k] == delimiter {
                starts[f] = i
                ends[f] = k
                kinds[f] = 0
                f &+= 1
                i = k &+ 1
                continue
            }
            if k >= end {
                if !eof { return .needMore }
                k = end
            }
            var e = k
            if e > i && buf[e &- 1] == DataBytes.cr { e &-= 1 }
            starts[f] = i
            ends[f] = e
            kinds[f] = 0
            return .row(next: k < end ? k &+ 1 : end, fields: f &+ 1, lines: lines)
        }
        return tail(i, fields: f, lines: lines)
    }

    /// Finishes a row from the start of field `f` without recording bounds: counts the
    /// remaining fields (delimiters outside quotes) and finds the row end.
    private func tail(_ start: Int, fields f: Int, lines: Int) -> Outcome {
        let lfWord = DataBytes.broadcast(DataBytes.lf), quoteWord = DataBytes.broadcast(DataBytes.quote)
        var lines = lines
        var count = f + 1
        var i = start
        var atFieldStart = true
        fields: while true {
            if atFieldStart && i < end && buf[i] == DataBytes.quote {
                switch quoted(i, lines: &lines) {
                case let .field(_, _, next, endsRow):
                    if endsRow { return .row(next: next, fields: count, lines: lines) }
                    count += 1
                    i = next
                    continue fields
                case .needMore: return .needMore
                case .unterminated: return .unterminatedQuote(at: i)
                case .textAfterQuote(let p): return .textAfterQuote(at: p)
                }
            }
            while i < end {
                let w = DataBytes.word(buf + i)
                var delimiters = DataBytes.zeroBytes(w ^ delimiterWord)
                var specials = DataBytes.zeroBytes(w ^ lfWord) | DataBytes.zeroBytes(w ^ quoteWord)
                let available = end - i
                if available < 8 {
                    let valid = (UInt64(1) << UInt64(available &* 8)) &- 1
                    delimiters &= valid
                    specials &= valid
                }
                if specials == 0 {
                    count &+= DataBytes.markedBytes(delimiters)
                    i += 8
                    continue
                }
                let bit = specials.trailingZeroBitCount
                count &+= DataBytes.markedBytes(delimiters & ((UInt64(1) << UInt64(bit)) &- 1))
                let k = i + (bit >> 3)
                if buf[k] == DataBytes.lf { return .row(next: k + 1, fields: count, lines: lines) }
                // A quote: it opens a quoted field only at the start of a field.
                if (k == i && atFieldStart) || (k > start && buf[k - 1] == delimiter) {
                    i = k
                    atFieldStart = true
                    continue fields
                }
                i = k + 1
                atFieldStart = false
            }
            if !eof { return .needMore }
            return .row(next: end, fields: count, lines: lines)
        }
    }
}

/// Where a scan ended, for callers that scan parts of a file.
public struct ScanSummary: Sendable, Hashable {
    /// Data rows handed to the sink.
    public var rows: Int
    /// Absolute byte offset just after the last row scanned (the file size at the end).
    public var endOffset: Int
    /// The physical line the next row would start on.
    public var nextLine: Int
    /// Whether the scan read to the end of the file.
    public var reachedEnd: Bool
}

/// A contiguous part of a CSV file for a parallel scan (see ``TableReader/splitPoints(_:parts:)``).
public struct ScanPart: Sendable, Hashable {
    /// Rows starting at offsets in this range belong to the part; the last may end past it.
    public var byteRange: Range<Int>
    /// The physical line on which the part's first row starts.
    public var firstLine: Int

    /// A part with every property given; `byteRange` must start at a row boundary.
    public init(byteRange: Range<Int>, firstLine: Int) {
        self.byteRange = byteRange
        self.firstLine = firstLine
    }
}

/// Reads a CSV file: header first, then rows on demand. One instance per pass over the file.
struct CSVScanner: ~Copyable {
    let file: DataInputFile
    let delimiter: UInt8
    /// The file's encoding; Windows-1252 fields are handed out transcoded to UTF-8.
    let encoding: TextEncoding
    private var buffer: DataChunkBuffer
    /// Buffer index of the next unread row.
    private var pos = 0
    /// Physical line of the next unread row.
    private var line = 1
    /// Column names from the header, trimmed, without the empty names of trailing delimiters.
    private(set) var header: [String] = []
    /// Fields of the header row, counting the empty ones after trailing delimiters (`a;b;` has 3
    /// fields and 2 names): a data row may have from `header.count` to this many fields.
    let headerFields: Int
    /// Whether every data row ends with one empty field more than the header (`1;2;` under
    /// `a;b`): from the dialect, or decided by the first data row when `detectsExtraField`.
    private(set) var extraEmptyField: Bool
    /// Whether the first data row may set `extraEmptyField` (schema inference).
    private let detectsExtraField: Bool
    /// Absolute offset just after the header row.
    private(set) var headerEnd = 0
    private let starts: UnsafeMutablePointer<Int>
    private let ends: UnsafeMutablePointer<Int>
    private let kinds: UnsafeMutablePointer<UInt8>
    private let slots: Int
    /// Where transcoded fields of the current row are written (Windows-1252 files only); grown
    /// when a row needs more, so not per row.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity = 0

    var fieldCount: Int { header.count }

    /// Opens `file` and reads its header row.
    /// `extraEmptyField` says that data rows end with an extra empty field (the dialect's
    /// `trailingDelimiter`); `detectExtraField` lets the first data row decide it instead.
    init(file: DataInputFile, delimiter: UInt8, encoding: TextEncoding = .utf8, extraEmptyField: Bool = false,
         detectExtraField: Bool = false, tuning: DataReadTuning) throws(DataError) {
        file.encoding = encoding
        var buffer = DataChunkBuffer(capacity: min(tuning.chunkSize, file.size + 64), maxRowBytes: tuning.maxRowBytes)
        var pos = 0
        var line = 1
        let (names, fields) = try CSVScanner.readHeader(file: file, delimiter: delimiter, encoding: encoding,
                                                        buffer: &buffer, pos: &pos, line: &line)
        headerFields = fields
        self.extraEmptyField = extraEmptyField && fields == names.count
        detectsExtraField = detectExtraField && fields == names.count
        self.file = file
        self.delimiter = delimiter
        self.encoding = encoding
        scratch = .allocate(capacity: 1)
        self.header = names
        self.headerEnd = buffer.fileOffset + pos
        self.pos = pos
        self.line = line
        self.buffer = buffer
        slots = fields + 2
        starts = .allocate(capacity: slots)
        ends = .allocate(capacity: slots)
        kinds = .allocate(capacity: slots)
        starts.initialize(repeating: 0, count: slots)
        ends.initialize(repeating: 0, count: slots)
        kinds.initialize(repeating: 0, count: slots)
    }

    /// Reads the header row at the start of the file (after a BOM and blank lines) and leaves
    /// `pos` and `line` at the first data row. Returns the names and the header's field count:
    /// empty fields at the end of the header (`a;b;`, as Excel writes a sheet whose used range
    /// is wider than its data) are unnamed columns that are not read, not empty names.
    private static func readHeader(file: DataInputFile, delimiter: UInt8, encoding: TextEncoding,
                                   buffer: inout DataChunkBuffer, pos: inout Int,
                                   line: inout Int) throws(DataError) -> (names: [String], fields: Int) {
        // Count the header's fields first (recording nothing), then parse it again with bounds.
        let probeInt = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        let probeKind = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer {
            probeInt.deallocate()
            probeKind.deallocate()
        }
        var probe: (next: Int, fields: Int, lines: Int)?
        _ = try buffer.refill(keepingFrom: 0, file: file)
        if buffer.end >= 3 && buffer.base[0] == 0xEF && buffer.base[1] == 0xBB && buffer.base[2] == 0xBF {
            pos = 3
        }
        while probe == nil {
            pos = try skipBlankLines(&buffer, pos: pos, line: &line, file: file)
            if pos >= buffer.end && buffer.eof {
                throw DataError(kind: .emptyFile, path: file.path, message: "file is empty",
                                hint: "a CSV file needs a header row naming its columns")
            }
            let counter = CSVRowParser(buf: buffer.base, end: buffer.end, eof: buffer.eof, delimiter: delimiter,
                                       delimiterWord: DataBytes.broadcast(delimiter), fieldLimit: 0,
                                       starts: probeInt, ends: probeInt, kinds: probeKind)
            switch counter.parseRow(pos) {
            case let .row(next, fields, lines): probe = (next, fields, lines)
            case .needMore:
                guard try buffer.refill(keepingFrom: pos, file: file) else {
                    throw tooLong(file, buffer.maxRowBytes, line: line, at: buffer.fileOffset)
                }
                pos = 0
            case .unterminatedQuote(let at):
                throw unterminated(file, line: line, lineStart: buffer.fileOffset + pos, at: buffer.fileOffset + at)
            case .textAfterQuote(let at):
                throw textAfterQuote(file, buffer, line: line, lineStart: buffer.fileOffset + pos, at: at)
            }
        }
        guard let (next, n, lines) = probe else { return ([], 0) }
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: n)
        let kinds = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        defer {
            starts.deallocate()
            ends.deallocate()
            kinds.deallocate()
        }
        let parser = CSVRowParser(buf: buffer.base, end: buffer.end, eof: buffer.eof, delimiter: delimiter,
                                  delimiterWord: DataBytes.broadcast(delimiter), fieldLimit: n,
                                  starts: starts, ends: ends, kinds: kinds)
        _ = parser.parseRow(pos)
        let headerStart = buffer.fileOffset + pos
        var named = n
        while named > 1 {
            var s = starts[named - 1], e = ends[named - 1]
            while s < e && buffer.base[s] == DataBytes.space { s += 1 }
            while e > s && buffer.base[e - 1] == DataBytes.space { e -= 1 }
            guard s == e else { break }
            named -= 1
        }
        var names: [String] = []
        var folded: [String: Int] = [:]
        for f in 0..<named {
            let s = starts[f]
            let e = kinds[f] == 2 ? unescape(buffer.base, s, ends[f]) : ends[f]
            let raw = UnsafeRawBufferPointer(start: buffer.base + s, count: e - s)
            let fieldOffset = buffer.fileOffset + s - (kinds[f] == 0 ? 0 : 1)
            let decoded = encoding == .utf8 ? String(validating: raw, as: UTF8.self) : encoding.decode(raw)
            guard let text = decoded else {
                let bad = DataBytes.firstInvalidUTF8(raw) ?? 0
                throw file.error(.invalidUTF8, message: "header is not valid UTF-8",
                                 hint: TextEncoding.invalidUTF8Hint,
                                 line: line, lineStart: headerStart, at: buffer.fileOffset + s + bad)
            }
            if kinds[f] == 0, let cr = raw.firstIndex(of: DataBytes.cr) {
                throw file.error(.loneCarriageReturn,
                                 message: "the header holds a carriage return that ends no line",
                                 hint: "the file's lines seem to end in CR alone (classic Mac OS); save it with LF or CRLF line ends",
                                 line: line, lineStart: headerStart, at: buffer.fileOffset + s + cr)
            }
            let name = trimSpaces(text)
            if name.isEmpty {
                throw file.error(.emptyColumnName, message: "column \(f + 1) has an empty name",
                                 hint: "give every column a name in the header row",
                                 line: line, lineStart: headerStart, at: fieldOffset)
            }
            let key = TableSchema.foldedName(name)
            if let earlier = folded[key] {
                throw file.error(.duplicateColumn(name),
                                 message: "column \"\(name)\" appears twice (columns \(earlier + 1) and \(f + 1))",
                                 hint: "column names must differ in more than case, spaces and underscores",
                                 line: line, lineStart: headerStart, at: fieldOffset)
            }
            folded[key] = f
            names.append(name)
        }
        line += 1 + lines
        pos = next
        return (names, n)
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        kinds.deallocate()
        scratch.deallocate()
    }

    /// Makes room for `count` transcoded bytes in `scratch` (its old contents are dropped).
    private mutating func reserveScratch(_ count: Int) {
        guard count > scratchCapacity else { return }
        let grown = max(count, scratchCapacity * 2, 4096)
        scratch.deallocate()
        scratch = .allocate(capacity: grown)
        scratchCapacity = grown
    }

    /// Scans data rows in file order, handing each to `sink` with the bytes of `columns`.
    ///
    /// - `part`: scan only rows starting in `part.byteRange` (which must start at a row
    ///   boundary), numbering lines from `part.firstLine`.
    /// - `stopAfter`: stop after the first row ending at or past this absolute offset.
    mutating func scanRows<Sink: RowSink>(columns: [Int], part: ScanPart? = nil, stopAfter: Int? = nil,
                                          into sink: inout Sink) throws(DataError) -> ScanSummary {
        let n = fieldCount
        for c in columns where c < 0 || c >= n {
            throw DataError(kind: .columnOutOfRange(c), path: file.path,
                            message: "column index \(c) is out of range (the file has \(n) columns)")
        }
        var upper = Int.max
        if let part {
            upper = part.byteRange.upperBound
            if part.byteRange.lowerBound > headerEnd {
                try buffer.reset(file: file, offset: part.byteRange.lowerBound)
                pos = 0
                line = part.firstLine
            }
        }
        let lastRequested = columns.max() ?? -1
        var parser = CSVRowParser(buf: buffer.base, end: buffer.end, eof: buffer.eof, delimiter: delimiter,
                                  delimiterWord: DataBytes.broadcast(delimiter), fieldLimit: lastRequested + 1,
                                  starts: starts, ends: ends, kinds: kinds)
        var row = RawRow(count: columns.count, file: file)
        let requested = columns
        let transcode = encoding == .windows1252
        // Rows have `expected` fields; others go through `fits` (trailing delimiters, rarely).
        var expected = extraEmptyField ? headerFields + 1 : headerFields
        var extra = extraEmptyField
        var rows = 0
        var pos = self.pos
        var line = self.line
        defer {
            self.pos = pos
            self.line = line
        }
        scanning: while true {
            if pos >= parser.end {
                if parser.eof { break }
                try refill(&pos, &parser, line: line)
                continue
            }
            let offset = buffer.fileOffset + pos
            if offset >= upper { break }
            let c = parser.buf[pos]
            if c == DataBytes.lf {
                line += 1
                pos += 1
                continue
            }
            if c == DataBytes.cr {
                if pos + 1 < parser.end {
                    if parser.buf[pos + 1] == DataBytes.lf {
                        line += 1
                        pos += 2
                        continue
                    }
                } else if !parser.eof {
                    try refill(&pos, &parser, line: line)
                    continue
                }
            }
            switch parser.parseRow(pos) {
            case let .row(next, fields, lines):
                if fields != expected || (extra && !CSVScanner.endsWith(delimiter, parser.buf, pos, next)) {
                    if rows == 0 && detectsExtraField && fields == n + 1
                        && CSVScanner.endsWith(delimiter, parser.buf, pos, next) {
                        extraEmptyField = true
                        extra = true
                        expected = n + 1
                    } else if extra || fields < n || fields > headerFields {
                        throw ragged(parser, rowStart: pos, next: next, fields: fields, line: line)
                    }
                }
                let buf = parser.buf
                let fileOffset = buffer.fileOffset
                var out = 0
                if transcode {
                    var needed = 0
                    for col in requested { needed += ends[col] - starts[col] }
                    reserveScratch(needed * TextEncoding.maxUTF8BytesPerByte)
                }
                for i in 0..<requested.count {
                    let col = requested[i]
                    let s = starts[col]
                    var e = ends[col]
                    let kind = kinds[col]
                    if kind == 2 {
                        e = CSVScanner.unescape(buf, s, e)
                        ends[col] = e
                        kinds[col] = 1
                    }
                    if transcode && TextEncoding.hasNonASCII(buf, s, e) {
                        let written = TextEncoding.transcodeWindows1252(buf, s, e, to: scratch + out)
                        row.fields[i] = UnsafeRawBufferPointer(start: scratch + out, count: written)
                        out += written
                    } else {
                        row.fields[i] = UnsafeRawBufferPointer(start: buf + s, count: e - s)
                    }
                    row.positions[i] = fileOffset + s - (kind == 0 ? 0 : 1)
                }
                row.line = line
                row.offset = offset
                row.lineStart = offset
                try sink.consume(row)
                rows += 1
                line += 1 + lines
                pos = next
                if let stopAfter, buffer.fileOffset + pos >= stopAfter { break scanning }
            case .needMore:
                try refill(&pos, &parser, line: line)
            case .unterminatedQuote(let at):
                throw CSVScanner.unterminated(file, line: line, lineStart: offset, at: buffer.fileOffset + at)
            case .textAfterQuote(let at):
                throw CSVScanner.textAfterQuote(file, buffer, line: line, lineStart: offset, at: at)
            }
        }
        // Only line ends left in a fully read file count as having reached the end.
        var rest = pos
        while rest < parser.end && (parser.buf[rest] == DataBytes.lf || parser.buf[rest] == DataBytes.cr) { rest += 1 }
        return ScanSummary(rows: rows, endOffset: buffer.fileOffset + pos, nextLine: line,
                           reachedEnd: parser.eof && rest >= parser.end)
    }

    /// Keeps the row at `pos`, reads more and re-points `parser` at the new buffer.
    private mutating func refill(_ pos: inout Int, _ parser: inout CSVRowParser, line: Int) throws(DataError) {
        guard try buffer.refill(keepingFrom: pos, file: file) else {
            throw CSVScanner.tooLong(file, buffer.maxRowBytes, line: line, at: buffer.fileOffset)
        }
        pos = 0
        parser.buf = buffer.base
        parser.end = buffer.end
        parser.eof = buffer.eof
    }

    /// Skips blank lines (LF or CRLF alone) at `pos`, refilling as needed.
    private static func skipBlankLines(_ buffer: inout DataChunkBuffer, pos: Int, line: inout Int,
                                       file: DataInputFile) throws(DataError) -> Int {
        var pos = pos
        while true {
            if pos >= buffer.end {
                if buffer.eof { return pos }
                _ = try buffer.refill(keepingFrom: pos, file: file)
                pos = 0
                continue
            }
            let c = buffer.base[pos]
            if c == DataBytes.lf {
                line += 1
                pos += 1
            } else if c == DataBytes.cr && pos + 1 < buffer.end && buffer.base[pos + 1] == DataBytes.lf {
                line += 1
                pos += 2
            } else if c == DataBytes.cr && pos + 1 >= buffer.end && !buffer.eof {
                _ = try buffer.refill(keepingFrom: pos, file: file)
                pos = 0
            } else {
                return pos
            }
        }
    }

    /// Collapses doubled quotes in `buf[s..<e]` in place; returns the new end.
    static func unescape(_ buf: UnsafeMutablePointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        var r = s, w = s
        while r < e {
            let c = buf[r]
            buf[w] = c
            w += 1
            r += c == DataBytes.quote ? 2 : 1
        }
        return w
    }

    /// Whether the row at `buf[start..<next]` ends (before its line end) with `delimiter`, that
    /// is, its last field is empty and unquoted.
    @inline(__always)
    static func endsWith(_ delimiter: UInt8, _ buf: UnsafeMutablePointer<UInt8>, _ start: Int, _ next: Int) -> Bool {
        var e = next
        if e > start && buf[e - 1] == DataBytes.lf { e -= 1 }
        if e > start && buf[e - 1] == DataBytes.cr { e -= 1 }
        return e > start && buf[e - 1] == delimiter
    }

    static func trimSpaces(_ s: String) -> String {
        var sub = Substring(s)
        while sub.first == " " { sub = sub.dropFirst() }
        while sub.last == " " { sub = sub.dropLast() }
        return String(sub)
    }

    // MARK: Errors

    private func ragged(_ parser: CSVRowParser, rowStart: Int, next: Int, fields: Int, line: Int) -> DataError {
        let n = fieldCount
        // The most fields a row may have: the header's (with its trailing empty ones), or one
        // more when the rows end with an extra delimiter.
        let limit = extraEmptyField ? n + 1 : headerFields
        let base = buffer.fileOffset
        let delimiterName = CSVScanner.name(of: delimiter)
        var at = base + rowStart
        var hint: String?
        if fields >= limit {
            // Record up to the first field past the limit (or the last field) to point at it.
            let k = fields > limit ? limit : limit - 1
            var locate = parser
            locate.fieldLimit = k + 1
            _ = locate.parseRow(rowStart)
            at = base + starts[k] - (kinds[k] == 0 ? 0 : 1)
            if extraEmptyField && fields == limit {
                hint = "the other rows end with an extra \(delimiterName), and this row's last field is not empty; a value containing \(delimiterName) must be enclosed in double quotes"
            } else if fields == limit + 1 && starts[k] == ends[k] {
                hint = "the row ends with an extra \(delimiterName)"
            } else {
                hint = "a value containing \(delimiterName) must be enclosed in double quotes"
            }
        } else {
            var e = next
            if e > rowStart && parser.buf[e - 1] == DataBytes.lf { e -= 1 }
            if e > rowStart && parser.buf[e - 1] == DataBytes.cr { e -= 1 }
            at = base + e
            hint = extraEmptyField && fields == n
                ? "the other rows end with an extra \(delimiterName), and this row does not"
                : "every row needs one value per header column; leave a missing value empty"
        }
        let header = extraEmptyField ? "header has \(n) (and the other rows end with an extra \(delimiterName))" : "header has \(headerFields)"
        return file.error(.raggedRow(expected: limit, found: fields),
                          message: "row has \(fields) \(fields == 1 ? "field" : "fields"), \(header)",
                          hint: hint, line: line, lineStart: base + rowStart, at: at)
    }

    static func name(of delimiter: UInt8) -> String {
        switch delimiter {
        case 9: "tab"
        case UInt8(ascii: ","): "comma"
        case UInt8(ascii: ";"): "semicolon"
        default: "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }

    private static func unterminated(_ file: DataInputFile, line: Int, lineStart: Int, at: Int) -> DataError {
        file.error(.unterminatedQuote, message: "unterminated quoted field",
                   hint: "a field that starts with a double quote must end with one; write a quote inside a field as \"\"",
                   line: line, lineStart: lineStart, at: at)
    }

    private static func textAfterQuote(_ file: DataInputFile, _ buffer: borrowing DataChunkBuffer, line: Int,
                                       lineStart: Int, at: Int) -> DataError {
        // Read from the file, not the buffer, so the quoted text does not depend on where the
        // buffer happens to end.
        var bytes = file.read(at: buffer.fileOffset + at, count: 12)
        if let end = bytes.firstIndex(where: { $0 == DataBytes.lf || $0 == DataBytes.cr }) {
            bytes.removeSubrange(end...)
        }
        let text = file.encoding.decode(bytes)
        return file.error(.textAfterQuote(text), message: "expected delimiter or end of line after closing quote",
                          hint: "enclose the whole value in double quotes and write a quote inside it as \"\"",
                          line: line, lineStart: lineStart, at: buffer.fileOffset + at)
    }

    private static func tooLong(_ file: DataInputFile, _ limit: Int, line: Int, at: Int) -> DataError {
        file.error(.rowTooLong(limit: limit),
                   message: "row is longer than \(limit >> 20) MiB",
                   hint: "an unterminated quote may have joined the rest of the file into one row",
                   line: line, lineStart: at, at: at)
    }

    // MARK: Splitting

    /// Cuts the data rows of a CSV file into about `parts` byte ranges that start after a
    /// newline, with their first line numbers. One part when the sample shows a quoted
    /// newline, since a cut could then fall inside a quoted field.
    static func split(file: DataInputFile, delimiter: UInt8, headerEnd: Int, parts: Int,
                      tuning: DataReadTuning) throws(DataError) -> [ScanPart] {
        let size = file.size
        let whole = [ScanPart(byteRange: 0..<size, firstLine: 1)]
        guard parts > 1, size - headerEnd >= parts * 4096 else { return whole }
        let sample = file.read(at: 0, count: min(size, tuning.sampleBytes))
        var inQuotes = false
        for b in sample {
            if b == DataBytes.quote { inQuotes.toggle() } else if inQuotes && b == DataBytes.lf { return whole }
        }
        var cuts: [Int] = []
        for k in 1..<parts {
            var offset = max(headerEnd, size * k / parts)
            var found = false
            while offset < size && !found {
                let window = file.read(at: offset, count: 1 << 16)
                if window.isEmpty { break }
                if let i = window.firstIndex(of: DataBytes.lf) {
                    offset += i + 1
                    found = true
                } else {
                    offset += window.count
                }
            }
            if found && offset < size && offset > (cuts.last ?? headerEnd) { cuts.append(offset) }
        }
        guard !cuts.isEmpty else { return whole }
        guard tuning.countLinesWhenSplitting else {
            var result = [ScanPart(byteRange: 0..<cuts[0], firstLine: 1)]
            for k in 0..<cuts.count {
                result.append(ScanPart(byteRange: cuts[k]..<(k + 1 < cuts.count ? cuts[k + 1] : size), firstLine: 1))
            }
            return result
        }
        // Count newlines before each cut for the parts' first line numbers.
        var lines: [Int] = []
        var counted = 0, offset = 0
        let chunk = max(tuning.chunkSize, 1 << 16)
        for cut in cuts {
            while offset < cut {
                let bytes = file.read(at: offset, count: min(chunk, cut - offset))
                if bytes.isEmpty { break }
                counted += countNewlines(bytes)
                offset += bytes.count
            }
            lines.append(counted + 1)
        }
        // Part 0 starts at the top (the scanner reads the header itself), part k at cut k-1.
        var result = [ScanPart(byteRange: 0..<cuts[0], firstLine: 1)]
        for k in 0..<cuts.count {
            let upper = k + 1 < cuts.count ? cuts[k + 1] : size
            result.append(ScanPart(byteRange: cuts[k]..<upper, firstLine: lines[k]))
        }
        return result
    }

    static func countNewlines(_ bytes: [UInt8]) -> Int {
        var count = 0
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            let lfWord = DataBytes.broadcast(DataBytes.lf)
            var i = 0
            while i + 8 <= p.count {
                count += DataBytes.markedBytes(DataBytes.zeroBytes(DataBytes.word(base + i) ^ lfWord))
                i += 8
            }
            while i < p.count {
                if base[i] == DataBytes.lf { count += 1 }
                i += 1
            }
        }
        return count
    }
}
