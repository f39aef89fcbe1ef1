/// Turns a spec file's text into tokens, with indentation made explicit.
///
/// Guarantees to the parser: every byte of the file is covered by a token, a comment, white
/// space or a diagnostic; logical lines end in `.newline`; a deeper indentation opens with
/// `.indent` and each return to an outer level emits `.dedent`; inside `(` and `[` line ends
/// and indentation are ignored; the stream always ends with `.end`. The lexer never fails:
/// malformed text becomes a diagnostic and lexing goes on.
struct Lexer {
    /// The largest spec file accepted, in bytes.
    static let maxInputBytes = 8 << 20

    private let bytes: [UInt8]
    private let file: Int
    private var position = 0
    private var tokens: [Token] = []
    private var indentStack: [Int] = [0]
    private var bracketDepth = 0
    /// Indentation of the line on which the outermost open bracket was opened.
    private var bracketLineIndent = 0
    private var currentLineIndent = 0
    private var atLineStart = true
    private var spaceBefore = true
    private(set) var diagnostics: [Diagnostic] = []
    /// Comments, kept for the formatter.
    private(set) var comments: [SourceRange] = []

    init(bytes: [UInt8], file: Int) {
        self.bytes = bytes
        self.file = file
    }

    /// Lexes the whole input.
    static func tokenize(_ source: SourceFile, file: Int) -> (tokens: [Token], comments: [SourceRange], diagnostics: [Diagnostic]) {
        var lexer = Lexer(bytes: source.bytes, file: file)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics)
    }

    private func range(_ a: Int, _ b: Int) -> SourceRange { SourceRange(file: file, a, b) }

    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind: kind, range: range(start, end), spaceBefore: spaceBefore))
        spaceBefore = false
    }

    /// Past this many errors in one file the lexer stops recording them (it still lexes).
    static let maxErrors = 200

    private mutating func error(_ code: DiagnosticCode, _ start: Int, _ end: Int, _ message: String, hint: String? = nil) {
        guard diagnostics.count < Lexer.maxErrors else { return }
        diagnostics.append(Diagnostic(code, at: .source(range(start, end)), message, hint: hint))
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = position + offset
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func run() {
        if bytes.count > Lexer.maxInputBytes {
            error(.inputTooLarge, 0, 0, "spec file is \(bytes.count) bytes; the limit is \(Lexer.maxInputBytes)")
            emit(.end, 0, 0)
            return
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        while position < bytes.count {
            if atLineStart && bracketDepth == 0 {
                lexIndentation()
                continue
            }
            lexToken()
        }
        finishLine(at: bytes.count)
        for _ in indentStack.dropFirst() { emit(.dedent, bytes.count, bytes.count) }
        emit(.end, bytes.count, bytes.count)
    }

    /// Measures the indentation of a new line; blank and comment-only lines are skipped.
    private mutating func lexIndentation() {
        let lineStart = position
        var width = 0
        var sawTab = false
        while let b = peek(), b == 0x20 || b == 0x09 {
            if b == 0x09 { sawTab = true; width += 4 } else { width += 1 }
            position += 1
        }
        guard let b = peek() else { return }
        if b == 0x0A || b == 0x0D || b == UInt8(ascii: "#") {
            if b == UInt8(ascii: "#") { skipComment() }
            skipLineEnd()
            return
        }
        if sawTab {
            error(.tabIndentation, lineStart, position, "tab in indentation", hint: "indent with spaces; a tab's width is ambiguous")
        }
        atLineStart = false
        spaceBefore = true
        currentLineIndent = width
        let current = indentStack.last ?? 0
        if width > current {
            indentStack.append(width)
            emit(.indent, lineStart, position)
        } else if width < current {
            while let top = indentStack.last, top > width {
                indentStack.removeLast()
                emit(.dedent, position, position)
            }
            if (indentStack.last ?? 0) != width {
                error(.inconsistentIndentation, lineStart, position,
                      "indentation of \(width) spaces matches no enclosing block",
                      hint: "indent to the same column as the lines of the block this line belongs to")
                indentStack.append(width)
                emit(.indent, lineStart, position)
            }
        }
        spaceBefore = true
    }

    private mutating func skipComment() {
        let start = position
        while let b = peek(), b != 0x0A {
            if b == 0x0D && position + 1 < bytes.count && bytes[position + 1] == 0x0A {
                position += 1
            } else if b < 0x80 {
                if Unicode.Scalar(b).isHiddenControl { reportHiddenControl(Unicode.Scalar(b), at: position, length: 1, in: "comment") }
                position += 1
            } else {
                let (scalar, length) = decodeScalar(at: position)
                if let scalar, scalar.isHiddenControl { reportHiddenControl(scalar, at: position, length: length, in: "comment") }
                position += max(1, length)
            }
        }
        var end = position
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        comments.append(range(start, end))
    }

    private mutating func reportHiddenControl(_ scalar: Unicode.Scalar, at offset: Int, length: Int, in place: String) {
        let bidirectional = scalar.value >= 0x202A
        let what = bidirectional ? "bidirectional control character" : "control character"
        let hint = bidirectional
            ? "it makes the line display differently from its text; remove it"
            : place == "string" ? "write a tab as \\t and a line break as \\n; no other control character may appear in a spec"
            : "no control character other than tab may appear in a spec"
        error(.unexpectedCharacter, offset, offset + max(1, length), "\(what) \(scalar.codePointText) in \(place)", hint: hint)
    }

    private mutating func skipLineEnd() {
        if peek() == 0x0D { position += 1 }
        if peek() == 0x0A { position += 1 }
        atLineStart = true
    }

    private mutating func finishLine(at offset: Int) {
        if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
            emit(.newline, offset, offset)
        }
        atLineStart = true
    }

    private mutating func lexToken() {
        guard let b = peek() else { return }
        let start = position
        switch b {
        case 0x20, 0x09:
            position += 1
            spaceBefore = true
        case 0x0D, 0x0A:
            if bracketDepth > 0, nextLineIndent(after: position) <= bracketLineIndent {
                // A bracket left open: the next line starts no deeper than the bracket's own line,
                // so it is a new line of the spec, not a continuation. The parser reports the bracket.
                bracketDepth = 0
            }
            if bracketDepth == 0 {
                finishLine(at: position)
                skipLineEnd()
            } else {
                skipLineEnd()
                atLineStart = false
            }
            spaceBefore = true
        case UInt8(ascii: "#"):
            skipComment()
            spaceBefore = true
        case UInt8(ascii: "\""):
            lexString()
        case UInt8(ascii: "`"):
            lexBacktick()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumberOrWord()
        case UInt8(ascii: "("): position += 1; openBracket(); emit(.leftParen, start, position)
        case UInt8(ascii: ")"): position += 1; bracketDepth = max(0, bracketDepth - 1); emit(.rightParen, start, position)
        case UInt8(ascii: "["): position += 1; openBracket(); emit(.leftBracket, start, position)
        case UInt8(ascii: "]"): position += 1; bracketDepth = max(0, bracketDepth - 1); emit(.rightBracket, start, position)
        case UInt8(ascii: ","): position += 1; emit(.comma, start, position)
        case UInt8(ascii: "+"): position += 1; emit(.plus, start, position)
        case UInt8(ascii: "-"): position += 1; emit(.minus, start, position)
        case UInt8(ascii: "*"): position += 1; emit(.star, start, position)
        case UInt8(ascii: "/"): position += 1; emit(.slash, start, position)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { position += 2; emit(.equal, start, position) } else { position += 1; emit(.assign, start, position) }
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") {
                position += 2; emit(.notEqual, start, position)
            } else {
                position += 1
                error(.unexpectedCharacter, start, position, "unexpected character '!'", hint: "write 'not' for negation and '!=' for inequality")
            }
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "=") { position += 2; emit(.lessEqual, start, position) } else { position += 1; emit(.less, start, position) }
        case UInt8(ascii: ">"):
            if peek(1) == UInt8(ascii: "=") { position += 2; emit(.greaterEqual, start, position) } else { position += 1; emit(.greater, start, position) }
        default:
            let (scalar, length) = decodeScalar(at: position)
            if let scalar, isWordStart(scalar) {
                lexWord()
            } else {
                position += max(1, length)
                if let scalar {
                    let code = scalar.codePointText
                    let invisible = scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
                        || scalar.properties.generalCategory == .control || scalar == "\u{FFFD}"
                    let shown = invisible ? "\(code)\(scalar == "\u{A0}" ? " (no-break space)" : "")"
                        : scalar.isASCII ? "'\(Character(scalar))'" : "'\(Character(scalar))' (\(code))"
                    let hint: String? = switch scalar {
                    case "≥": "write '>='"
                    case "≤": "write '<='"
                    case "≠": "write '!='"
                    case "–", "—", "−": "write '-' for minus"
                    case "“", "”", "„": "write straight double quotes around text"
                    case "&": "write 'and'"
                    case "\u{A0}": "replace it with an ordinary space"
                    case "%": "'%' follows its number directly, as in 85%"
                    case ";": "conditions are joined with 'and' or 'or'"
                    case "|": "write 'or'"
                    default: nil
                    }
                    error(.unexpectedCharacter, start, position, "unexpected character \(shown)", hint: hint)
                } else {
                    error(.invalidEncoding, start, position, "invalid UTF-8 byte 0x\(String(bytes[start], radix: 16, uppercase: true))",
                          hint: "save the spec file as UTF-8")
                }
            }
        }
    }

    private mutating func openBracket() {
        if bracketDepth == 0 { bracketLineIndent = currentLineIndent }
        bracketDepth += 1
    }

    /// The indentation of the next line that is not blank or a comment, after the line end at `offset`;
    /// -1 at the end of the input.
    private func nextLineIndent(after offset: Int) -> Int {
        var i = offset
        while i < bytes.count {
            while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            i += 1
            var width = 0
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 {
                width += bytes[i] == 0x09 ? 4 : 1
                i += 1
            }
            guard i < bytes.count else { return -1 }
            let b = bytes[i]
            if b == 0x0A || b == 0x0D || b == UInt8(ascii: "#") { continue }
            return width
        }
        return -1
    }

    /// Decodes the scalar at `offset`; nil for invalid UTF-8, with the number of bytes to skip.
    private func decodeScalar(at offset: Int) -> (Unicode.Scalar?, Int) {
        guard offset < bytes.count else { return (nil, 0) }
        let b0 = bytes[offset]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        guard offset + length <= bytes.count else { return (nil, 1) }
        for i in 1..<length {
            let b = bytes[offset + i]
            guard b & 0xC0 == 0x80 else { return (nil, 1) }
            value = (value << 6) | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }

    private func isWordStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic
    }

    private func isWordContinue(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Advances over word characters from the current position.
    private mutating func skipWordCharacters() {
        while position < bytes.count {
            let (scalar, length) = decodeScalar(at: position)
            guard let scalar, isWordContinue(scalar) else { return }
            position += length
        }
    }

    private mutating func lexWord() {
        let start = position
        skipWordCharacters()
        var text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let unit = moneyUnit(after: text) {
            text = unit
        }
        if let keyword = Keyword(rawValue: text) {
            emit(.keyword(keyword), start, position)
        } else {
            emit(.word(text), start, position)
        }
    }

    /// Danish money scale words written with dots and spaces, read as one word: `t.kr`, `mio. kr`,
    /// `mia. kr`, and `kr.`/`tkr.` with a final dot. Advances past them and returns the canonical word.
    private mutating func moneyUnit(after word: String) -> String? {
        func matches(_ s: String, at offset: Int) -> Bool {
            let u = Array(s.utf8)
            guard offset + u.count <= bytes.count else { return false }
            return Array(bytes[offset..<(offset + u.count)]) == u && !followedByWordCharacter(offset + u.count)
        }
        switch word {
        case "kr", "tkr":
            if peek() == UInt8(ascii: "."), !followedByWordCharacter(position + 1) { position += 1 }
            return word
        case "t":
            guard matches(".kr", at: position) else { return nil }
            position += 3
            if peek() == UInt8(ascii: "."), !followedByWordCharacter(position + 1) { position += 1 }
            return "t.kr"
        case "mio", "mia":
            guard peek() == UInt8(ascii: ".") else { return nil }
            var i = position + 1
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            guard matches("kr", at: i) else { return nil }
            position = i + 2
            if peek() == UInt8(ascii: "."), !followedByWordCharacter(position + 1) { position += 1 }
            return "\(word). kr"
        default:
            return nil
        }
    }

    private func isDigit(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    private func followedByWordCharacter(_ offset: Int) -> Bool {
        let (scalar, _) = decodeScalar(at: offset)
        guard let scalar else { return false }
        return isWordContinue(scalar)
    }

    private mutating func lexNumberOrWord() {
        let start = position
        while isDigit(peek()) { position += 1 }
        let integerEnd = position
        // Period literals: 2024H1, 2024K3, 2024Q3, 2024M07, 2024-07-01.
        if integerEnd - start == 4 {
            if let p = periodLength(at: integerEnd), !followedByWordCharacter(integerEnd + p) {
                position = integerEnd + p
                emit(.period(String(decoding: bytes[start..<position], as: UTF8.self)), start, position)
                return
            }
        }
        var hasFraction = false
        if peek() == UInt8(ascii: ","), isDigit(peek(1)), bracketDepth == 0 {
            // `1,5pp`: a decimal comma, as Danish writes numbers.
            let comma = position
            position += 1
            while isDigit(peek()) { position += 1 }
            let whole = String(decoding: bytes[start..<comma], as: UTF8.self)
            let fraction = String(decoding: bytes[(comma + 1)..<position], as: UTF8.self)
            var unit = ""
            if peek() == UInt8(ascii: "%") { unit = "%" } else if peek() == UInt8(ascii: "p"), peek(1) == UInt8(ascii: "p") { unit = "pp" }
            position += unit.utf8.count
            error(.invalidNumber, start, position, "decimal comma in '\(whole),\(fraction)\(unit)'",
                  hint: "specs write decimals with a point: \(whole).\(fraction)\(unit)")
            let text = "\(whole).\(fraction)"
            emit(unit == "%" ? .percent(text) : unit == "pp" ? .points(text) : .number(text), start, position)
            return
        }
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            hasFraction = true
            position += 1
            while isDigit(peek()) { position += 1 }
        }
        let numberText = String(decoding: bytes[start..<position], as: UTF8.self)
        if peek() == UInt8(ascii: "%") {
            position += 1
            emit(.percent(numberText), start, position)
            return
        }
        if peek() == UInt8(ascii: "p"), peek(1) == UInt8(ascii: "p"), !followedByWordCharacter(position + 2) {
            position += 2
            emit(.points(numberText), start, position)
            return
        }
        if !hasFraction, peek() == UInt8(ascii: "/"), isDigit(peek(1)) {
            let slash = position
            position += 1
            while isDigit(peek()) { position += 1 }
            if !followedByWordCharacter(position) {
                let denominator = String(decoding: bytes[(slash + 1)..<position], as: UTF8.self)
                emit(.ratio(numberText, denominator), start, position)
                return
            }
            position = slash
        }
        if followedByWordCharacter(position) {
            if hasFraction {
                skipWordCharacters()
                error(.invalidNumber, start, position, "invalid number '\(String(decoding: bytes[start..<position], as: UTF8.self))'",
                      hint: "units are written 'pp' and '%'; a name cannot contain '.'")
                emit(.number(numberText), start, position)
                return
            }
            skipWordCharacters()
            emit(.word(String(decoding: bytes[start..<position], as: UTF8.self)), start, position)
            return
        }
        emit(.number(numberText), start, position)
    }

    /// The length of a period suffix after four digits at `offset`, if one is there.
    private func periodLength(at offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        let b = bytes[offset]
        func digitsFrom(_ i: Int) -> Int {
            var n = 0
            while i + n < bytes.count, isDigit(bytes[i + n]) { n += 1 }
            return n
        }
        switch b {
        case UInt8(ascii: "K"), UInt8(ascii: "Q"), UInt8(ascii: "k"), UInt8(ascii: "q"),
             UInt8(ascii: "H"), UInt8(ascii: "h"):
            let n = digitsFrom(offset + 1)
            return n >= 1 ? 1 + n : nil
        case UInt8(ascii: "M"), UInt8(ascii: "m"):
            let n = digitsFrom(offset + 1)
            return n >= 1 ? 1 + n : nil
        case UInt8(ascii: "-"):
            let m = digitsFrom(offset + 1)
            guard m == 2, offset + 3 < bytes.count, bytes[offset + 3] == UInt8(ascii: "-") else { return nil }
            let d = digitsFrom(offset + 4)
            return d == 2 ? 6 : nil
        default:
            return nil
        }
    }

    private mutating func lexString() {
        let start = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                emit(.string(String(decoding: value, as: UTF8.self)), start, position)
                return
            }
            if b == 0x0A || b == 0x0D { break }
            if b == UInt8(ascii: "\\"), position + 1 < bytes.count {
                let e = bytes[position + 1]
                switch e {
                case UInt8(ascii: "\""): value.append(e)
                case UInt8(ascii: "\\"): value.append(e)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                default:
                    error(.invalidEscape, position, position + 2, "unknown escape '\\\(Character(Unicode.Scalar(e)))' in string",
                          hint: "the escapes are \\\" \\\\ \\n and \\t")
                    value.append(e)
                }
                position += 2
                continue
            }
            if b >= 0x80 {
                let (scalar, length) = decodeScalar(at: position)
                guard let scalar else {
                    error(.invalidEncoding, position, position + 1, "invalid UTF-8 byte 0x\(String(b, radix: 16, uppercase: true)) in string",
                          hint: "save the spec file as UTF-8")
                    position += 1
                    continue
                }
                if scalar.isHiddenControl { reportHiddenControl(scalar, at: position, length: length, in: "string") }
                value.append(contentsOf: bytes[position..<(position + length)])
                position += length
                continue
            }
            if Unicode.Scalar(b).isHiddenControl { reportHiddenControl(Unicode.Scalar(b), at: position, length: 1, in: "string") }
            value.append(b)
            position += 1
        }
        error(.unterminatedString, start, position, "unterminated string", hint: "close the string with '\"' on the same line")
        emit(.string(String(decoding: value, as: UTF8.self)), start, position)
    }

    private mutating func lexBacktick() {
        let start = position
        position += 1
        let nameStart = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "`"), bytes[position] != 0x0A {
            position += 1
        }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        if position < bytes.count, bytes[position] == UInt8(ascii: "`") {
            position += 1
            if name.isEmpty {
                error(.unterminatedBacktick, start, position, "empty name in backticks")
            }
        } else {
            error(.unterminatedBacktick, start, position, "unterminated name in backticks", hint: "close the name with '`'")
        }
        emit(.quotedName(name), start, position)
    }
}
