// Tables from JSON: an array of objects (`[{...}, {...}]`) or a stream of objects (NDJSON /
// JSON Lines: objects separated by whitespace, usually one per line). Each object is a row; its
// keys name columns. Values must be scalars: strings (unescaped, `\uXXXX` and surrogate pairs
// included; a lone surrogate becomes U+FFFD), numbers (handed over as their literal bytes),
// `true`/`false` (as those words) and `null` (an empty field, like a missing key). An object or
// array as a value is an error.
//
// The reader streams the file through a DataChunkBuffer like the CSV scanner: an object cut by the
// end of the buffer is parsed again from its `{` after a refill. Strings are unescaped in place
// once their object is complete (escapes never grow the text), and only for keys and for
// requested columns. Escape sequences in values of columns that are not requested are not
// checked.

/// One key/value pair of the object being read; indices into the reader's buffer.
struct JSONTablePair {
    var keyStart: Int
    var keyEnd: Int
    var keyEscaped: Bool
    var valueStart: Int
    var valueEnd: Int
    var value: ValueKind
    /// Buffer index where the value starts (its quote for strings).
    var valuePosition: Int

    enum ValueKind: UInt8 {
        /// A number, `true` or `false`: the literal bytes are the value.
        case literal
        case string
        case escapedString
        case null
    }
}

/// Reads JSON tables; see the file comment for the accepted shapes.
struct JSONTableReader: ~Copyable {
    private enum Layout { case array, stream }
    private enum State { case first, value, separator, stream, done }

    let file: DataInputFile
    private var buffer: DataChunkBuffer
    private var pos = 0
    private var line = 1
    /// Absolute offset of the start of `line`.
    private var lineStart = 0
    private var state: State
    /// The pairs of the object `next()` last returned.
    private(set) var pairs: [JSONTablePair] = []
    /// Where that object starts.
    private(set) var rowLine = 1
    private(set) var rowLineStart = 0
    private(set) var rowOffset = 0

    var base: UnsafeMutablePointer<UInt8> { buffer.base }
    var fileOffset: Int { buffer.fileOffset }

    init(file: DataInputFile, tuning: DataReadTuning) throws(DataError) {
        self.file = file
        buffer = DataChunkBuffer(capacity: min(tuning.chunkSize, file.size + 64), maxRowBytes: tuning.maxRowBytes)
        state = .stream
        _ = try buffer.refill(keepingFrom: 0, file: file)
        if buffer.end >= 3 && buffer.base[0] == 0xEF && buffer.base[1] == 0xBB && buffer.base[2] == 0xBF {
            pos = 3
            lineStart = 3
        }
        guard try skipWhitespace() else {
            throw DataError(kind: .emptyFile, path: file.path, message: "file is empty")
        }
        switch buffer.base[pos] {
        case UInt8(ascii: "["):
            state = .first
            pos += 1
        case UInt8(ascii: "{"):
            state = .stream
        default:
            throw fail("expected '[' or '{' at the start of the file", at: pos)
        }
    }

    // MARK: Driver

    /// Reads the next object into `pairs`; false at the end of the data.
    mutating func next() throws(DataError) -> Bool {
        while true {
            guard try skipWhitespace() else {
                if state == .first || state == .value || state == .separator {
                    throw fail("unexpected end of file, expected ']'", at: pos)
                }
                return false
            }
            let c = buffer.base[pos]
            switch state {
            case .first where c == UInt8(ascii: "]"), .separator where c == UInt8(ascii: "]"):
                pos += 1
                state = .done
                continue
            case .separator:
                guard c == UInt8(ascii: ",") else { throw fail("expected ',' or ']' after an object", at: pos) }
                pos += 1
                state = .value
                continue
            case .done:
                throw fail("unexpected text after the closing ']'", at: pos)
            case .first, .value, .stream:
                guard c == UInt8(ascii: "{") else {
                    throw fail(state == .stream ? "expected '{' to start an object" : "expected an object", at: pos)
                }
            }
            // An object starts at `pos`.
            switch parseObject(pos) {
            case let .complete(next, lines, lastLineStart):
                rowLine = line
                rowLineStart = lineStart
                rowOffset = buffer.fileOffset + pos
                line += lines
                if lines > 0 { lineStart = buffer.fileOffset + lastLineStart }
                pos = next
                if state != .stream { state = .separator }
                return true
            case .needMore:
                guard try buffer.refill(keepingFrom: pos, file: file) else {
                    throw file.error(.rowTooLong(limit: buffer.maxRowBytes),
                                     message: "object is longer than \(buffer.maxRowBytes >> 20) MiB",
                                     hint: "a string may be missing its closing quote",
                                     line: line, lineStart: lineStart, at: buffer.fileOffset)
                }
                pos = 0
            case let .failure(kind, message, at):
                throw file.error(kind, message: message, hint: nil, line: line, lineStart: lineStart,
                                 at: buffer.fileOffset + at)
            }
        }
    }

