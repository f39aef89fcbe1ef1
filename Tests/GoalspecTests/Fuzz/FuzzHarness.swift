// What the libFuzzer targets do with one input, shared by the fuzz binaries and the tests.
//
// Fuzz/build.sh compiles this file into each fuzz binary (with -D GOALSPEC_FUZZ, as part of the
// Goalspec module); the test target compiles it too, so FuzzRegressionTests.swift replays a
// regression input through exactly the code the fuzzer ran. Each function returns what went
// wrong as `failures` instead of trapping: the fuzz entry points (Fuzz/FuzzSpec.swift,
// Fuzz/FuzzCSV.swift) turn a failure into a crash, the tests into an issue.

import Foundation
#if !GOALSPEC_FUZZ
@testable import Goalspec
#endif

// MARK: - fuzz-spec: the spec front end

/// The fixed data a fuzzed spec is checked against: the schemas of Specs/data by file name, a
/// small table with a column of each type for any other name, and the declarations of
/// Specs/common/aarhus.goal for specs with an `import`.
struct FuzzSpecEnvironment: Sendable {
    var schemas: [String: SpecChecker.ResolvedData] = [:]
    var fallback: SpecChecker.ResolvedData
    var imported: [Declaration] = []
    var importedSource: SourceFile?

    /// The fallback table: one column of each type, Danish dialect.
    static let fallbackCSV = """
        city;quarter;job;persons;share;amount;flag;age_group;dimension;reached;date;note
        Aarhus;2024K3;1;198260;86,2 %;1,5;true;adult;learning;1;2024-07-01;a
        Aarhus;2024K3;0;31740;13,8 %;2,25;false;under18;network;0;2024-08-01;b
        København;2024K3;1;385650;85,5 %;-3;true;adult;personal;1;2024-09-01;
        Odense;2023K3;0;64350;84,6 %;0;false;under18;learning;0;2023-07-01;c

        """

    /// Reads the schemas under `specsDirectory`/data and writes the fallback table to
    /// `fallbackPath`; nil when the fallback table cannot be written or read.
    init?(specsDirectory: String, fallbackPath: String) {
        let dataDir = (specsDirectory as NSString).appendingPathComponent("data")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dataDir)) ?? [] {
            let path = (dataDir as NSString).appendingPathComponent(name)
            if let schema = try? TableReader.inferSchema(path: path) {
                schemas[name.lowercased()] = SpecChecker.ResolvedData(path: path, schema: schema)
            }
        }
        guard FileManager.default.createFile(atPath: fallbackPath, contents: Data(Self.fallbackCSV.utf8)),
              let schema = try? TableReader.inferSchema(path: fallbackPath) else { return nil }
        fallback = SpecChecker.ResolvedData(path: fallbackPath, schema: schema)
        let common = (specsDirectory as NSString).appendingPathComponent("common/aarhus.goal")
        if let data = FileManager.default.contents(atPath: common) {
            let source = SourceFile(path: common, bytes: [UInt8](data))
            importedSource = source
            imported = SpecParser.parse(source, file: 1).tree.declarations.filter { d in
                switch d {
                case .data, .group, .define: true
                default: false
                }
            }
        }
    }

    /// Every `data` declaration bound to the schema of the file it names, or to the fallback.
    func resolve(_ declarations: [Declaration]) -> [String: SpecChecker.ResolvedData] {
        var out: [String: SpecChecker.ResolvedData] = [:]
        for d in declarations {
            guard case .data(let dd) = d else { continue }
            let name = (dd.path.value as NSString).lastPathComponent.lowercased()
            out[dd.name.matchKey] = schemas[name] ?? fallback
        }
        return out
    }
}

/// What the front end made of one input.
struct FuzzSpecOutcome {
    var sources = SourceSet()
    var parseDiagnostics: [Diagnostic] = []
    /// Parse and check diagnostics, unsorted.
    var diagnostics: [Diagnostic] = []
    /// `DiagnosticList.finish`: sorted, deduplicated, capped.
    var finished: [Diagnostic] = []
    var omitted = 0
    var rendered = ""
    /// The canonical form, when the input parsed without errors.
    var formatted: String?
    /// Broken promises; empty when all is well.
    var failures: [String] = []

