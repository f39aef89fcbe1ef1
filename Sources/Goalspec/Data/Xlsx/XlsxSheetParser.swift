// Turns a worksheet part's XML, fed in chunks, into rows of cell text. Each `<row>` becomes
// one `XlsxRow` with its non-empty cells; cell references (`r="B7"`) place cells, and cells or
// rows without them follow the one before, as the format allows.

/// Parses `<sheetData>` incrementally; see the file comment.
struct XlsxSheetParser {
    /// The largest column Excel has (XFD).
    static let maxColumns = 16_384

    private let workbook: XlsxWorkbook
    private var pending: [UInt8] = []

    private var row = XlsxRow(number: 0, cells: [])
    private var inRow = false
    private var cellColumn = -1
    private var cellType: [UInt8] = []
    private var cellStyle = 0
    private var value: [UInt8] = []
    private var hasValue = false
    private var hasFormula = false
    /// Inside `<v>` or an inline string's `<t>`, whose text is the cell's value.
    private var capturing = false
    private var inInlineString = false
    private var phoneticDepth = 0

    init(workbook: XlsxWorkbook) {
        self.workbook = workbook
    }

    /// Whether everything fed so far was whole tokens (false when the part ended inside a tag).
    var finishedCleanly: Bool {
        !pending.contains(UInt8(ascii: "<"))
    }

    mutating func feed(_ chunk: ArraySlice<UInt8>, _ consume: (XlsxRow) throws(XlsxRowStop) -> Void) throws(XlsxRowStop) {
        pending.append(contentsOf: chunk)
        var scanner = XMLScanner(bytes: pending)
        do {
            while let event = try scanner.next() {
                try handle(event, scanner, consume)
            }
        } catch let error as XlsxRowStop {
            throw error
        } catch {
            throw .failure(DataError(kind: .invalidWorkbook("malformed sheet XML"), path: workbook.path,
                                     line: row.number, message: "malformed sheet XML near row \(row.number)"))
        }
        pending.removeSubrange(0..<scanner.position)
    }

    private mutating func handle(_ event: XMLEvent, _ scanner: XMLScanner,
                                 _ consume: (XlsxRow) throws(XlsxRowStop) -> Void) throws {
        switch event {
        case .start(let name, let attributes, let selfClosing):
            if scanner.name(name, is: "row") {
                let number = scanner.attributeText("r", in: attributes).flatMap { Int($0) } ?? row.number + 1
                row = XlsxRow(number: max(number, row.number + 1), cells: [])
                inRow = !selfClosing
                cellColumn = -1
            } else if inRow && scanner.name(name, is: "c") {
                if let reference = scanner.attribute("r", in: attributes),
                   let column = XlsxSheetParser.column(of: scanner.bytes[reference]) {
                    cellColumn = column
                } else {
                    cellColumn += 1
                }
                cellType = scanner.attribute("t", in: attributes).map { Array(scanner.bytes[$0]) } ?? []
                cellStyle = scanner.attributeText("s", in: attributes).flatMap { Int($0) } ?? 0
                value.removeAll(keepingCapacity: true)
                hasValue = false
                hasFormula = false
                inInlineString = false
                if selfClosing { finishCell() }
            } else if inRow && scanner.name(name, is: "v") && !selfClosing {
                capturing = true
                hasValue = true
            } else if inRow && scanner.name(name, is: "f") {
                hasFormula = true
            } else if inRow && scanner.name(name, is: "is") && !selfClosing {
                inInlineString = true
                hasValue = true
            } else if inInlineString && scanner.name(name, is: "rPh") && !selfClosing {
                phoneticDepth += 1
            } else if inInlineString && scanner.name(name, is: "t") && !selfClosing {
                capturing = phoneticDepth == 0
            }
        case .end(let name):
            if scanner.name(name, is: "v") || scanner.name(name, is: "t") {
                capturing = false
            } else if scanner.name(name, is: "rPh") {
                phoneticDepth = max(0, phoneticDepth - 1)
            } else if scanner.name(name, is: "is") {
                inInlineString = false
            } else if inRow && scanner.name(name, is: "c") {
                finishCell()
            } else if scanner.name(name, is: "row") && inRow {
                inRow = false
                if !row.cells.isEmpty { try consume(row) }
            }
        case .text(let range):
            if capturing { value.append(contentsOf: scanner.unescape(range)) }
        case .cdata(let range):
            if capturing { value.append(contentsOf: scanner.bytes[range]) }
        }
    }

    private mutating func finishCell() {
        guard cellColumn >= 0, cellColumn < XlsxSheetParser.maxColumns else { return }
        if !hasValue {
            if hasFormula { row.cells.append(XlsxCell(column: cellColumn, text: [], isError: true)) }
            return
        }
        var text: [UInt8]
        var isError = false
        switch cellType {
        case Array("s".utf8):
            guard let index = Int(String(decoding: value, as: UTF8.self)), let shared = workbook.sharedString(index) else {
                text = value
                isError = true
                break
            }
            text = Array(shared)
        case Array("inlineStr".utf8), Array("str".utf8):
            text = XlsxCellText.decodeEscapes(value)
        case Array("b".utf8):
            text = value == [UInt8(ascii: "1")] ? Array("true".utf8) : value == [UInt8(ascii: "0")] ? Array("false".utf8) : value
        case Array("e".utf8):
            text = value
            isError = true
        case Array("d".utf8):
            text = value
            if text.count > 10, let t = text.firstIndex(of: UInt8(ascii: "T")), t == 10,
               text[(t + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: ".") }) {
                text.removeSubrange(t...)
            }
        default:
            switch workbook.numberStyle(cellStyle) {
            case .date:
                text = XlsxCellText.date(serial: value, date1904: workbook.date1904) ?? value
            case .percent:
                text = XlsxCellText.number(value, shift: 2).map { $0 + Array("%".utf8) } ?? value
            case .plain:
                text = XlsxCellText.number(value) ?? value
            }
        }
        if text.isEmpty && !isError { return }
        row.cells.append(XlsxCell(column: cellColumn, text: text, isError: isError))
    }

    /// The 0-based column of a cell reference such as `AB12`; nil when it has no letters.
    static func column<C: Collection>(of reference: C) -> Int? where C.Element == UInt8 {
        var column = 0
        var letters = 0
        for byte in reference {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// The letters of a 0-based column: 0 → `A`, 27 → `AB`.
    static func letters(ofColumn column: Int) -> String {
        var n = column + 1
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(Character(Unicode.Scalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(out)
    }
}
