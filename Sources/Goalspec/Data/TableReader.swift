// The data phase: from a file path to typed columns and a stream of rows.
//
// What this phase guarantees to the next one (the checker and the evaluator):
//
// - `inferSchema` reads the header and a sample of whole rows (about 64 KiB) and returns a plain
//   `TableSchema` value: format, CSV dialect, column names in file order, a type per column and
//   the distinct values seen, so names, types and group values can be checked before any row is
//   evaluated.
// - `scan` hands every data row to the sink exactly once, in file order, and only the bytes of
//   the requested columns, already unquoted and unescaped. No `String` is built per row and no
//   memory is allocated per row; the bytes are valid only during `consume`.
// - Every failure is a `DataError` with the file, a 1-based physical line and character column
//   and, where cheap, the line's text and a hint. Rows that do not fit the header (ragged CSV
//   rows, unterminated quotes, nested JSON values) stop the scan with such an error; values that
//   do not fit their column type are reported by the consumer through `RawRow.error`.
//   A trailing delimiter is not ragged: a header ending with it (`a;b;`) has unnamed last
//   columns that are not read (rows may have from the named to all of the header's fields), and
//   rows that all end with it under a header that does not (`1;2;` under `a;b`, decided by the
//   first data row, `CSVDialect.trailingDelimiter`) have an extra empty field that is dropped.
// - Memory is bounded by the read chunk (1 MiB) plus the largest single row (at most 64 MiB,
//   beyond which the row is an error), whatever the file size.
//
// Number text is not interpreted here beyond type inference: consumers decode the bytes they
// need with `FieldDecoding`, using each column's `ColumnSchema.numberFormat` (decimal mark and
// thousands grouping, decided from the whole sample by `NumberEvidence`).
//
// Fields reach consumers as UTF-8. A CSV file's encoding is decided from the first 64 KiB
// (`TextEncoding.detect`: UTF-8 when valid or with a BOM, else Windows-1252 when every byte is
// defined there) or forced by the data block's `encoding` line; a Windows-1252 file's fields are
// transcoded as they are handed out (ASCII fields are not touched). Text is checked to be UTF-8
// in the header and the sample only; past the sample, a field of a UTF-8 file may hold invalid
// bytes, and the consumer reports it with `RawRow.error` where it matters (the engine checks
// each new group value; `FieldDecoding.text` returns nil).

/// Receives the rows of a scan, one at a time, in file order.
public protocol RowSink {
    /// Takes one data row. Throwing stops the scan and the error reaches the scan's caller.
    ///
    /// The row and the buffers its fields point into are reused for the next row: copy out
    /// what must outlive this call.
    mutating func consume(_ row: borrowing RawRow) throws(DataError)
}

/// One data row as the readers see it: the bytes of the requested columns and where the row is.
///
/// A `RawRow` is valid only during ``RowSink/consume(_:)``: it is noncopyable so a sink cannot
/// keep it, and the buffers its fields point into are overwritten by later rows.
public struct RawRow: ~Copyable {
    /// The 1-based physical line on which the row starts.
    public internal(set) var line: Int
    /// The absolute byte offset in the file at which the row starts.
    public internal(set) var offset: Int
    /// How many fields the row holds: the number of requested columns.
    public let count: Int
    /// Absolute offset of the start of the line the row starts on (differs from `offset` for
    /// JSON arrays written on one line).
    var lineStart: Int
    let fields: UnsafeMutablePointer<UnsafeRawBufferPointer>
    let positions: UnsafeMutablePointer<Int>
    let file: DataInputFile
    /// For a row of an xlsx sheet: the sheet's name. `line` is then the sheet's row number and
    /// `positions` hold 0-based column numbers, so errors name the cell (`B7`).
    var sheetName: String?

    init(count: Int, file: DataInputFile) {
        self.count = count
        self.file = file
        line = 0
        offset = 0
        lineStart = 0
        fields = .allocate(capacity: max(count, 1))
        fields.initialize(repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: max(count, 1))
        positions = .allocate(capacity: max(count, 1))
        positions.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        fields.deallocate()
        positions.deallocate()
    }

