/// The types of Goalspec values, with units (LANGUAGE.md §5).
public indirect enum GoalType: Sendable, Hashable, CustomStringConvertible {
    case bool, number, count, share, points, money, duration, text, period
    case list(GoalType)
    /// The type of a part that already has a diagnostic; it silences every rule it reaches.
    case invalid

    /// The name shown to users: `Share`, `Points`.
    public var description: String {
        switch self {
        case .bool: "Bool"
        case .number: "Number"
        case .count: "Count"
        case .share: "Share"
        case .points: "Points"
        case .money: "Money"
        case .duration: "Duration"
        case .text: "Text"
        case .period: "Period"
        case .list(let t): "List of \(t)"
        case .invalid: "invalid"
        }
    }

    /// Whether values of this type are quantities that can be compared by size.
    public var isOrdered: Bool {
        switch self {
        case .number, .count, .share, .points, .money, .duration, .period: true
        case .bool, .text, .list, .invalid: false
        }
    }

    /// Whether this is a numeric quantity (arithmetic applies).
    public var isNumeric: Bool {
        switch self {
        case .number, .count, .share, .points, .money, .duration: true
        case .bool, .text, .period, .list, .invalid: false
        }
    }
}

extension ColumnType {
    /// The Goalspec type of a value read from a column of this type.
    public var goalType: GoalType {
        switch self {
        case .bool: .bool
        case .integer, .decimal: .number
        case .percent: .share
        case .period: .period
        case .text: .text
        }
    }
}
