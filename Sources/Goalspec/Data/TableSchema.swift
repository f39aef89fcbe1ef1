/// The file formats Goalspec reads tables from.
///
/// `json` and `ndjson` name the usual layout, but both read either one: a file starting with
/// `[` is an array of objects, a file starting with `{` a stream of objects.
public enum DataFormat: String, Sendable, Hashable, CaseIterable {
    /// Delimited text; the delimiter (`,`, `;` or tab) is detected.
    case csv
    /// Tab-separated text.
    case tsv
    /// A JSON array of objects, one object per row.
    case json
    /// Newline-delimited JSON (JSON Lines): one object per line.
    case ndjson
    /// An Excel workbook (Office Open XML); one sheet is the table, its first row the header.
    case xlsx

    /// The format for a file extension, with or without the dot, ignoring case:
    /// `csv`, `tsv`, `json`, `ndjson`, `jsonl`, `xlsx` and `xlsm`; nil for anything else.
    public init?(pathExtension: String) {
        var ext = Substring(pathExtension)
        if ext.hasPrefix(".") { ext = ext.dropFirst() }
        switch ext.lowercased() {
        case "csv": self = .csv
        case "tsv": self = .tsv
        case "json": self = .json
        case "ndjson", "jsonl": self = .ndjson
        case "xlsx", "xlsm": self = .xlsx
        default: return nil
        }
    }

    /// The format for a file path, from the extension of its last component; nil when it has none
    /// or an unsupported one.
    public init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(pathExtension: String(name[name.index(after: dot)...]))
    }
}

/// One column of a table: its name as the file spells it, position and inferred type.
public struct ColumnSchema: Sendable, Hashable {
    /// The header cell or JSON key, without surrounding ASCII spaces.
    public var name: String
    /// 0-based position of the column in the file (CSV) or in order of first appearance (JSON).
    public var index: Int
    /// The column's type, inferred from the sample unless overridden.
    public var type: ColumnType
    /// The distinct non-empty values seen in the sample, in order of first appearance, at most
    /// ``ColumnSchema/distinctValueLimit`` of them (for did-you-mean on group values).
    public var sampleDistinctValues: [String]
    /// Whether the sample held more distinct values than `sampleDistinctValues` lists.
    public var sampleDistinctValuesTruncated: Bool

    /// How the column's numbers are written, for number and percent columns.
    public var numberFormat: NumberFormat = .plain
    /// Set when the sample leaves the column's numbers open to two readings (`1.234`); the
    /// checker reports it where the spec reads the column as numbers.
    public var numberAmbiguity: NumberAmbiguity? = nil

    /// Whether the sample held no non-empty value of this column, so its type is not evidence
    /// (the checker types it by the spec's use).
    public var isEmptyInSample: Bool { sampleDistinctValues.isEmpty && !sampleDistinctValuesTruncated }

    /// How many distinct values a column keeps from the sample.
    public static let distinctValueLimit = 200

    /// A column with every property given.
    public init(name: String, index: Int, type: ColumnType, sampleDistinctValues: [String] = [],
                sampleDistinctValuesTruncated: Bool = false) {
        self.name = name
        self.index = index
        self.type = type
        self.sampleDistinctValues = sampleDistinctValues
        self.sampleDistinctValuesTruncated = sampleDistinctValuesTruncated
    }
}

/// What the data phase knows about a table before reading its rows: format, dialect and columns.
///
/// Produced by ``TableReader/inferSchema(path:format:)`` from the header and a sample; consumed by
/// the checker (column names and types) and by ``TableReader/scan(_:columns:into:)``.
public struct TableSchema: Sendable, Hashable {
    /// The data file, as the caller named it.
    public var path: String
    /// How the file is read.
    public var format: DataFormat
    /// The delimited-text dialect; nil for JSON formats.
    public var dialect: CSVDialect?
    /// The columns, in file order (`columns[i].index == i`).
    public var columns: [ColumnSchema]
    /// How many data rows the sample held.
    public var sampledRows: Int
    /// Whether the sample was the whole file, so that `sampledRows` is the row count and
    /// `sampleDistinctValues` are all the values.
    public var sampleCoversWholeFile: Bool
    /// For a workbook: the sheet read.
    public var sheet: String?
    /// Set when the data are a database table, not a file (`PostgreSQL table "public"."x"`):
    /// the schema came from the table's own column types, and no file is read.
    public var tableSource: String? = nil
    /// The engine of a table: `postgresql`, `duckdb` or `spark`.
    public var tableEngine: String? = nil
    /// The table's name, for `goalspec sql` (a dataset bound to a table reads that table).
    public var tableName: SQLTableName? = nil
    /// Set when the data were given in memory (``Runner/run(spec:named:data:options:)``):
    /// the bytes read instead of a file at `path`, which then only names them.
    public var contents: DataContents? = nil

    /// A schema with every property given.
    public init(path: String, format: DataFormat, dialect: CSVDialect?, columns: [ColumnSchema],
                sampledRows: Int, sampleCoversWholeFile: Bool, sheet: String? = nil) {
        self.path = path
        self.sheet = sheet
        self.format = format
        self.dialect = dialect
        self.columns = columns
        self.sampledRows = sampledRows
        self.sampleCoversWholeFile = sampleCoversWholeFile
    }

    /// The byte between whole and fractional digits in this file's numbers (`.` for JSON).
    public var decimalSeparator: UInt8 { dialect?.decimalSeparator ?? UInt8(ascii: ".") }

    /// The column whose name matches `name` ignoring case and treating spaces and underscores
    /// alike (`"Age group"` finds `age_group`); nil when there is none.
    public func column(named name: String) -> ColumnSchema? {
        let key = TableSchema.foldedName(name)
        return columns.first { TableSchema.foldedName($0.name) == key }
    }

    /// A copy with column `index`'s type replaced; unchanged when there is no such column.
    public func withType(_ type: ColumnType, forColumn index: Int) -> TableSchema {
        var copy = self
        if copy.columns.indices.contains(index) { copy.columns[index].type = type }
        return copy
    }

    /// A copy with the type of the column matching `name` (as ``column(named:)`` matches)
    /// replaced; unchanged when there is no such column.
    public func withType(_ type: ColumnType, forColumn name: String) -> TableSchema {
        guard let column = column(named: name) else { return self }
        return withType(type, forColumn: column.index)
    }

    /// The form names are compared in: lower-cased, `_` read as a space.
    static func foldedName(_ name: String) -> String {
        String(name.lowercased().map { $0 == "_" ? " " : $0 })
    }
}