    /// The bytes of requested column `i` (an index into the scan's `columns`), unquoted and
    /// unescaped, as UTF-8; empty for a missing value (an empty field or `..`, see
    /// ``FieldDecoding/isMissing(_:)``) and for an `i` out of range.
    ///
    /// This is the one place `..` becomes missing for every reader and consumer, so the engine's
    /// `field.isEmpty` tests cover it.
    @inline(__always)
    public func field(_ i: Int) -> UnsafeRawBufferPointer {
        guard i >= 0 && i < count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let f = fields[i]
        return FieldDecoding.isMissing(f) ? UnsafeRawBufferPointer(start: nil, count: 0) : f
    }

    /// A ``DataError`` located at the start of field `i` (its opening quote, if quoted), with
    /// the line's text; the column is computed only now, so building the error is slow but
    /// costs nothing while no error occurs. For an `i` out of range, the row's start.
    public func error(field i: Int, _ kind: DataError.Kind, message: String, hint: String?) -> DataError {
        let at = i >= 0 && i < count ? positions[i] : offset
        if let sheetName {
            let cell = i >= 0 && i < count ? XlsxSheetParser.letters(ofColumn: positions[i]) + String(line) : "row \(line)"
            return DataError(kind: kind, path: file.path, line: line,
                             message: "sheet \"\(sheetName)\", cell \(cell): \(message)", hint: hint)
        }
        return file.error(kind, message: message, hint: hint, line: line, lineStart: lineStart, at: at)
    }
}

/// Reads tables from CSV, TSV, JSON and NDJSON files: schema inference and row scans.
public enum TableReader {
    /// Reads the header and a sample (the first 64 KiB or so, at row boundaries) and infers
    /// the dialect and column types.
    ///
    /// `format` defaults to the one the path's extension names. Throws when the file cannot be
    /// read, is empty, has a malformed header or a malformed row within the sample.
    ///
    /// `sheet` names the sheet of an xlsx workbook (default: the first); it is an error for
    /// other formats. `encoding` forces the character encoding of a CSV or TSV file (default:
    /// detected, see ``TextEncoding/detect(sample:wholeFile:)``); it is an error for other formats.
    public static func inferSchema(path: String, format: DataFormat? = nil, sheet: String? = nil,
                                   encoding: TextEncoding? = nil) throws(DataError) -> TableSchema {
        try inferSchema(path: path, format: format, options: ReadOptions(sheet: sheet, encoding: encoding), tuning: .default)
    }

    /// Like ``inferSchema(path:format:sheet:encoding:)``, with everything the data block declares
    /// about the file (sheet, encoding, decimal mark, thousands grouping).
    public static func inferSchema(path: String, format: DataFormat? = nil, options: ReadOptions) throws(DataError) -> TableSchema {
        try inferSchema(path: path, format: format, options: options, tuning: .default)
    }

    /// Streams every data row once, in file order, handing the sink the bytes of the requested
    /// columns only (`columns` are indices into `schema.columns`; `row.field(i)` is the value
    /// of `columns[i]`).
    ///
    /// Throws the first malformed row as a located ``DataError``, or what the sink throws.
    @discardableResult
    public static func scan<Sink: RowSink>(_ schema: TableSchema, columns: [Int],
                                           into sink: inout Sink) throws(DataError) -> ScanSummary {
        try scan(schema, columns: columns, part: nil, into: &sink, tuning: .default)
    }

    /// Scans only the rows of one part of a CSV file (see ``splitPoints(_:parts:)``), for a
    /// parallel scan with one sink per part.
    ///
    /// The returned ``ScanSummary/endOffset`` is where the part's last row ended; a parallel
    /// driver must check that it equals the next part's `byteRange.lowerBound` and otherwise
    /// discard the results and scan sequentially (a quoted newline made a cut fall inside a row).
    @discardableResult
    public static func scan<Sink: RowSink>(_ schema: TableSchema, columns: [Int], part: ScanPart,
                                           into sink: inout Sink) throws(DataError) -> ScanSummary {
        try scan(schema, columns: columns, part: part, into: &sink, tuning: .default)
    }

    /// Cuts a CSV file's rows into about `parts` byte ranges, each starting after a newline and
    /// carrying its first line number, for scanning on several cores with
    /// ``scan(_:columns:part:into:)``.
    ///
    /// Returns a single part covering the file for JSON formats, small files, `parts < 2`, or
    /// when the sample shows a quoted field containing a newline (a cut could then fall inside
    /// a row). Counting the line numbers reads the file once, at memory speed.
    public static func splitPoints(_ schema: TableSchema, parts: Int) throws(DataError) -> [ScanPart] {
        try splitPoints(schema, parts: parts, tuning: .default)
    }

