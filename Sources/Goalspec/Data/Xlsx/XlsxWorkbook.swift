// An xlsx workbook (ECMA-376 SpreadsheetML) opened for reading tables: the sheet list, the
// shared strings, the styles that mark date cells, and a row stream per sheet. The workbook
// holds the shared-strings table in memory; a sheet is streamed through the DEFLATE decoder
// and tokenized one chunk at a time, so memory beyond that table is one row and one chunk.

/// One cell of a sheet row, as text the data phase reads (see ``XlsxCellText``).
struct XlsxCell {
    /// 0-based column (A = 0).
    var column: Int
    var text: [UInt8]
    /// An Excel error value (`#DIV/0!`, `#N/A`, held in `text` as written), or a formula whose
    /// result the file does not hold (written by a library, never opened in a spreadsheet).
    var isError: Bool
}

/// One row of a sheet: its 1-based row number and its non-empty cells in column order.
struct XlsxRow {
    var number: Int
    var cells: [XlsxCell]
}

/// Why a row stream stopped early: the consumer asked to, or failed.
enum XlsxRowStop: Error {
    case done
    case failure(DataError)
}

/// A workbook's structure, read once when opened.
final class XlsxWorkbook {
    struct Sheet: Equatable {
        var name: String
        /// The worksheet part inside the archive, e.g. `xl/worksheets/sheet1.xml`.
        var part: String
    }

    /// The largest shared-strings or workbook part read whole, in bytes.
    static let partLimit = 512 << 20

    let path: String
    let archive: ZipArchive
    let sheets: [Sheet]
    let date1904: Bool
    /// How a cell style shows numbers, where that changes the text a cell is read as.
    enum NumberStyle { case plain, date, percent }

    /// How each cell style (an index into `cellXfs`) shows numbers.
    private let numberStyles: [NumberStyle]
    /// The shared strings, concatenated, with the start of each.
    private let stringBytes: [UInt8]
    private let stringStarts: [Int]

    init(file: DataInputFile) throws(DataError) {
        path = file.path
        do {
            archive = try ZipArchive(file: file)
        } catch .notAnArchive {
            throw DataError(kind: .invalidWorkbook("not a ZIP archive"), path: file.path,
                            message: "not an xlsx workbook: the file is not a ZIP archive",
                            hint: "save it from Excel as \"Excel-projektmappe (.xlsx)\"; .xls files are not read")
        } catch {
            throw XlsxWorkbook.failure(error, path: file.path)
        }
        let workbookPart = XlsxWorkbook.officeDocumentPart(archive) ?? "xl/workbook.xml"
        guard let workbookEntry = archive.entry(named: workbookPart) else {
            throw DataError(kind: .invalidWorkbook("no workbook part"), path: file.path,
                            message: "not an xlsx workbook: the archive has no \(workbookPart)",
                            hint: "is it a .docx or another ZIP file?")
        }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relations = XlsxWorkbook.relations(archive, of: workbookPart)
        let workbook = try XlsxWorkbook.readPart(archive, workbookEntry, path: file.path)
        var sheets: [Sheet] = []
        var date1904 = false
        var scanner = XMLScanner(bytes: workbook)
        do {
            while let event = try scanner.next() {
                guard case .start(let name, let attributes, _) = event else { continue }
                if scanner.name(name, is: "sheet"), let sheetName = scanner.attributeText("name", in: attributes),
                   let id = scanner.attributeText("id", in: attributes), let target = relations[id] {
                    sheets.append(Sheet(name: sheetName, part: XlsxWorkbook.resolve(target, in: folder)))
                } else if scanner.name(name, is: "workbookPr"), let value = scanner.attributeText("date1904", in: attributes) {
                    date1904 = value == "1" || value == "true"
                }
            }
        } catch {
            throw DataError(kind: .invalidWorkbook(error.message), path: file.path,
                            message: "malformed workbook part \(workbookPart): \(error.message)")
        }
        guard !sheets.isEmpty else {
            throw DataError(kind: .invalidWorkbook("no sheets"), path: file.path, message: "the workbook has no sheets")
        }
        self.sheets = sheets
        self.date1904 = date1904

        let stylesPart = relations.first { $0.key.hasPrefix("__type:styles") }.map { XlsxWorkbook.resolve($0.value, in: folder) }
            ?? "xl/styles.xml"
        if let entry = archive.entry(named: stylesPart) {
            numberStyles = XlsxWorkbook.numberStyles(try XlsxWorkbook.readPart(archive, entry, path: file.path))
        } else {
            numberStyles = []
        }
        let stringsPart = relations.first { $0.key.hasPrefix("__type:sharedStrings") }.map { XlsxWorkbook.resolve($0.value, in: folder) }
            ?? "xl/sharedStrings.xml"
        if let entry = archive.entry(named: stringsPart) {
            (stringBytes, stringStarts) = try XlsxWorkbook.sharedStrings(archive, entry, path: file.path)
        } else {
            (stringBytes, stringStarts) = ([], [0])
        }
    }