    var parseErrors: [Diagnostic] { parseDiagnostics.filter { $0.severity == .error } }
}

/// `goalspec check` and `goalspec fmt` up to reading rows: parse, check against the fixed
/// schemas, sort and render the diagnostics, and format a spec without syntax errors.
///
/// Failures: a diagnostic pointing outside the input, parse errors that render as nothing, a
/// formatter that refuses a spec without syntax errors; with `strict`, also formatting that
/// changes the meaning or is not idempotent.
func fuzzSpecFrontEnd(_ bytes: [UInt8], environment env: FuzzSpecEnvironment, strict: Bool = false) -> FuzzSpecOutcome {
    var out = FuzzSpecOutcome()
    let source = SourceFile(path: "fuzz.goal", bytes: bytes)
    let index = out.sources.add(source)
    let (tree, parseDiagnostics) = SpecParser.parse(source, file: index)
    out.parseDiagnostics = parseDiagnostics
    var declarations = tree.declarations
    let hasImport = tree.declarations.contains { if case .import = $0 { true } else { false } }
    if hasImport, let common = env.importedSource {
        _ = out.sources.add(common)
        declarations += env.imported
    }
    let (spec, checkDiagnostics) = SpecChecker.check(declarations, sources: out.sources, data: env.resolve(declarations))
    _ = spec.items.count
    var list = DiagnosticList()
    list.append(contentsOf: parseDiagnostics)
    list.append(contentsOf: checkDiagnostics)
    out.diagnostics = list.all
    for d in list.all {
        guard case .source(let r) = d.location else { continue }
        guard let file = out.sources.file(r.file) else {
            out.failures.append("diagnostic \(d.code.rawValue) in unknown file \(r.file): \(d.message)")
            continue
        }
        if r.lowerBound < 0 || r.upperBound > file.bytes.count {
            out.failures.append("diagnostic \(d.code.rawValue) at \(r.lowerBound)..<\(r.upperBound) outside a file of \(file.bytes.count) bytes: \(d.message)")
        }
    }
    (out.finished, out.omitted) = list.finish(sources: out.sources)
    out.rendered = DiagnosticRenderer(sources: out.sources).render(out.finished, omitted: out.omitted)
    if !out.parseErrors.isEmpty {
        if out.rendered.isEmpty { out.failures.append("parse errors rendered as nothing") }
        return out
    }
    let (text, _) = SpecFormatter.format(source)
    guard let text else {
        out.failures.append("the formatter refused a spec that parsed without errors")
        return out
    }
    out.formatted = text
    let keepsMeaning = SpecFormatter.preservesMeaning(of: source, formatted: text)
    if strict {
        if !keepsMeaning { out.failures.append("formatting changed the meaning:\n\(text)") }
        let (again, _) = SpecFormatter.format(SourceFile(path: "fuzz.goal", text: text))
        if again != text { out.failures.append("formatting is not idempotent:\n--- once\n\(text)\n--- twice\n\(again ?? "nil")") }
    }
    return out
}

// MARK: - fuzz-csv: the data readers

/// How the first input byte says to read the rest (see Fuzz/FuzzCSV.swift).
struct FuzzCSVMode: Sendable, Hashable {
    static let extensions = ["csv", "tsv", "json", "ndjson"]

    var byte: UInt8
    var fileExtension: String { Self.extensions[Int(byte & 3)] }
    var sampleBytes: Int { byte & 4 != 0 ? 96 : 64 << 10 }
    /// Whole-file reads with a 1 MiB buffer.
    var wide: DataReadTuning { DataReadTuning(chunkSize: 1 << 20, maxRowBytes: 1 << 20, sampleBytes: sampleBytes) }
    /// Reads with a small buffer, so rows cross buffer boundaries.
    var narrow: DataReadTuning { DataReadTuning(chunkSize: 64 + 7 * Int(byte >> 3), maxRowBytes: 1 << 20, sampleBytes: sampleBytes) }
    /// A 64-byte buffer and a 256-byte row limit.
    var tight: DataReadTuning { DataReadTuning(chunkSize: 64, maxRowBytes: 256, sampleBytes: sampleBytes) }
}

