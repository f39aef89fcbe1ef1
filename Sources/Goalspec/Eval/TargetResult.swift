/// The verdict of a target or goal.
public enum Verdict: String, Sendable, Hashable, Codable {
    case met
    /// Met, but with a margin smaller than the target's `at risk within`.
    case atRisk = "at risk"
    case notMet = "not met"
    case noData = "no data"
    /// Evaluation itself failed (for example an exact sum overflowed).
    case error
}

extension Verdict {
    /// Whether the verdict counts as met (for goals and exit status): met or at risk.
    public var isMet: Bool { self == .met || self == .atRisk }

    /// Whether the verdict lets `goalspec check` exit 0: met, or at risk unless `strict`.
    public func passes(strict: Bool) -> Bool { self == .met || (self == .atRisk && !strict) }
}

/// The result of a target or a goal.
public enum ItemResult: Sendable {
    case target(TargetResult)
    case goal(GoalResult)

    /// The item's verdict.
    public var verdict: Verdict {
        switch self {
        case .target(let t): t.verdict
        case .goal(let g): g.verdict
        }
    }
}

/// A goal's verdict from its children's.
public struct GoalResult: Sendable {
    public var title: String
    public var rule: GoalRule
    public var verdict: Verdict
    public var file: String
    public var line: Int
    public var children: [ItemResult]
    /// How many children are met.
    public var metChildren: Int
}

/// A target's verdict with its explanation.
public struct TargetResult: Sendable {
    public var id: String
    public var title: String?
    public var file: String
    public var line: Int
    /// The condition as written.
    public var condition: String
    public var verdict: Verdict
    /// The period evaluated.
    public var period: Period?
    /// The focus, as written (`city = "Aarhus"`).
    public var focus: String?
    public var explanation: Explanation
    /// One result per part when the target has `by`; empty otherwise.
    public var parts: [PartResult]
}

/// One part of a breakdown (`by dimension`).
public struct PartResult: Sendable {
    /// Column name and value of each breakdown column.
    public var key: [(column: String, value: String)]
    public var verdict: Verdict
    public var explanation: Explanation
}

/// Why a verdict is what it is: the figures behind it.
public struct Explanation: Sendable {
    /// Each measure with its value.
    public var measures: [MeasureFigure] = []
    /// Each comparison with threshold and margin.
    public var checks: [CheckFigure] = []
    /// Why there is no verdict (no data, error), when there is none; for a verdict, why it is at risk
    /// and which side of a target-level `and`/`or` had no data while the other side decided.
    public var reason: Reason?

    public init() {}
}

/// One measure's value over its scope.
public struct MeasureFigure: Sendable {
    /// The measure as written: `share(job)`, `avg(6byer)`.
    public var label: String
    public var type: GoalType
    public var period: Period?
    /// The exact value; nil when the scope had nothing to measure.
    public var value: Exact?
    /// Rows behind the value.
    public var rows: Int
    /// Σ weight behind the value, when the dataset has a weight column.
    public var individuals: Exact?
    /// For share and count of a condition: the rows (or Σ weight) where it holds.
    public var hits: Exact?
    /// For peer-group aggregates: each member's value.
    public var members: [MemberFigure]
    /// What `individuals` and `hits` count, for explanations: the data's `counts` noun
    /// (`citizens`), else the weight column's name (`persons`); nil when neither is given.
    public var weightName: String? = nil
    /// The name of the dataset's weight column (`persons`); nil when the data has no weight.
    public var weightColumn: String? = nil
    /// The data's `counts` noun (`citizens`): what a row, or a unit of weight, is; nil when not given.
    public var noun: String? = nil
    /// For measures of values (sum, mean, median, …): the rows that had a value (empty fields are missing).
    public var valueRows: Int? = nil
}

/// One member of a peer group with its value of the measure.
public struct MemberFigure: Sendable {
    public var name: String
    public var value: Exact?
    public var rows: Int
}

/// One comparison: the value, the requirement and the margin.
public struct CheckFigure: Sendable {
    /// The comparison as written.
    public var text: String
    public var op: BinaryOperator
    /// The left side's value.
    public var value: Exact?
    /// The right side's value: the requirement.
    public var threshold: Exact?
    /// The type of both sides.
    public var type: GoalType
    public var met: Bool?
    /// value − threshold, in the unit of `marginType` (percentage points for shares).
    public var margin: Exact?
    public var marginType: GoalType
    /// What it takes to meet the comparison, or how much room there is.
    public var whatItTakes: Advice?
    /// For `rises yearly`: the year whose rise (or fall) was the smallest, which the check shows.
    public var weakestYear: Int? = nil
}
