// Tables from xlsx sheets: the first row with a value is the header, the rows below it are the
// data. Cells become text as `XlsxCellText` says, then go through the same type inference and
// decoding as CSV fields, with `.` as the decimal mark (the workbook stores numbers in one
// invariant form whatever the locale). Errors name the sheet and the cell (`Ark1`, `B7`).

enum XlsxTableReader {
    /// Data rows sampled for type inference.
    static let sampleRows = 2_000

    static func inferSchema(file: DataInputFile, sheet requested: String?) throws(DataError) -> TableSchema {
        let workbook = try XlsxWorkbook(file: file)
        let sheet = try pick(workbook, requested)
        var header: [String]?
        var sampler = ColumnSampler(columns: 0)
        var rows = 0
        var reachedEnd = true
        var feeder = RowFeeder(file: file, sheet: sheet.name)
        try workbook.rows(of: sheet) { (row: XlsxRow) throws(XlsxRowStop) in
            guard let names = header else {
                do throws(DataError) { header = try headerNames(row, sheet: sheet.name, path: file.path) } catch { throw .failure(error) }
                for _ in 0..<(header?.count ?? 0) { sampler.addColumn() }
                return
            }
            if rows == sampleRows { reachedEnd = false; throw .done }
            rows += 1
            do throws(DataError) {
                try feeder.feed(row, columns: Array(0..<names.count), into: &sampler, errorsAsEmpty: true)
            } catch { throw .failure(error) }
        }
        guard let names = header else {
            throw DataError(kind: .emptyFile, path: file.path, message: "sheet \"\(sheet.name)\" is empty",
                            hint: "the first row with values is read as the header naming the columns")
        }
        return TableSchema(path: file.path, format: .xlsx, dialect: nil, columns: sampler.schema(names: names, numbers: .plain),
                           sampledRows: rows, sampleCoversWholeFile: reachedEnd, sheet: sheet.name)
    }

    static func scan<Sink: RowSink>(file: DataInputFile, schema: TableSchema, columns: [Int],
                                    into sink: inout Sink) throws(DataError) -> ScanSummary {
        let workbook = try XlsxWorkbook(file: file)
        let sheet = try pick(workbook, schema.sheet)
        var sawHeader = false
        var rows = 0
        var lastLine = 1
        var feeder = RowFeeder(file: file, sheet: sheet.name)
        try workbook.rows(of: sheet) { (row: XlsxRow) throws(XlsxRowStop) in
            lastLine = row.number
            guard sawHeader else {
                sawHeader = true
                let names: [String]
                do throws(DataError) { names = try headerNames(row, sheet: sheet.name, path: file.path) } catch { throw .failure(error) }
                guard names == schema.columns.map(\.name) else {
                    throw .failure(DataError(kind: .schemaMismatch, path: file.path, line: row.number,
                                             message: "header no longer matches the schema read earlier",
                                             hint: "the file changed while it was being read; run again"))
                }
                return
            }
            rows += 1
            do throws(DataError) { try feeder.feed(row, columns: columns, into: &sink, errorsAsEmpty: false) } catch { throw .failure(error) }
        }
        return ScanSummary(rows: rows, endOffset: file.size, nextLine: lastLine + 1, reachedEnd: true)
    }

    /// The names of `sheet`, for error messages and `lint --explain-data`.
    static func sheetNames(path: String) throws(DataError) -> [String] {
        try XlsxWorkbook(file: try DataInputFile(path: path)).sheets.map(\.name)
    }

    private static func pick(_ workbook: XlsxWorkbook, _ requested: String?) throws(DataError) -> XlsxWorkbook.Sheet {
        if let sheet = workbook.sheet(named: requested) { return sheet }
        let names = workbook.sheets.map(\.name)
        let wanted = requested ?? ""
        var hint = "the workbook's sheets are " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        if let close = Suggestions.closest(to: wanted, among: names) { hint = "did you mean \"\(close)\"? " + hint }
        throw DataError(kind: .sheetNotFound(wanted, available: names), path: workbook.path,
                        message: "the workbook has no sheet \"\(wanted)\"", hint: hint)
    }