/// Keeps every row as bytes with its line and offset, decodes every field in every way, and
/// throws `RawRow.error` for a field that does not fit its column's type, as the engine does.
struct FuzzRowSink: RowSink {
    let schema: TableSchema
    let columns: [Int]
    var rows: [[[UInt8]]] = []
    var lines: [Int] = []
    var offsets: [Int] = []
    var checksum = 0

    init(schema: TableSchema, columns: [Int]) {
        self.schema = schema
        self.columns = columns
    }

    mutating func consume(_ row: borrowing RawRow) throws(DataError) {
        var values: [[UInt8]] = []
        values.reserveCapacity(row.count)
        let separator = schema.decimalSeparator
        for i in 0..<row.count {
            let field = row.field(i)
            values.append([UInt8](field))
            if let b = FieldDecoding.bool(field) { checksum &+= b ? 1 : 2 }
            if let n = FieldDecoding.integer(field) { checksum &+= Int(truncatingIfNeeded: n) }
            let decimal = FieldDecoding.decimal(field, decimalSeparator: separator)
            if let d = decimal {
                checksum &+= Int(d.scale) &+ d.normalized.description.utf8.count
                if d.doubleValue.isNaN { checksum &+= 3 }
                if d < DecimalValue(mantissa: 1, scale: 2) { checksum &+= 5 }
            }
            let percent = FieldDecoding.percent(field, decimalSeparator: separator)
            if let p = percent { checksum &+= Int(truncatingIfNeeded: p.mantissa) }
            let period = FieldDecoding.period(field)
            if let p = period { checksum &+= p.description.utf8.count &+ p.year }
            let text = FieldDecoding.text(field)
            if let t = text { checksum &+= t.count }
            guard !field.isEmpty, i < columns.count, columns[i] < schema.columns.count else { continue }
            let column = schema.columns[columns[i]]
            let fits: Bool
            switch column.type {
            case .bool: fits = FieldDecoding.bool(field) != nil
            case .integer: fits = FieldDecoding.integer(field) != nil
            case .decimal: fits = decimal != nil
            case .percent: fits = percent != nil
            case .period: fits = period != nil
            case .text: fits = text != nil
            }
            if !fits {
                let shown = String(decoding: field, as: UTF8.self)
                throw row.error(field: i, .invalidValue(column: column.name, text: shown, expected: column.type),
                                message: "'\(shown)' is not a \(column.type.rawValue) value of column '\(column.name)'",
                                hint: nil)
            }
        }
        rows.append(values)
        lines.append(row.line)
        offsets.append(row.offset)
    }
}

/// What one read produced: the schema and the rows read, and the error if one stopped it.
struct FuzzReadResult: Sendable {
    var schema: TableSchema?
    var rows: [[[UInt8]]] = []
    var lines: [Int] = []
    var offsets: [Int] = []
    var error: DataError?

    var succeeded: Bool { error == nil }

    /// Whether a read with a smaller buffer (`self`) got what the 1 MiB read (`wide`) got: the
    /// same schema, rows and error; with `strict` false, ignoring what is known to differ.
    func agrees(withWide wide: FuzzReadResult, strict: Bool) -> Bool {
        Self.comparable(schema, wide: wide.schema, strict) == wide.schema && rows == wide.rows && lines == wide.lines
            && offsets == wide.offsets
            && error == wide.error
    }

    /// Known difference, compared only when strict: when the sample's last row is followed only
    /// by blank lines that are past a small read buffer, `sampleCoversWholeFile` is false
    /// although the 1 MiB read sees the file's end and says true. False is the safe answer (the
    /// checker then does not treat the sample as all the data), and with the default buffer a
    /// file the sample covers is always read whole
    /// (Tests/GoalspecTests/Fuzz/csv/lone-cr-fe58285d-fuzzer-original.bin).
    static func comparable(_ small: TableSchema?, wide: TableSchema?, _ strict: Bool) -> TableSchema? {
        guard !strict, var copy = small, let wide, wide.sampleCoversWholeFile, !copy.sampleCoversWholeFile else { return small }
        copy.sampleCoversWholeFile = true
        return copy
    }

    var summary: String {
        if let error { return "error line \(error.line) col \(error.column): \(error.kind) \(error.message)" }
        return "\(schema?.columns.map { "\($0.name):\($0.type.rawValue)" } ?? []) rows \(rows.count) lines \(lines) offsets \(offsets)"
    }

