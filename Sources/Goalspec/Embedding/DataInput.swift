import Foundation

/// The bytes of a dataset given in memory, read instead of a file.
public struct DataContents: Sendable, Hashable {
    /// The text of the data, as a file would hold it.
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
}

/// A dataset given in memory to ``Runner/run(spec:named:data:options:)``: read exactly as a
/// file with the same text is (dialect, Danish numbers and column types detected).
public enum DataInput: Sendable {
    /// CSV text, read as a `.csv` file.
    case csv(String)
    /// JSON text (an array of objects), read as a `.json` file.
    case json(String)
    /// A header and rows of field texts, read as the delimited file holding them would be: each
    /// value is one field, so it may contain commas, quotes and newlines; `""` is a missing value.
    /// A row with another number of fields than `columns` is a malformed-data error at its line
    /// (line 1 is the header).
    case rows(columns: [String], rows: [[String]])

    /// How the text is read.
    var format: DataFormat {
        switch self {
        case .csv: .csv
        case .json: .json
        case .rows: .tsv
        }
    }

    /// The text, as a file with `format` would hold it.
    var contents: DataContents {
        switch self {
        case .csv(let text), .json(let text): return DataContents(bytes: Array(text.utf8))
        case .rows(let columns, let rows):
            var text = Self.line(columns)
            for row in rows { text += Self.line(row) }
            return DataContents(bytes: Array(text.utf8))
        }
    }

    /// One tab-separated line, each field quoted when it holds a tab, quote or line break.
    private static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "\t" || $0 == "\"" || $0.isNewline }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: "\t") + "\n"
    }
}