    private static func headerNames(_ row: XlsxRow, sheet: String, path: String) throws(DataError) -> [String] {
        // Cells name their own column (`r="B1"`), in any order a writer chose.
        let width = (row.cells.map(\.column).max() ?? -1) + 1
        var names = [String](repeating: "", count: max(0, width))
        var folded: [String: Int] = [:]
        for cell in row.cells where names.indices.contains(cell.column) {
            let name = String(decoding: cell.text, as: UTF8.self).trimmingSpaces
            names[cell.column] = name
        }
        for (column, name) in names.enumerated() {
            let reference = XlsxSheetParser.letters(ofColumn: column) + String(row.number)
            if name.isEmpty {
                throw DataError(kind: .emptyColumnName, path: path, line: row.number,
                                message: "sheet \"\(sheet)\", cell \(reference): column \(XlsxSheetParser.letters(ofColumn: column)) has an empty name",
                                hint: "give every column a name in the header row")
            }
            let key = TableSchema.foldedName(name)
            if let earlier = folded[key] {
                throw DataError(kind: .duplicateColumn(name), path: path, line: row.number,
                                message: "sheet \"\(sheet)\", cell \(reference): column \"\(name)\" appears twice (columns \(XlsxSheetParser.letters(ofColumn: earlier)) and \(XlsxSheetParser.letters(ofColumn: column)))",
                                hint: "column names must differ in more than case, spaces and underscores")
            }
            folded[key] = column
        }
        return names
    }
}

/// Hands sheet rows to a `RowSink` as `RawRow`s whose fields point into one reused buffer.
private struct RowFeeder {
    let file: DataInputFile
    let sheet: String
    private var storage: [UInt8] = []
    private var bounds: [Range<Int>] = []
    private var cellColumns: [Int] = []

    init(file: DataInputFile, sheet: String) {
        self.file = file
        self.sheet = sheet
    }

    /// Feeds `row`'s cells of `columns` (schema column indices); with `errorsAsEmpty`, Excel
    /// error values read as empty instead of failing (the sample only infers types).
    mutating func feed<Sink: RowSink>(_ row: XlsxRow, columns: [Int], into sink: inout Sink,
                                      errorsAsEmpty: Bool) throws(DataError) {
        storage.removeAll(keepingCapacity: true)
        bounds.removeAll(keepingCapacity: true)
        cellColumns.removeAll(keepingCapacity: true)
        var byColumn: [Int: Int] = [:]
        for (i, cell) in row.cells.enumerated() { byColumn[cell.column] = i }
        for column in columns {
            let start = storage.count
            cellColumns.append(column)
            if let i = byColumn[column] {
                let cell = row.cells[i]
                if cell.isError {
                    if !errorsAsEmpty {
                        let text = String(decoding: cell.text, as: UTF8.self)
                        let reference = XlsxSheetParser.letters(ofColumn: column) + String(row.number)
                        throw DataError(kind: .excelError(column: XlsxSheetParser.letters(ofColumn: column), text: text),
                                        path: file.path, line: row.number,
                                        message: text.isEmpty
                                            ? "sheet \"\(sheet)\", cell \(reference): holds a formula whose result the file does not hold"
                                            : "sheet \"\(sheet)\", cell \(reference): holds the Excel error \(text)",
                                        hint: text.isEmpty
                                            ? "the file was written by a program that does not compute formulas; open it in Excel or LibreOffice and save it again"
                                            : "fix the formula in Excel, or clear the cell to leave the value missing")
                    }
                } else {
                    storage.append(contentsOf: cell.text)
                }
            }
            bounds.append(start..<storage.count)
        }
        var raw = RawRow(count: columns.count, file: file)
        raw.sheetName = sheet
        raw.line = row.number
        raw.offset = 0
        var failure: DataError?
        storage.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            for i in 0..<columns.count {
                let range = bounds[i]
                raw.fields[i] = range.isEmpty || bytes.baseAddress == nil
                    ? UnsafeRawBufferPointer(start: nil, count: 0)
                    : UnsafeRawBufferPointer(rebasing: bytes[range])
                raw.positions[i] = cellColumns[i]
            }
            do throws(DataError) { try sink.consume(raw) } catch { failure = error }
        }
        if let failure { throw failure }
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