    /// What differs from `other`: the schemas when they differ, else the first row whose
    /// fields differ, shown with escapes; nil when neither does.
    func firstDifferentRow(from other: FuzzReadResult) -> String? {
        if schema != other.schema {
            return "schema \(schema.map { String(describing: $0) } ?? "nil")\n  vs     \(other.schema.map { String(describing: $0) } ?? "nil")"
        }
        func show(_ row: [[UInt8]]) -> String {
            row.map { String(decoding: $0, as: UTF8.self).debugDescription }.joined(separator: ", ")
        }
        for i in 0..<min(rows.count, other.rows.count) where rows[i] != other.rows[i] {
            return "row \(i) (line \(lines[i])): [\(show(rows[i]))] vs [\(show(other.rows[i]))]"
        }
        return nil
    }
}

/// `inferSchema` and a scan of every column of the file at `path`.
func fuzzRead(_ path: String, tuning: DataReadTuning) -> (FuzzReadResult, [String]) {
    var result = FuzzReadResult()
    var failures: [String] = []
    do throws(DataError) {
        let schema = try TableReader.inferSchema(path: path, format: nil, tuning: tuning)
        result.schema = schema
        _ = schema.columns.first.map { schema.column(named: $0.name) }
        var sink = FuzzRowSink(schema: schema, columns: Array(schema.columns.indices))
        defer { (result.rows, result.lines, result.offsets) = (sink.rows, sink.lines, sink.offsets) }
        let summary = try TableReader.scan(schema, columns: Array(schema.columns.indices), part: nil, into: &sink, tuning: tuning)
        if summary.rows != sink.rows.count { failures.append("scan reported \(summary.rows) rows, the sink got \(sink.rows.count)") }
    } catch {
        result.error = error
        _ = error.description
    }
    return (result, failures)
}

/// What the readers made of one input.
struct FuzzCSVOutcome: Sendable {
    var mode: FuzzCSVMode
    /// 1 MiB buffer.
    var wide = FuzzReadResult()
    /// Small buffer.
    var narrow = FuzzReadResult()
    /// 64-byte buffer, 256-byte row limit.
    var tight = FuzzReadResult()
    /// Whether the two-part scan ran (CSV or TSV read without error, at least two rows).
    var splitScanned = false
    var failures: [String] = []
}

/// Writes `input` minus its mode byte to `pathBase`.<extension> and reads it four ways (see
/// Fuzz/FuzzCSV.swift). Failures: reads that differ, a two-part scan that differs from the whole.
func fuzzCSVReaders(_ input: [UInt8], pathBase: String, strict: Bool = false) -> FuzzCSVOutcome {
    let mode = FuzzCSVMode(byte: input.first ?? 0)
    var out = FuzzCSVOutcome(mode: mode)
    let content = input.dropFirst()
    let path = pathBase + "." + mode.fileExtension
    guard FileManager.default.createFile(atPath: path, contents: Data(content)) else {
        out.failures.append("cannot write \(path)")
        return out
    }
    defer { unlink(path) }
    var failures: [String]
    (out.wide, failures) = fuzzRead(path, tuning: mode.wide)
    out.failures += failures
    (out.narrow, failures) = fuzzRead(path, tuning: mode.narrow)
    out.failures += failures
    if !out.narrow.agrees(withWide: out.wide, strict: strict) {
        out.failures.append("chunk \(mode.narrow.chunkSize) read differs from chunk 1 MiB read\n  1 MiB: \(out.wide.summary)\n  \(mode.narrow.chunkSize): \(out.narrow.summary)"
            + (out.wide.firstDifferentRow(from: out.narrow).map { "\n  \($0)" } ?? ""))
    }
    (out.tight, failures) = fuzzRead(path, tuning: mode.tight)
    out.failures += failures
    if out.tight.succeeded && !out.tight.agrees(withWide: out.wide, strict: strict) {
        out.failures.append("256-byte row limit read succeeded with other rows\n  1 MiB: \(out.wide.summary)\n  tight: \(out.tight.summary)"
            + (out.wide.firstDifferentRow(from: out.tight).map { "\n  \($0)" } ?? ""))
    }
    let a = out.wide
    if a.succeeded, let schema = a.schema, schema.format == .csv || schema.format == .tsv, a.offsets.count >= 2 {
        out.splitScanned = true
        let middle = a.offsets.count / 2
        let cut = a.offsets[middle]
        let size = content.count
        let columns = Array(schema.columns.indices)
        var first = FuzzRowSink(schema: schema, columns: columns)
        var second = FuzzRowSink(schema: schema, columns: columns)
        do throws(DataError) {
            let s1 = try TableReader.scan(schema, columns: columns, part: ScanPart(byteRange: 0..<cut, firstLine: 1),
                                          into: &first, tuning: mode.wide)
            let s2 = try TableReader.scan(schema, columns: columns, part: ScanPart(byteRange: cut..<size, firstLine: a.lines[middle]),
                                          into: &second, tuning: mode.narrow)
            if s1.endOffset != cut { out.failures.append("part 1 ended at \(s1.endOffset), not at the row start \(cut)") }
            if s2.endOffset != size { out.failures.append("part 2 ended at \(s2.endOffset), not at the file's end \(size)") }
            if first.rows + second.rows != a.rows || first.lines + second.lines != a.lines || first.offsets + second.offsets != a.offsets {
                out.failures.append("a two-part scan at row \(middle) (offset \(cut)) gave other rows\n  whole: \(a.summary)\n  parts: lines \(first.lines + second.lines) offsets \(first.offsets + second.offsets)")
            }
        } catch {
            out.failures.append("a two-part scan at row \(middle) (offset \(cut)) failed where the whole scan succeeded: \(error)")
        }
    }
    return out
}

