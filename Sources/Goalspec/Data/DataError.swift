/// Why a data file could not be read, and where.
///
/// Locations are physical: `line` counts every newline byte from the start of the file
/// (newlines inside quoted CSV fields included), `column` counts `Character`s from the start
/// of that line, both 1-based. `line == 0` means the whole file; `column == 0` means unknown.
/// Messages are lower-case without a final period, in the style of Go's parsers:
/// "unterminated quoted field", "row has 5 fields, header has 6".
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, with the details a renderer or a test may match on.
    public enum Kind: Sendable, Hashable {
        /// The file does not exist.
        case fileNotFound
        /// The file exists but could not be opened or read; the payload is the system's reason.
        case unreadable(String)
        /// The file holds no data at all (not even a header).
        case emptyFile
        /// The file's extension names no supported format; the payload is the extension.
        case unsupportedFormat(String)
        /// A text encoding the readers do not take, named by the file's byte order mark
        /// (`UTF-16LE`, as Excel's "Unicode Text" export writes).
        case unsupportedEncoding(String)
        /// Bytes that are not UTF-8 where text was expected.
        case invalidUTF8
        /// A quoted CSV field that never closes.
        case unterminatedQuote
        /// Text other than a delimiter or line end after a closing quote; the payload is what
        /// followed the quote.
        case textAfterQuote(String)
        /// A carriage return that ends no line, outside quotes in the header: the file's lines
        /// end in CR alone (as classic Mac OS wrote them), which the reader does not take.
        case loneCarriageReturn
        /// A CSV row whose field count differs from the header's.
        case raggedRow(expected: Int, found: Int)
        /// One row (or JSON object) is larger than the reader's row limit, in bytes.
        case rowTooLong(limit: Int)
        /// Two columns whose names are equal ignoring case, spaces and underscores.
        case duplicateColumn(String)
        /// A header cell or JSON key that is empty.
        case emptyColumnName
        /// Malformed JSON; the payload says what was expected.
        case invalidJSON(String)
        /// A JSON object or array where a column value was expected; the payload is the key.
        case nestedJSONValue(String)
        /// A value that should be a number but is not (raised by consumers through
        /// ``RawRow/error(field:_:message:hint:)``).
        case notANumber(column: String, text: String)
        /// A value that does not fit the column's type (raised by consumers).
        case invalidValue(column: String, text: String, expected: ColumnType)
        /// A column index passed to ``TableReader/scan(_:columns:into:)`` that the schema does
        /// not have.
        case columnOutOfRange(Int)
        /// The file's header no longer matches the schema it is scanned with.
        case schemaMismatch
        /// An xlsx file that cannot be read as a workbook; the payload says why.
        case invalidWorkbook(String)
        /// A `sheet` the workbook does not have; the payload lists the sheets it has.
        case sheetNotFound(String, available: [String])
        /// A cell holding an Excel error value (`#DIV/0!`) where a value is needed.
        case excelError(column: String, text: String)
        /// A limit of the run's ``EvaluationBudget`` was exceeded while reading the file.
        case budgetExceeded(EvaluationBudget.Limit)
    }

    /// What went wrong.
    public var kind: Kind
    /// The data file, as the caller named it.
    public var path: String
    /// 1-based physical line, 0 for the whole file.
    public var line: Int
    /// 1-based column in `Character`s within `line`, 0 when unknown.
    public var column: Int
    /// Lower-case, one-line description of the problem.
    public var message: String
    /// A suggestion for fixing the file, if there is one.
    public var hint: String?
    /// The text of `line` (without its line end), when it was cheap to get and not too long,
    /// so a renderer can draw a caret under `column`.
    public var lineText: String?

    /// An error with every field given.
    public init(kind: Kind, path: String, line: Int = 0, column: Int = 0, message: String,
                hint: String? = nil, lineText: String? = nil) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.lineText = lineText
    }

    /// `path:line:column: message`, leaving out the parts that are 0.
    public var description: String {
        var s = path
        if line > 0 {
            s += ":\(line)"
            if column > 0 { s += ":\(column)" }
        }
        return s + ": " + message
    }
}
