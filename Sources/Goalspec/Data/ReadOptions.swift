/// What a spec's data block says about how to read a file, beyond what the reader detects.
public struct ReadOptions: Sendable, Hashable {
    /// The sheet of an xlsx workbook (default: the first).
    public var sheet: String?
    /// The character encoding of a CSV or TSV file (default: detected).
    public var encoding: TextEncoding?
    /// The decimal mark of a CSV file's numbers, `.` or `,` (default: decided from the values).
    public var decimalMark: UInt8?
    /// The thousands grouping of a CSV file's numbers (default: decided from the values).
    public var grouping: NumberFormat.Grouping?

    /// Options with each property given; nil leaves it to detection.
    public init(sheet: String? = nil, encoding: TextEncoding? = nil, decimalMark: UInt8? = nil,
                grouping: NumberFormat.Grouping? = nil) {
        self.sheet = sheet
        self.encoding = encoding
        self.decimalMark = decimalMark
        self.grouping = grouping
    }
}