// MARK: - fuzz-xlsx: the workbook reader (ZIP, DEFLATE, SpreadsheetML)

/// How `fuzzXlsxReader` reads one input, from its first byte.
enum FuzzXlsxMode: Equatable, Sendable {
    /// The rest is a whole `.xlsx` file.
    case archive
    /// The rest is a raw DEFLATE stream.
    case deflate
    /// The rest is a sheet's XML, then a 0 byte and the shared strings' XML, wrapped into a
    /// valid workbook (stored entries, right CRCs) so mutations reach the XML readers.
    case parts

    init(byte: UInt8) {
        switch byte % 3 {
        case 0: self = .archive
        case 1: self = .deflate
        default: self = .parts
        }
    }
}

/// Reads one input as `FuzzXlsxMode` says. Failures: a scan whose row count differs from its
/// sink's, an inflate that produces more than its limit.
func fuzzXlsxReader(_ input: [UInt8], pathBase: String) -> [String] {
    let mode = FuzzXlsxMode(byte: input.first ?? 0)
    let content = Array(input.dropFirst())
    var failures: [String] = []
    switch mode {
    case .deflate:
        let limit = 1 << 22
        var served = false
        var inflater = Inflater(outputLimit: limit) { () throws(InflateError) -> [UInt8] in
            defer { served = true }
            return served ? [] : content
        }
        var produced = 0
        do throws(InflateOrConsumerError<Never>) {
            try inflater.run { (chunk: ArraySlice<UInt8>) throws(Never) in produced += chunk.count }
        } catch {
            _ = error
        }
        if produced > limit { failures.append("inflate produced \(produced) bytes, more than its limit \(limit)") }
        return failures
    case .archive, .parts:
        let bytes: [UInt8]
        if mode == .archive {
            bytes = content
        } else {
            let cut = content.firstIndex(of: 0) ?? content.count
            let sheet = Array(content[..<cut])
            let strings = cut < content.count ? Array(content[(cut + 1)...]) : []
            bytes = fuzzWorkbook(sheet: sheet, sharedStrings: strings)
        }
        let path = pathBase + ".xlsx"
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            return ["cannot write \(path)"]
        }
        defer { unlink(path) }
        let (_, readFailures) = fuzzRead(path, tuning: .default)
        return readFailures
    }
}