    /// The sheet called `name` (ignoring case), or the first sheet when `name` is nil.
    func sheet(named name: String?) -> Sheet? {
        guard let name else { return sheets.first }
        return sheets.first { $0.name == name } ?? sheets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// Streams the rows of `sheet` that have at least one cell, in order, until `consume`
    /// throws ``XlsxRowStop/done``.
    func rows(of sheet: Sheet, _ consume: (XlsxRow) throws(XlsxRowStop) -> Void) throws(DataError) {
        guard let entry = archive.entry(named: sheet.part) else {
            throw DataError(kind: .invalidWorkbook("missing sheet part"), path: path,
                            message: "sheet \"\(sheet.name)\" has no part \(sheet.part) in the workbook")
        }
        var parser = XlsxSheetParser(workbook: self)
        do {
            try archive.read(entry) { (chunk: ArraySlice<UInt8>) throws(XlsxRowStop) in
                try parser.feed(chunk, consume)
            }
        } catch {
            switch error {
            case .zip(let failure): throw XlsxWorkbook.failure(failure, path: path)
            case .consumer(.done): return
            case .consumer(.failure(let failure)): throw failure
            }
        }
        if !parser.finishedCleanly {
            throw DataError(kind: .invalidWorkbook("sheet ends inside a tag"), path: path,
                            message: "sheet \"\(sheet.name)\" ends inside a tag")
        }
    }

    // MARK: Cell values

    /// The text of shared string `index`, nil when there is no such string.
    func sharedString(_ index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index + 1 < stringStarts.count else { return nil }
        return stringBytes[stringStarts[index]..<stringStarts[index + 1]]
    }

    /// How cell style `index` shows numbers.
    func numberStyle(_ index: Int) -> NumberStyle {
        index >= 0 && index < numberStyles.count ? numberStyles[index] : .plain
    }

    // MARK: Parts

    static func failure(_ error: ZipError, path: String) -> DataError {
        let message: String
        switch error {
        case .notAnArchive: message = "the file is not a ZIP archive"
        case .malformed(let what): message = "malformed ZIP archive: \(what)"
        case .unsupportedMethod(let entry, let method): message = "\(entry) is compressed with method \(method), which is not read (only stored and deflated)"
        case .encrypted(let entry): message = "\(entry) is encrypted; remove the workbook's password"
        case .corrupt(let entry, let failure): message = "\(entry) is corrupt (\(failure))"
        case .checksumMismatch(let entry): message = "\(entry) fails its CRC-32 check: the file is damaged"
        }
        return DataError(kind: .invalidWorkbook(message), path: path, message: "cannot read the workbook: \(message)")
    }

    private static func readPart(_ archive: ZipArchive, _ entry: ZipEntry, path: String) throws(DataError) -> [UInt8] {
        do { return try archive.readAll(entry, limit: partLimit) } catch { throw failure(error, path: path) }
    }

    /// The workbook part named by the package's root relations.
    private static func officeDocumentPart(_ archive: ZipArchive) -> String? {
        relations(archive, of: "")
            .first { $0.key.hasPrefix("__type:officeDocument") }
            .map { resolve($0.value, in: "") }
    }

    /// Relationship ids to targets for a part (`""` for the package), plus `__type:KIND#id`
    /// keys for lookups by relationship type.
    private static func relations(_ archive: ZipArchive, of part: String) -> [String: String] {
        let components = part.split(separator: "/")
        let folder = components.dropLast().joined(separator: "/")
        let file = components.last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let entry = archive.entry(named: relsPath),
              let bytes = try? archive.readAll(entry, limit: partLimit) else { return [:] }
        var out: [String: String] = [:]
        var scanner = XMLScanner(bytes: bytes)
        while let event = try? scanner.next() {
            guard case .start(let name, let attributes, _) = event, scanner.name(name, is: "Relationship"),
                  let id = scanner.attributeText("Id", in: attributes),
                  let target = scanner.attributeText("Target", in: attributes) else { continue }
            out[id] = target
            if let type = scanner.attributeText("Type", in: attributes), let kind = type.split(separator: "/").last {
                out["__type:\(kind)#\(id)"] = target
            }
        }
        return out
    }

    /// A relationship target resolved against the folder of the part that names it.
    private static func resolve(_ target: String, in folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }

    /// For each `cellXfs` entry of styles.xml, how its number format shows numbers.
    private static func numberStyles(_ bytes: [UInt8]) -> [NumberStyle] {
        var custom: [Int: NumberStyle] = [:]
        var styles: [NumberStyle] = []
        var inCellXfs = false
        var scanner = XMLScanner(bytes: bytes)
        while let event = try? scanner.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                if scanner.name(name, is: "numFmt"), let id = scanner.attributeText("numFmtId", in: attributes).flatMap({ Int($0) }) {
                    let code = scanner.attributeText("formatCode", in: attributes) ?? ""
                    custom[id] = XlsxCellText.isDateFormat(code) ? .date : XlsxCellText.isPercentFormat(code) ? .percent : .plain
                } else if scanner.name(name, is: "cellXfs") && !selfClosing {
                    inCellXfs = true
                } else if inCellXfs && scanner.name(name, is: "xf") {
                    let id = scanner.attributeText("numFmtId", in: attributes).flatMap { Int($0) } ?? 0
                    styles.append(custom[id] ?? (XlsxCellText.isBuiltInDateFormat(id) ? .date : id == 9 || id == 10 ? .percent : .plain))
                }
            case .end(let name):
                if scanner.name(name, is: "cellXfs") { inCellXfs = false }
            default:
                continue
            }
        }
        return styles
    }

    /// The shared strings: each `<si>`'s text runs concatenated, phonetic runs left out.
    private static func sharedStrings(_ archive: ZipArchive, _ entry: ZipEntry,
                                      path: String) throws(DataError) -> ([UInt8], [Int]) {
        let bytes = try readPart(archive, entry, path: path)
        var text: [UInt8] = []
        var starts: [Int] = [0]
        var scanner = XMLScanner(bytes: bytes)
        var inText = false, phoneticDepth = 0, inItem = false
        var current: [UInt8] = []
        do {
            while let event = try scanner.next() {
                switch event {
                case .start(let name, _, let selfClosing):
                    if scanner.name(name, is: "si") {
                        current.removeAll(keepingCapacity: true)
                        inItem = true
                        if selfClosing { starts.append(text.count); inItem = false }
                    } else if scanner.name(name, is: "rPh") && !selfClosing {
                        phoneticDepth += 1
                    } else if scanner.name(name, is: "t") && !selfClosing {
                        inText = true
                    }
                case .end(let name):
                    if scanner.name(name, is: "si") && inItem {
                        text.append(contentsOf: XlsxCellText.decodeEscapes(current))
                        starts.append(text.count)
                        inItem = false
                    } else if scanner.name(name, is: "rPh") {
                        phoneticDepth = max(0, phoneticDepth - 1)
                    } else if scanner.name(name, is: "t") {
                        inText = false
                    }
                case .text(let range):
                    if inText && phoneticDepth == 0 && inItem { current.append(contentsOf: scanner.unescape(range)) }
                case .cdata(let range):
                    if inText && phoneticDepth == 0 && inItem { current.append(contentsOf: bytes[range]) }
                }
            }
        } catch {
            throw DataError(kind: .invalidWorkbook(error.message), path: path,
                            message: "malformed shared strings: \(error.message)")
        }
        return (text, starts)
    }
}
