// A small XML tokenizer over bytes, enough for the parts of an xlsx workbook (SpreadsheetML):
// start and end tags with attributes, self-closing tags, text with the five named entities,
// numeric character references and CDATA, skipping comments, processing instructions and the
// doctype. Element and attribute names are compared by local name (`x:c` is `c`), since
// writers differ in namespace prefixes. It never builds a tree: callers react to one event at a
// time, and a streaming caller feeds bytes in chunks and keeps the unfinished tail.

/// One token of an XML document; byte ranges index the scanner's buffer.
enum XMLEvent: Equatable {
    /// `<name attributes>`; `selfClosing` for `<name/>`.
    case start(name: Range<Int>, attributes: Range<Int>, selfClosing: Bool)
    /// `</name>`.
    case end(name: Range<Int>)
    /// Character data between tags, still escaped (see ``XMLScanner/unescape(_:)``).
    case text(Range<Int>)
    /// A `<![CDATA[...]]>` section: its content, unescaped by definition.
    case cdata(Range<Int>)
}

/// Why XML could not be tokenized.
struct XMLError: Error, Equatable {
    var message: String
}

/// Tokenizes a buffer of XML; `next()` returns nil when the buffer holds no complete token more.
struct XMLScanner {
    let bytes: [UInt8]
    /// Where the next token starts; after `next()` returns nil, the start of the unfinished tail.
    private(set) var position: Int

    init(bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// The next complete token, nil when the rest of the buffer is incomplete (or empty).
    /// Text at the very end of the buffer is held back, since more of it may follow.
    mutating func next() throws(XMLError) -> XMLEvent? {
        let n = bytes.count
        while position < n {
            if bytes[position] != UInt8(ascii: "<") {
                guard let lt = find(UInt8(ascii: "<"), from: position) else { return nil }
                let range = position..<lt
                position = lt
                return .text(range)
            }
            guard position + 1 < n else { return nil }
            switch bytes[position + 1] {
            case UInt8(ascii: "?"):
                guard let end = find("?>", from: position + 2) else { return nil }
                position = end + 2
            case UInt8(ascii: "!"):
                if matches("<!--", at: position) {
                    guard let end = find("-->", from: position + 4) else { return nil }
                    position = end + 3
                } else if matches("<![CDATA[", at: position) {
                    guard let end = find("]]>", from: position + 9) else { return nil }
                    let range = (position + 9)..<end
                    position = end + 3
                    return .cdata(range)
                } else {
                    guard let end = find(UInt8(ascii: ">"), from: position + 2) else { return nil }
                    position = end + 1
                }
            case UInt8(ascii: "/"):
                guard let gt = find(UInt8(ascii: ">"), from: position + 2) else { return nil }
                var nameEnd = position + 2
                while nameEnd < gt && !isSpace(bytes[nameEnd]) { nameEnd += 1 }
                let name = localName((position + 2)..<nameEnd)
                position = gt + 1
                return .end(name: name)
            default:
                guard let gt = tagEnd(from: position + 1) else { return nil }
                var nameEnd = position + 1
                while nameEnd < gt && !isSpace(bytes[nameEnd]) && bytes[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
                guard nameEnd > position + 1 else { throw XMLError(message: "a tag without a name") }
                let selfClosing = bytes[gt - 1] == UInt8(ascii: "/")
                let attributes = nameEnd..<(selfClosing ? gt - 1 : gt)
                let name = localName((position + 1)..<nameEnd)
                position = gt + 1
                return .start(name: name, attributes: attributes, selfClosing: selfClosing)
            }
        }
        return nil
    }

    /// Whether the name at `range` is `name`.
    func name(_ range: Range<Int>, is name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let pointer = name.utf8Start
        for (i, at) in range.enumerated() where bytes[at] != pointer[i] { return false }
        return true
    }

    /// The raw (still escaped) value of the attribute whose local name is `name`, if present.
    func attribute(_ name: StaticString, in range: Range<Int>) -> Range<Int>? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end && isSpace(bytes[i]) { i += 1 }
            let nameStart = i
            while i < end && bytes[i] != UInt8(ascii: "=") && !isSpace(bytes[i]) { i += 1 }
            let attributeName = localName(nameStart..<i)
            while i < end && (isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "=")) { i += 1 }
            guard i < end else { return nil }
            let quote = bytes[i]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            let valueStart = i + 1
            i = valueStart
            while i < end && bytes[i] != quote { i += 1 }
            let value = valueStart..<min(i, end)
            i += 1
            if self.name(attributeName, is: name) { return value }
        }
        return nil
    }

    /// The attribute's value unescaped as a `String`, if present.
    func attributeText(_ name: StaticString, in range: Range<Int>) -> String? {
        attribute(name, in: range).map { String(decoding: unescape($0), as: UTF8.self) }
    }

    /// The bytes of `range` with entities and character references replaced; an unknown entity
    /// stays as written.
    func unescape(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "&"), let semicolon = find(UInt8(ascii: ";"), from: i + 1),
                  semicolon < range.upperBound, semicolon - i <= 10 else {
                out.append(byte)
                i += 1
                continue
            }
            let entity = Array(bytes[(i + 1)..<semicolon])
            if let replacement = XMLScanner.resolve(entity) {
                out.append(contentsOf: replacement)
                i = semicolon + 1
            } else {
                out.append(byte)
                i += 1
            }
        }
        return out
    }

    private static func resolve(_ entity: [UInt8]) -> [UInt8]? {
        switch entity {
        case Array("amp".utf8): return [UInt8(ascii: "&")]
        case Array("lt".utf8): return [UInt8(ascii: "<")]
        case Array("gt".utf8): return [UInt8(ascii: ">")]
        case Array("quot".utf8): return [UInt8(ascii: "\"")]
        case Array("apos".utf8): return [UInt8(ascii: "'")]
        default: break
        }
        guard entity.count >= 2, entity[0] == UInt8(ascii: "#") else { return nil }
        let hex = entity[1] == UInt8(ascii: "x") || entity[1] == UInt8(ascii: "X")
        var value: UInt32 = 0
        let digits = entity[(hex ? 2 : 1)...]
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        for d in digits {
            guard let digit = hexValue(d), hex || digit < 10 else { return nil }
            value = value * (hex ? 16 : 10) + UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return Array(String(Character(scalar)).utf8)
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    // MARK: Helpers

    private func localName(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        for i in range where bytes[i] == UInt8(ascii: ":") { start = i + 1 }
        return start..<range.upperBound
    }

    private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    private func find(_ text: StaticString, from start: Int) -> Int? {
        let count = text.utf8CodeUnitCount
        guard count > 0 else { return nil }
        var i = start
        while i + count <= bytes.count {
            if matches(text, at: i) { return i }
            i += 1
        }
        return nil
    }

    private func matches(_ text: StaticString, at i: Int) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let pointer = text.utf8Start
        for k in 0..<count where bytes[i + k] != pointer[k] { return false }
        return true
    }

    /// The `>` ending a start tag, skipping `>` inside quoted attribute values.
    private func tagEnd(from start: Int) -> Int? {
        var i = start
        var quote: UInt8 = 0
        while i < bytes.count {
            let b = bytes[i]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return i
            }
            i += 1
        }
        return nil
    }
}