    /// Cuts like ``splitPoints(_:parts:)`` without counting lines: every part's `firstLine` is 1.
    /// A parallel driver that gets an error from part k corrects its line with
    /// ``lineNumber(at:in:)`` of the part's start — the count then costs only on the error path.
    public static func splitPointsWithoutLines(_ schema: TableSchema, parts: Int) throws(DataError) -> [ScanPart] {
        var tuning = DataReadTuning.default
        tuning.countLinesWhenSplitting = false
        return try splitPoints(schema, parts: parts, tuning: tuning)
    }

    /// The 1-based line number of the byte at `offset` of a file.
    public static func lineNumber(at offset: Int, in path: String) throws(DataError) -> Int {
        let file = try DataInputFile(path: path)
        var counted = 0, position = 0
        while position < offset {
            let bytes = file.read(at: position, count: min(1 << 20, offset - position))
            if bytes.isEmpty { break }
            counted += CSVScanner.countNewlines(bytes)
            position += bytes.count
        }
        return counted + 1
    }

    // MARK: Internal entry points with tuning (tests shrink chunks)

    static func inferSchema(path: String, format: DataFormat?, sheet: String? = nil,
                            encoding: TextEncoding? = nil, tuning: DataReadTuning) throws(DataError) -> TableSchema {
        try inferSchema(path: path, format: format, options: ReadOptions(sheet: sheet, encoding: encoding), tuning: tuning)
    }

    static func inferSchema(path: String, format: DataFormat?, options: ReadOptions,
                            tuning: DataReadTuning, contents: DataContents? = nil) throws(DataError) -> TableSchema {
        var schema = try inferSchemaOfFile(path: path, format: format, options: options, tuning: tuning, contents: contents)
        schema.contents = contents
        return schema
    }

