/// A spec file's text with the line table needed to turn offsets into line:column.
///
/// Offsets are UTF-8 byte offsets into `text`; columns are counted in `Character`s when a
/// location is rendered, so a caret under `"Århus"` lands under the right letter.
public struct SourceFile: Sendable, Hashable {
    /// The path as the user gave it (relative paths stay relative in messages).
    public let path: String
    /// The whole text, decoded as UTF-8.
    public let text: String
    /// The file's bytes as read (UTF-8 unless the lexer reports otherwise).
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Creates a source file from its path and text.
    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// Creates a source file from raw bytes; invalid UTF-8 is kept in `bytes` for the lexer to report
    /// and shown as U+FFFD in `text`.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.text = String(decoding: bytes, as: UTF8.self)
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// The 1-based line of a byte offset (without counting characters: cheap).
    public func line(of offset: Int) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The 1-based line and 1-based character column of a byte offset.
    public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let start = lineStarts[low]
        let column = String(decoding: bytes[start..<clamped], as: UTF8.self).count + 1
        return (low + 1, column)
    }

    /// The text of a 1-based line, without its line terminator.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The source text covered by a range.
    public func text(in range: SourceRange) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// A half-open range of UTF-8 byte offsets in one source file.
public struct SourceRange: Sendable, Hashable, Comparable {
    /// The index of the file in the `SourceSet` it belongs to.
    public var file: Int
    /// First byte of the range.
    public var lowerBound: Int
    /// One past the last byte of the range.
    public var upperBound: Int

    /// Creates a range in file `file` from `lowerBound` up to (not including) `upperBound`.
    public init(file: Int, _ lowerBound: Int, _ upperBound: Int) {
        self.file = file
        self.lowerBound = lowerBound
        self.upperBound = max(lowerBound, upperBound)
    }

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, min(lowerBound, other.lowerBound), max(upperBound, other.upperBound))
    }

    public static func < (a: SourceRange, b: SourceRange) -> Bool {
        (a.file, a.lowerBound, a.upperBound) < (b.file, b.lowerBound, b.upperBound)
    }
}

/// All source files of one run, addressed by the `file` index of a `SourceRange`.
public struct SourceSet: Sendable, Hashable {
    /// The files, in the order they were added.
    public private(set) var files: [SourceFile] = []

    /// Creates an empty set.
    public init() {}

    /// Adds a file and returns its index.
    public mutating func add(_ file: SourceFile) -> Int {
        files.append(file)
        return files.count - 1
    }

    /// The file with the given index, if any.
    public func file(_ index: Int) -> SourceFile? {
        files.indices.contains(index) ? files[index] : nil
    }
}
