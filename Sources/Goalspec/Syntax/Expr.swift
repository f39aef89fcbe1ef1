/// Identifies a syntax node; assigned by the parser in source order, unique within one parse.
public struct NodeID: Sendable, Hashable, Comparable {
    public let raw: UInt32
    public init(_ raw: UInt32) { self.raw = raw }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.raw < b.raw }
}

/// A name as the user wrote it: one or more words, or a name in backticks.
public struct Name: Sendable, Hashable, CustomStringConvertible {
    /// The words, in order (one element for a backtick name).
    public var words: [String]
    /// Whether it was written in backticks.
    public var quoted: Bool
    public var range: SourceRange

    /// The name with its words joined by single spaces.
    public var text: String { words.joined(separator: " ") }
    public var description: String { quoted ? "`\(text)`" : text }

    /// The key used to match names: lower-cased, with spaces and underscores treated alike.
    public var matchKey: String { Name.matchKey(text) }

    /// The matching key of any text: lower-cased, `_` and runs of spaces folded to one `_`.
    public static func matchKey(_ text: String) -> String {
        var out = ""
        var lastWasSeparator = false
        for ch in text.lowercased() {
            if ch == " " || ch == "_" {
                if !lastWasSeparator { out.append("_") }
                lastWasSeparator = true
            } else {
                out.append(ch)
                lastWasSeparator = false
            }
        }
        return out
    }
}

/// Binary operators, named as written.
public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or
    case `in`

    /// Whether this operator compares two values to a Bool.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        case .add, .subtract, .multiply, .divide, .and, .or, .in: false
        }
    }
}

/// Quantifiers over the rows in scope.
public enum Quantifier: String, Sendable, Hashable {
    case atLeast, atMost, all, none
}

/// Direction of a trend condition.
public enum TrendDirection: String, Sendable, Hashable {
    case rises, falls
}

/// What `at` refers to.
public enum PeriodReference: Sendable, Hashable {
    /// A literal period as written (`2024K3`, `2024`).
    case literal(String)
    /// `previous`: the latest period before the one evaluated.
    case previous
    /// `over last 4 quarters`: the periods of a rolling window ending at the one evaluated.
    case window(count: String, unit: String)
}

/// An expression node with its identity and source range.
public struct Expr: Sendable, Hashable {
    public let id: NodeID
    public let range: SourceRange
    public let kind: ExprKind

    public init(id: NodeID, range: SourceRange, kind: ExprKind) {
        self.id = id
        self.range = range
        self.kind = kind
    }
}

/// The shapes of expressions. Literals keep their text as written; the checker gives them values.
public indirect enum ExprKind: Sendable, Hashable {
    case number(String)
    case percent(String)
    case points(String)
    case ratio(String, String)
    case period(String)
    case string(String)
    case bool(Bool)
    /// A number followed by a unit word: `30 days`.
    case quantity(String, unit: Name)
    case list([Expr])
    case name(Name)
    /// A function call: `share(job)`, `avg(6byer)`.
    case call(Name, [Expr])
    case negate(Expr)
    case not(Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `atLeast 7/10 P`, `all P` (ratio nil for all/none).
    case quantifier(Quantifier, ratio: Expr?, Expr)
    /// `M at 2024K3`, `M at previous`.
    case at(Expr, PeriodReference, periodRange: SourceRange)
    /// `M rises`, `M falls yearly from 2021`.
    case trend(Expr, TrendDirection, yearlyFrom: String?)
    /// A part that could not be parsed; a diagnostic was reported for it.
    case invalid
}