    private static func inferSchemaOfFile(path: String, format: DataFormat?, options: ReadOptions,
                                          tuning: DataReadTuning, contents: DataContents?) throws(DataError) -> TableSchema {
        let sheet = options.sheet
        let encoding = options.encoding
        guard let format = format ?? DataFormat(path: path) else {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "") : ""
            throw DataError(kind: .unsupportedFormat(ext), path: path,
                            message: ext.isEmpty ? "file has no extension to tell its format"
                                : "unsupported file extension \".\(ext)\"",
                            hint: "use .csv, .tsv, .json, .ndjson, .jsonl or .xlsx")
        }
        if let sheet, format != .xlsx {
            throw DataError(kind: .unsupportedFormat(format.rawValue), path: path,
                            message: "'sheet \"\(sheet)\"' applies to .xlsx workbooks, and this is a .\(format.rawValue) file",
                            hint: "remove the sheet line, or point the data at the workbook")
        }
        if let encoding, format != .csv && format != .tsv {
            throw DataError(kind: .unsupportedFormat(format.rawValue), path: path,
                            message: "'encoding \"\(encoding.rawValue)\"' applies to .csv and .tsv files, and this is a .\(format.rawValue) file",
                            hint: format == .xlsx ? "remove the encoding line: a workbook records its own encoding"
                                : "remove the encoding line: JSON files are always UTF-8")
        }
        let file = try DataInputFile.opening(path: path, contents: contents)
        if file.size == 0 {
            throw DataError(kind: .emptyFile, path: path, message: "file is empty",
                            hint: format == .csv || format == .tsv
                                ? "a CSV file needs a header row naming its columns" : nil)
        }
        if format != .xlsx, let name = TextEncoding.unreadableByteOrderMark(file.read(at: 0, count: 4)) {
            throw DataError(kind: .unsupportedEncoding(name), path: path,
                            message: "the file is \(name) text, which Goalspec does not read",
                            hint: format == .csv || format == .tsv
                                ? "Excel's \"Unicode Text\" export writes UTF-16: save the sheet as \"CSV UTF-8\" instead, or read the .xlsx workbook itself"
                                : "save the file as UTF-8")
        }
        switch format {
        case .csv, .tsv:
            let sample = file.read(at: 0, count: min(file.size, tuning.sampleBytes))
            var dialect = sample.withUnsafeBytes { raw in
                CSVDialect.detect(sample: raw, delimiter: format == .tsv ? 9 : nil)
            }
            dialect.encoding = encoding ?? sample.withUnsafeBytes { raw in
                TextEncoding.detect(sample: raw, wholeFile: sample.count >= file.size)
            }
            var scanner = try CSVScanner(file: file, delimiter: dialect.delimiter, encoding: dialect.encoding,
                                         detectExtraField: true, tuning: tuning)
            var sampler = ColumnSampler(columns: scanner.fieldCount)
            let summary = try scanner.scanRows(columns: Array(0..<scanner.fieldCount),
                                               stopAfter: tuning.sampleBytes, into: &sampler)
            dialect.trailingDelimiter = scanner.extraEmptyField
            let numbers = NumberContext(delimiter: dialect.delimiter, declaredDecimalMark: options.decimalMark,
                                        declaredGrouping: options.grouping, fixed: nil)
            dialect.decimalSeparator = sampler.fileDecimalMark(numbers)
                ?? (dialect.delimiter == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ","))
            return TableSchema(path: path, format: format, dialect: dialect,
                               columns: sampler.schema(names: scanner.header, numbers: numbers),
                               sampledRows: summary.rows, sampleCoversWholeFile: summary.reachedEnd)
        case .json, .ndjson:
            return try JSONTableReader.inferSchema(file: file, format: format, tuning: tuning)
        case .xlsx:
            return try XlsxTableReader.inferSchema(file: file, sheet: options.sheet)
        }
    }

    @discardableResult
    static func scan<Sink: RowSink>(_ schema: TableSchema, columns: [Int], part: ScanPart?,
                                    into sink: inout Sink, tuning: DataReadTuning) throws(DataError) -> ScanSummary {
        let file = try DataInputFile.opening(path: schema.path, contents: schema.contents)
        switch schema.format {
        case .csv, .tsv:
            let delimiter = schema.dialect?.delimiter ?? (schema.format == .tsv ? 9 : UInt8(ascii: ","))
            var scanner = try CSVScanner(file: file, delimiter: delimiter, encoding: schema.dialect?.encoding ?? .utf8,
                                         extraEmptyField: schema.dialect?.trailingDelimiter ?? false, tuning: tuning)
            let names = scanner.header
            guard names.count == schema.columns.count,
                  zip(names, schema.columns).allSatisfy({ $0 == $1.name }) else {
                throw DataError(kind: .schemaMismatch, path: schema.path, line: 1,
                                message: "header no longer matches the schema read earlier",
                                hint: "the file changed while it was being read; run again")
            }
            return try scanner.scanRows(columns: columns, part: part, into: &sink)
        case .json, .ndjson:
            return try JSONTableReader.scan(file: file, schema: schema, columns: columns, into: &sink,
                                            tuning: tuning)
        case .xlsx:
            return try XlsxTableReader.scan(file: file, schema: schema, columns: columns, into: &sink)
        }
    }

    static func splitPoints(_ schema: TableSchema, parts: Int, tuning: DataReadTuning) throws(DataError) -> [ScanPart] {
        let file = try DataInputFile.opening(path: schema.path, contents: schema.contents)
        switch schema.format {
        case .csv, .tsv:
            let delimiter = schema.dialect?.delimiter ?? (schema.format == .tsv ? 9 : UInt8(ascii: ","))
            let scanner = try CSVScanner(file: file, delimiter: delimiter, encoding: schema.dialect?.encoding ?? .utf8,
                                         tuning: tuning)
            return try CSVScanner.split(file: file, delimiter: delimiter, headerEnd: scanner.headerEnd,
                                        parts: parts, tuning: tuning)
        case .json, .ndjson, .xlsx:
            return [ScanPart(byteRange: 0..<file.size, firstLine: 1)]
        }
    }
}

/// Collects type evidence and distinct values per column while sampling.
struct ColumnSampler: RowSink {
    private(set) var evidence: [ColumnTypeEvidence]
    private var distinct: [[String]]
    private var seen: [Set<String>]
    private var truncated: [Bool]

    init(columns: Int) {
        evidence = Array(repeating: ColumnTypeEvidence(), count: columns)
        distinct = Array(repeating: [], count: columns)
        seen = Array(repeating: [], count: columns)
        truncated = Array(repeating: false, count: columns)
    }

    /// Adds a column (JSON keys appear as rows are read).
    mutating func addColumn() {
        evidence.append(ColumnTypeEvidence())
        distinct.append([])
        seen.append([])
        truncated.append(false)
    }

