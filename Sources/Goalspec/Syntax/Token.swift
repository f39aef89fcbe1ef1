/// Reserved words: they end a multi-word name and cannot be names unless written in backticks.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case and, or, not, `in`, at, by, `for`, `where`, from
    case atLeast, atMost, all, none
    case rises, falls, yearly, previous, over, last
    case `true`, `false`
}

/// The kinds of token the lexer produces.
public enum TokenKind: Sendable, Hashable {
    /// One word of a (possibly multi-word) name: `reach`, `6byer`, `målgruppe`.
    case word(String)
    /// A name written in backticks: `` `by` ``.
    case quotedName(String)
    case keyword(Keyword)
    /// A plain number as written: `12`, `0.7`.
    case number(String)
    /// A number with `%`: the text of the number only.
    case percent(String)
    /// A number with `pp`: the text of the number only.
    case points(String)
    /// `7/10` written without spaces.
    case ratio(String, String)
    /// A period literal as written: `2024K3`, `2024Q3`, `2024M07`, `2024-07-01`.
    case period(String)
    /// A string literal's value, escapes resolved.
    case string(String)
    case leftParen, rightParen, leftBracket, rightBracket, comma
    case plus, minus, star, slash
    case assign, equal, notEqual, less, lessEqual, greater, greaterEqual
    case newline, indent, dedent, end

    /// How the token is named in messages: `'>='`, `newline`, `name 'reach'`.
    public var displayName: String {
        switch self {
        case .word(let w): "name '\(w)'"
        case .quotedName(let w): "name `\(w)`"
        case .keyword(let k): "'\(k.rawValue)'"
        case .number(let n): "number \(n)"
        case .percent(let n): "percentage \(n)%"
        case .points(let n): "\(n)pp"
        case .ratio(let a, let b): "ratio \(a)/\(b)"
        case .period(let p): "period \(p)"
        case .string: "string"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .comma: "','"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .assign: "'='"
        case .equal: "'=='"
        case .notEqual: "'!='"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .newline: "newline"
        case .indent: "indentation"
        case .dedent: "end of block"
        case .end: "end of file"
        }
    }
}

/// A token and the bytes it covers.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var range: SourceRange
    /// Whether white space (or a line start) separates this token from the previous one.
    public var spaceBefore: Bool
}