/// A minimal workbook around a sheet's and the shared strings' XML, as a ZIP of stored entries.
func fuzzWorkbook(sheet: [UInt8], sharedStrings: [UInt8]) -> [UInt8] {
    let parts: [(String, [UInt8])] = [
        ("_rels/.rels", Array("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """.utf8)),
        ("xl/workbook.xml", Array("""
            <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            <sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """.utf8)),
        ("xl/_rels/workbook.xml.rels", Array("""
            <Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """.utf8)),
        ("xl/styles.xml", Array("""
            <styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd-mm-yyyy"/></numFmts>\
            <cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>
            """.utf8)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", sharedStrings),
    ]
    func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
    var out: [UInt8] = []
    var directory: [UInt8] = []
    for (name, data) in parts {
        var crc = CRC32()
        crc.add(data[...])
        let offset = out.count
        let fields = le(20, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(Int(crc.value), 4) + le(data.count, 4) + le(data.count, 4)
            + le(name.utf8.count, 2) + le(0, 2)
        out += le(0x0403_4b50, 4) + fields + Array(name.utf8) + data
        directory += le(0x0201_4b50, 4) + le(20, 2) + fields + le(0, 2) + le(0, 2) + le(0, 2) + le(0, 4) + le(offset, 4) + Array(name.utf8)
    }
    let directoryOffset = out.count
    out += directory
    out += le(0x0605_4b50, 4) + le(0, 2) + le(0, 2) + le(parts.count, 2) + le(parts.count, 2)
        + le(directory.count, 4) + le(directoryOffset, 4) + le(0, 2)
    return out
}

// MARK: fuzz-lsp

/// One input of `fuzz-lsp`: the first byte chooses what the rest is. Even: a spec's text, opened
/// in the language server and asked for hover, completion and definition at the start, middle
/// and end of each of its first 24 lines, then for symbols, formatting and code lenses. Odd:
/// raw JSON-RPC message bodies, one per line, handled after `initialize`. The promises: every
/// reply is JSON-RPC 2.0, every request with an id is answered once with that id, and the
/// server still answers `shutdown` afterwards. Returns the broken ones.
func fuzzLanguageServer(_ input: [UInt8]) -> [String] {
    guard let mode = input.first else { return [] }
    var failures: [String] = []
    var server = LanguageServer()
    var nextID = 1
    func message(_ method: String, _ params: JSONValue, request: Bool = true) -> [UInt8] {
        var pairs: [(String, JSONValue)] = [("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]
        if request { pairs.append(("id", .integer(nextID))) }
        return Array(JSONValue.object(pairs).serialized(pretty: false).utf8)
    }
    func send(_ body: [UInt8], expecting id: Int?) {
        let replies = server.handle(body)
        for r in replies where r["jsonrpc"]?.stringValue != "2.0" {
            failures.append("a reply without jsonrpc 2.0: \(r.serialized(pretty: false).prefix(200))")
        }
        if let id {
            let answers = replies.filter { $0["id"]?.intValue == id }
            if answers.count != 1 { failures.append("request \(id) got \(answers.count) answers") }
        }
    }
    func request(_ method: String, _ params: JSONValue) {
        send(message(method, params), expecting: nextID)
        nextID += 1
    }
    request("initialize", .object([("capabilities", .object([]))]))
    let body = Array(input.dropFirst())
    if mode & 1 == 1 {
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(32) {
            send(Array(line), expecting: nil)
        }
    } else {
        let uri = "file:///goalspec-fuzz-lsp/fuzz.goal"
        let text = String(decoding: body, as: UTF8.self)
        let document = JSONValue.object([("uri", .string(uri))])
        send(message("textDocument/didOpen", .object([("textDocument", .object([("uri", .string(uri)), ("text", .string(text))]))]),
                     request: false), expecting: nil)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
        for (l, line) in lines.enumerated() {
            let width = line.utf16.count
            for c in Set([0, width / 2, width + 1]).sorted() {
                let at = JSONValue.object([("textDocument", document),
                                           ("position", .object([("line", .integer(l)), ("character", .integer(c))]))])
                for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] { request(method, at) }
            }
        }
        for method in ["textDocument/documentSymbol", "textDocument/formatting", "textDocument/codeLens"] {
            request(method, .object([("textDocument", document)]))
        }
    }
    let shutdownID = nextID
    let replies = server.handle(message("shutdown", .null))
    if !replies.contains(where: { $0["id"]?.intValue == shutdownID && $0["result"] == .null }) {
        failures.append("shutdown was not answered with a null result")
    }
    return failures
}