    /// Records one value of column `c`; false when it is not valid UTF-8. A missing value (empty
    /// or `..`) is neither type evidence nor a distinct value.
    mutating func observe(column c: Int, _ field: UnsafeRawBufferPointer) -> Bool {
        guard !FieldDecoding.isMissing(field) else { return true }
        // Most values are ASCII: validate without building a String, and build one only for a
        // value that may be new to the distinct list.
        var ascii = true
        for b in field where b >= 0x80 { ascii = false; break }
        if !ascii && String(validating: field, as: UTF8.self) == nil { return false }
        evidence[c].observe(field)
        if truncated[c] { return true }
        let text = String(decoding: field, as: UTF8.self)
        if seen[c].count < ColumnSchema.distinctValueLimit {
            if seen[c].insert(text).inserted { distinct[c].append(text) }
        } else if !truncated[c] && !seen[c].contains(text) {
            truncated[c] = true
        }
        return true
    }

    mutating func consume(_ row: borrowing RawRow) throws(DataError) {
        for i in 0..<row.count where !observe(column: i, row.field(i)) {
            throw row.error(field: i, .invalidUTF8, message: "value is not valid UTF-8",
                            hint: TextEncoding.invalidUTF8Hint)
        }
    }

    /// The file's decimal mark as the sample and the options settle it (nil when open).
    func fileDecimalMark(_ numbers: NumberContext) -> UInt8? {
        if let fixed = numbers.fixed { return fixed.decimalMark }
        return NumberEvidence.fileDecimalMark(evidence.map(\.numbers), delimiter: numbers.delimiter,
                                              declared: numbers.declaredDecimalMark)
    }

    /// The columns with their inferred types and number formats.
    func schema(names: [String], numbers: NumberContext) -> [ColumnSchema] {
        let fileMark = fileDecimalMark(numbers)
        return names.indices.map { i in
            let reading: NumberReading
            if let fixed = numbers.fixed {
                reading = evidence[i].numbers.isNumeric
                    ? evidence[i].numbers.decide(fileDecimalMark: fixed.decimalMark, declaredGrouping: fixed.grouping)
                    : .notNumeric
            } else {
                reading = evidence[i].numbers.decide(fileDecimalMark: fileMark, declaredGrouping: numbers.declaredGrouping)
            }
            var column = ColumnSchema(name: names[i], index: i, type: evidence[i].inferred(reading),
                                      sampleDistinctValues: distinct[i], sampleDistinctValuesTruncated: truncated[i])
            switch reading {
            case .format(let f): column.numberFormat = f
            case .ambiguous(let a):
                column.numberAmbiguity = a
                column.numberFormat = a.formats.first ?? .plain
            case .notNumeric: column.numberFormat = NumberFormat(decimalMark: fileMark ?? UInt8(ascii: "."), grouping: .none)
            }
            return column
        }
    }
}

/// What decides the number formats of a file's columns besides their values.
struct NumberContext: Sendable {
    /// The CSV delimiter (a `;` or tab file defaults to a decimal comma); nil for other formats.
    var delimiter: UInt8?
    /// `decimal comma` / `decimal point` in the data block.
    var declaredDecimalMark: UInt8?
    /// `thousands point` / `space` / `comma` / `none` in the data block.
    var declaredGrouping: NumberFormat.Grouping?
    /// A format the file type fixes (JSON and xlsx write numbers plainly).
    var fixed: NumberFormat?

    static let plain = NumberContext(delimiter: nil, declaredDecimalMark: nil, declaredGrouping: nil, fixed: .plain)
}

extension RawRow {
    /// The error for field `i` of a number column that does not read as a number, saying why
    /// when it is written as one (too many digits, an exponent out of range).
    func numberError(field i: Int, column: String, format: NumberFormat) -> DataError {
        let bytes = field(i)
        let text = String(decoding: bytes, as: UTF8.self)
        if let problem = FieldDecoding.numberProblem(bytes, format: format) {
            return error(field: i, .notANumber(column: column, text: text),
                         message: "'\(text)' in column '\(column)' \(problem)",
                         hint: "round it in the source, or give it in a larger unit (unit \(column) t.kr or mio. kr)")
        }
        return error(field: i, .notANumber(column: column, text: text),
                     message: "'\(text)' in column '\(column)' is not a number",
                     hint: "the column was read as numbers\(format == .plain ? "" : " written \(format.example)") from its first rows; fix the value or leave the field empty for a missing value")
    }
}