    /// Skips whitespace between objects, counting lines; false at end of file.
    private mutating func skipWhitespace() throws(DataError) -> Bool {
        while true {
            while pos < buffer.end {
                let c = buffer.base[pos]
                if c == DataBytes.lf {
                    line += 1
                    lineStart = buffer.fileOffset + pos + 1
                } else if c != DataBytes.space && c != 9 && c != DataBytes.cr {
                    return true
                }
                pos += 1
            }
            if buffer.eof { return false }
            _ = try buffer.refill(keepingFrom: pos, file: file)
            pos = 0
        }
    }

    private func fail(_ message: String, at index: Int) -> DataError {
        file.error(.invalidJSON(message), message: message, hint: nil, line: line, lineStart: lineStart,
                   at: buffer.fileOffset + index)
    }

    // MARK: Object grammar

    private enum Outcome {
        case complete(next: Int, lines: Int, lastLineStart: Int)
        case needMore
        case failure(DataError.Kind, String, at: Int)
    }

    /// Parses the object whose `{` is at `open` into `pairs`.
    private mutating func parseObject(_ open: Int) -> Outcome {
        pairs.removeAll(keepingCapacity: true)
        let buf = buffer.base, end = buffer.end, eof = buffer.eof
        var i = open + 1
        var lines = 0
        var lastLineStart = 0

        /// Skips whitespace; false when the buffer ends first.
        func ws() -> Bool {
            while i < end {
                let c = buf[i]
                if c == DataBytes.lf {
                    lines += 1
                    lastLineStart = i + 1
                } else if c != DataBytes.space && c != 9 && c != DataBytes.cr {
                    return true
                }
                i += 1
            }
            return false
        }
        func invalid(_ message: String) -> Outcome { .failure(.invalidJSON(message), message, at: i) }
        var cut: Outcome { eof ? .failure(.invalidJSON("unexpected end of file inside an object"),
                                          "unexpected end of file inside an object", at: i) : .needMore }

        guard ws() else { return cut }
        if buf[i] == UInt8(ascii: "}") {
            return .complete(next: i + 1, lines: lines, lastLineStart: lastLineStart)
        }
        while true {
            guard buf[i] == DataBytes.quote else { return invalid("expected a string key") }
            let keyStart = i + 1
            var keyEscaped = false
            switch scanString(buf, keyStart, end, eof, &keyEscaped) {
            case .closed(let close):
                i = close + 1
                guard ws() else { return cut }
                guard buf[i] == UInt8(ascii: ":") else { return invalid("expected ':' after a key") }
                i += 1
                guard ws() else { return cut }
                let valueAt = i
                var pair = JSONTablePair(keyStart: keyStart, keyEnd: close, keyEscaped: keyEscaped,
                                    valueStart: i, valueEnd: i, value: .literal, valuePosition: i)
                let c = buf[i]
                switch c {
                case DataBytes.quote:
                    var escaped = false
                    switch scanString(buf, i + 1, end, eof, &escaped) {
                    case .closed(let vClose):
                        pair.valueStart = i + 1
                        pair.valueEnd = vClose
                        pair.value = escaped ? .escapedString : .string
                        i = vClose + 1
                    case .needMore: return cut
                    case .control(let at):
                        i = at
                        return invalid("control character in string; write it as an escape such as \\n")
                    case .unterminated:
                        return invalid("unterminated string")
                    }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    var j = i
                    while j < end {
                        let d = buf[j]
                        let numeric = (d >= 48 && d <= 57) || d == UInt8(ascii: "-") || d == UInt8(ascii: "+")
                            || d == UInt8(ascii: ".") || d == UInt8(ascii: "e") || d == UInt8(ascii: "E")
                        if !numeric { break }
                        j += 1
                    }
                    if j >= end && !eof { return .needMore }
                    guard JSONTableReader.isNumber(buf, i, j) else { return invalid("malformed number") }
                    pair.valueEnd = j
                    i = j
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let word: StaticString = c == UInt8(ascii: "t") ? "true" : c == UInt8(ascii: "f") ? "false" : "null"
                    let n = word.utf8CodeUnitCount
                    if end - i < n { return eof ? invalid("unexpected end of file") : .needMore }
                    for k in 0..<n where buf[i + k] != word.utf8Start[k] { return invalid("invalid literal") }
                    pair.valueEnd = i + n
                    pair.value = c == UInt8(ascii: "n") ? .null : .literal
                    i += n
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let key = String(decoding: UnsafeRawBufferPointer(start: buf + keyStart, count: close - keyStart),
                                     as: UTF8.self)
                    i = valueAt
                    return .failure(.nestedJSONValue(key),
                                    "value of \"\(key)\" is \(c == UInt8(ascii: "{") ? "an object" : "an array"); "
                                        + "a column holds only strings, numbers, booleans and null", at: valueAt)
                default:
                    return invalid("expected a value")
                }
                pairs.append(pair)
                guard ws() else { return cut }
                if buf[i] == UInt8(ascii: ",") {
                    i += 1
                    guard ws() else { return cut }
                    continue
                }
                if buf[i] == UInt8(ascii: "}") {
                    return .complete(next: i + 1, lines: lines, lastLineStart: lastLineStart)
                }
                return invalid("expected ',' or '}' after a value")
            case .needMore:
                return cut
            case .control(let at):
                i = at
                return invalid("control character in string; write it as an escape such as \\n")
            case .unterminated:
                return invalid("unterminated string")
            }
        }
    }

    private enum StringScan { case closed(Int), needMore, control(Int), unterminated }

    /// Finds the closing quote of a string whose text starts at `from`.
    @inline(__always)
    private func scanString(_ buf: UnsafeMutablePointer<UInt8>, _ from: Int, _ end: Int, _ eof: Bool,
                            _ escaped: inout Bool) -> StringScan {
        let quoteWord = DataBytes.broadcast(DataBytes.quote), slashWord = DataBytes.broadcast(UInt8(ascii: "\\"))
        let controlWord = DataBytes.broadcast(0x20)
        var i = from
        while i < end {
            let w = DataBytes.word(buf + i)
            // Bytes below 0x20: subtracting 0x20 borrows into the high bit (exact for the first).
            let control = (w &- controlWord) & ~w & DataBytes.highs
            let m = DataBytes.zeroBytes(w ^ quoteWord) | DataBytes.zeroBytes(w ^ slashWord) | control
            if m == 0 {
                i += 8
                continue
            }
            let k = i + (m.trailingZeroBitCount >> 3)
            if k >= end { break }
            let c = buf[k]
            if c == DataBytes.quote { return .closed(k) }
            if c == UInt8(ascii: "\\") {
                escaped = true
                i = k + 2
                continue
            }
            return .control(k)
        }
        return eof ? .unterminated : .needMore
    }

    /// Whether `buf[s..<e]` is a JSON number: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ buf: UnsafeMutablePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        var i = s
        func digits() -> Int {
            let start = i
            while i < e && buf[i] >= 48 && buf[i] <= 57 { i += 1 }
            return i - start
        }
        if i < e && buf[i] == UInt8(ascii: "-") { i += 1 }
        guard i < e else { return false }
        if buf[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return false
        }
        if i < e && buf[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return false }
        }
        if i < e && (buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E")) {
            i += 1
            if i < e && (buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return false }
        }
        return i == e
    }

    // MARK: Unescaping

    /// Unescapes the string `buf[s..<e]` in place and returns its new end; nil and the offset of
    /// the bad escape when an escape is malformed.
    static func unescape(_ buf: UnsafeMutablePointer<UInt8>, _ s: Int, _ e: Int) -> (end: Int, badEscape: Int?) {
        var r = s, w = s
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= e else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = buf[at + k]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        func put(_ scalar: UInt32) {
            // Writing UTF-8 never overtakes the read position: every escape is longer.
            switch scalar {
            case 0..<0x80:
                buf[w] = UInt8(scalar); w += 1
            case 0x80..<0x800:
                buf[w] = UInt8(0xC0 | scalar >> 6); buf[w + 1] = UInt8(0x80 | scalar & 0x3F); w += 2
            case 0x800..<0x10000:
                buf[w] = UInt8(0xE0 | scalar >> 12); buf[w + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                buf[w + 2] = UInt8(0x80 | scalar & 0x3F); w += 3
            default:
                buf[w] = UInt8(0xF0 | scalar >> 18); buf[w + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                buf[w + 2] = UInt8(0x80 | scalar >> 6 & 0x3F); buf[w + 3] = UInt8(0x80 | scalar & 0x3F); w += 4
            }
        }
        while r < e {
            let c = buf[r]
            if c != UInt8(ascii: "\\") {
                buf[w] = c
                w += 1
                r += 1
                continue
            }
            guard r + 1 < e else { return (w, r) }
            let x = buf[r + 1]
            switch x {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                buf[w] = x; w += 1; r += 2
            case UInt8(ascii: "b"): buf[w] = 8; w += 1; r += 2
            case UInt8(ascii: "f"): buf[w] = 12; w += 1; r += 2
            case UInt8(ascii: "n"): buf[w] = 10; w += 1; r += 2
            case UInt8(ascii: "r"): buf[w] = 13; w += 1; r += 2
            case UInt8(ascii: "t"): buf[w] = 9; w += 1; r += 2
            case UInt8(ascii: "u"):
                guard let unit = hex4(r + 2) else { return (w, r) }
                r += 6
                if unit >= 0xD800 && unit < 0xDC00 {
                    if r + 1 < e && buf[r] == UInt8(ascii: "\\") && buf[r + 1] == UInt8(ascii: "u"),
                       let low = hex4(r + 2), low >= 0xDC00 && low < 0xE000 {
                        r += 6
                        put(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    } else {
                        put(0xFFFD)
                    }
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    put(0xFFFD)
                } else {
                    put(unit)
                }
            default:
                return (w, r)
            }
        }
        return (w, nil)
    }

    // MARK: Schema and scan

    static func inferSchema(file: DataInputFile, format: DataFormat, tuning: DataReadTuning) throws(DataError) -> TableSchema {
        var reader = try JSONTableReader(file: file, tuning: tuning)
        var names: [String] = []
        var nameBytes: [[UInt8]] = []
        var folded: [String: Int] = [:]
        var sampler = ColumnSampler(columns: 0)
        var rows = 0
        var stopped = false
        while try reader.next() {
            rows += 1
            let buf = reader.base
            for k in reader.pairs.indices {
                var pair = reader.pairs[k]
                try reader.unescapeKey(&pair)
                let key = UnsafeRawBufferPointer(start: buf + pair.keyStart, count: pair.keyEnd - pair.keyStart)
                var column = nameBytes.firstIndex { $0.elementsEqual(key) }
                if column == nil {
                    let at = reader.fileOffset + pair.keyStart - 1
                    guard let name = String(validating: key, as: UTF8.self) else {
                        throw reader.locate(.invalidUTF8, "key is not valid UTF-8", at: at)
                    }
                    if name.isEmpty {
                        throw reader.locate(.emptyColumnName, "key is empty", at: at,
                                            hint: "give every value a non-empty key")
                    }
                    let fold = TableSchema.foldedName(name)
                    if let earlier = folded[fold] {
                        throw reader.locate(.duplicateColumn(name),
                                            "key \"\(name)\" clashes with key \"\(names[earlier])\"", at: at,
                                            hint: "column names must differ in more than case, spaces and underscores")
                    }
                    folded[fold] = names.count
                    column = names.count
                    names.append(name)
                    nameBytes.append(Array(key))
                    sampler.addColumn()
                }
                guard let c = column else { continue }
                let value = try reader.valueBytes(&pair)
                if !sampler.observe(column: c, value) {
                    throw reader.locate(.invalidUTF8, "value is not valid UTF-8",
                                        at: reader.fileOffset + pair.valuePosition)
                }
            }
            if reader.fileOffset + reader.pos >= tuning.sampleBytes {
                stopped = true
                break
            }
        }
        var covers = true
        if stopped { covers = try !reader.next() }
        return TableSchema(path: file.path, format: format, dialect: nil, columns: sampler.schema(names: names, numbers: .plain),
                           sampledRows: rows, sampleCoversWholeFile: covers)
    }

    static func scan<Sink: RowSink>(file: DataInputFile, schema: TableSchema, columns: [Int], into sink: inout Sink,
                                    tuning: DataReadTuning) throws(DataError) -> ScanSummary {
        let n = schema.columns.count
        for c in columns where c < 0 || c >= n {
            throw DataError(kind: .columnOutOfRange(c), path: schema.path,
                            message: "column index \(c) is out of range (the table has \(n) columns)")
        }
        var reader = try JSONTableReader(file: file, tuning: tuning)
        let nameBytes = schema.columns.map { Array($0.name.utf8) }
        var requested = [Bool](repeating: false, count: n)
        for c in columns { requested[c] = true }
        // Per column: the value of the current row, valid when its generation is the row's.
        var valueStart = [Int](repeating: 0, count: n)
        var valueEnd = [Int](repeating: 0, count: n)
        var valuePosition = [Int](repeating: 0, count: n)
        var generation = [Int](repeating: -1, count: n)
        var order: [Int] = []  // the column of the k-th key of the previous row, a lookup guess
        var row = RawRow(count: columns.count, file: file)
        var rows = 0
        while try reader.next() {
            let buf = reader.base
            for k in reader.pairs.indices {
                var pair = reader.pairs[k]
                if pair.keyEscaped { try reader.unescapeKey(&pair) }
                let key = UnsafeRawBufferPointer(start: buf + pair.keyStart, count: pair.keyEnd - pair.keyStart)
                var column = -1
                if k < order.count, order[k] >= 0, nameBytes[order[k]].elementsEqual(key) {
                    column = order[k]
                } else {
                    column = nameBytes.firstIndex { $0.elementsEqual(key) } ?? -1
                    if k < order.count { order[k] = column } else { order.append(column) }
                }
                guard column >= 0, requested[column] else { continue }
                let value = try reader.valueBytes(&pair)
                valueStart[column] = value.baseAddress.map { $0 - UnsafeRawPointer(buf) } ?? 0
                valueEnd[column] = valueStart[column] + value.count
                valuePosition[column] = reader.fileOffset + pair.valuePosition
                generation[column] = rows
            }
            for i in 0..<columns.count {
                let c = columns[i]
                if generation[c] == rows {
                    row.fields[i] = UnsafeRawBufferPointer(start: buf + valueStart[c], count: valueEnd[c] - valueStart[c])
                    row.positions[i] = valuePosition[c]
                } else {
                    row.fields[i] = UnsafeRawBufferPointer(start: nil, count: 0)
                    row.positions[i] = reader.rowOffset
                }
            }
            row.line = reader.rowLine
            row.offset = reader.rowOffset
            row.lineStart = reader.rowLineStart
            try sink.consume(row)
            rows += 1
        }
        return ScanSummary(rows: rows, endOffset: file.size, nextLine: reader.line, reachedEnd: true)
    }

    /// Unescapes `pair`'s key in place if needed.
    private func unescapeKey(_ pair: inout JSONTablePair) throws(DataError) {
        guard pair.keyEscaped else { return }
        let (end, bad) = JSONTableReader.unescape(buffer.base, pair.keyStart, pair.keyEnd)
        if let bad {
            throw locate(.invalidJSON("invalid escape"), "invalid escape sequence in string",
                         at: buffer.fileOffset + bad)
        }
        pair.keyEnd = end
        pair.keyEscaped = false
    }

    /// The value bytes of `pair` (strings unescaped in place, null empty).
    private func valueBytes(_ pair: inout JSONTablePair) throws(DataError) -> UnsafeRawBufferPointer {
        switch pair.value {
        case .null:
            return UnsafeRawBufferPointer(start: nil, count: 0)
        case .escapedString:
            let (end, bad) = JSONTableReader.unescape(buffer.base, pair.valueStart, pair.valueEnd)
            if let bad {
                throw locate(.invalidJSON("invalid escape"), "invalid escape sequence in string",
                             at: buffer.fileOffset + bad)
            }
            pair.valueEnd = end
            pair.value = .string
        case .literal, .string:
            break
        }
        return UnsafeRawBufferPointer(start: buffer.base + pair.valueStart, count: pair.valueEnd - pair.valueStart)
    }

    /// A located error inside the object `next()` last returned.
    private func locate(_ kind: DataError.Kind, _ message: String, at absolute: Int,
                        hint: String? = nil) -> DataError {
        file.error(kind, message: message, hint: hint, line: rowLine, lineStart: rowLineStart, at: absolute)
    }
}
