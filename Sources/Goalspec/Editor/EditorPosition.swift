/// A position as editors count it (LSP): a 0-based line and a 0-based column in UTF-16 code
/// units, so `æ` counts 1 and an emoji such as 🎯 counts 2.
public struct EditorPosition: Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    public static func < (a: EditorPosition, b: EditorPosition) -> Bool { (a.line, a.character) < (b.line, b.character) }
}

/// A half-open span between two editor positions.
public struct EditorRange: Sendable, Hashable {
    public var start: EditorPosition
    public var end: EditorPosition

    public init(start: EditorPosition, end: EditorPosition) {
        self.start = start
        self.end = end
    }
}

extension SourceFile {
    /// The editor position of a UTF-8 byte offset (clamped to the file).
    public func editorPosition(of offset: Int) -> EditorPosition {
        let clamped = max(0, min(offset, bytes.count))
        let line = self.line(of: clamped) - 1
        let start = lineStarts[line]
        let character = String(decoding: bytes[start..<clamped], as: UTF8.self).utf16.count
        return EditorPosition(line: line, character: character)
    }

    /// The editor range of a source range.
    public func editorRange(of range: SourceRange) -> EditorRange {
        EditorRange(start: editorPosition(of: range.lowerBound), end: editorPosition(of: range.upperBound))
    }

    /// The UTF-8 byte offset of an editor position: past the line's end it is the line's end, past
    /// the last line the file's end, and inside a character (half a surrogate pair) that character's start.
    public func offset(of position: EditorPosition) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line]
        var end = position.line + 1 < lineStarts.count ? lineStarts[position.line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var offset = start
        var units = 0
        let line = String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
        for scalar in line.unicodeScalars {
            let width = scalar.utf16.count
            guard units + width <= position.character else { break }
            units += width
            offset += scalar.utf8.count
        }
        return min(offset, max(start, end))
    }
}
