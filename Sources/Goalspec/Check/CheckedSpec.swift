/// The checker's output: every name resolved, every expression typed, ready to plan.
///
/// Nothing here touches data; datasets are described by their schemas only. Row-level
/// expressions (`RowExpr`) are evaluated per row by an engine; target-level quantities
/// (`Quantity`) and conditions (`Condition`) are evaluated from aggregates.
public struct CheckedSpec: Sendable, Hashable {
    /// The datasets the targets read, by index.
    public var datasets: [DatasetBinding]
    /// The top-level targets and goals, in source order.
    public var items: [CheckedItem]
    /// The spec's title, if it has a `spec` declaration.
    public var title: String?
}

/// A dataset as declared, with its resolved path and inferred schema.
public struct DatasetBinding: Sendable, Hashable {
    public var name: String
    /// The path of the data file, resolved against the spec file's folder or rebound with `--data`.
    public var path: String
    public var schema: TableSchema
    /// Column indices of the declared roles.
    public var entity: Int?
    public var time: Int?
    public var weight: Int?
    /// Columns declared with `unit`: their type (Money or Duration) and the factor to kroner or days.
    public var units: [Int: UnitBinding] = [:]
    /// What a row (or a unit of weight) is, from `counts`: "citizens".
    public var noun: String? = nil
    /// The noun per report language, from `counts borgere in da`: `["da": "borgere"]`.
    public var nounInLanguage: [String: String] = [:]
    /// Where the dataset was declared.
    public var declaration: SourceRange
}

/// The unit of a column: Money in kroner or Duration in days, and the factor its values are scaled by.
public struct UnitBinding: Sendable, Hashable {
    public var type: GoalType
    public var scale: Exact
}

/// The type and scale of a unit word: `t.kr` is Money × 1000.
public func unitMeaning(_ word: String) -> UnitBinding? {
    switch word {
    case "kr": UnitBinding(type: .money, scale: 1)
    case "tkr", "t.kr": UnitBinding(type: .money, scale: 1000)
    case "mio. kr": UnitBinding(type: .money, scale: 1_000_000)
    case "mia. kr": UnitBinding(type: .money, scale: 1_000_000_000)
    case "days", "day": UnitBinding(type: .duration, scale: 1)
    default: nil
    }
}

/// A target or a goal in the checked tree.
public indirect enum CheckedItem: Sendable, Hashable {
    case target(CheckedTarget)
    case goal(CheckedGoal)
}

/// A goal with its rule and children.
public struct CheckedGoal: Sendable, Hashable {
    public var title: String
    public var rule: GoalRule
    public var children: [CheckedItem]
    public var range: SourceRange
}

/// The focus of a target: rows (or entities) whose column holds one of the values.
public struct Focus: Sendable, Hashable {
    public var column: Int
    public var columnName: String
    public var values: [String]
    /// Where each value is written.
    public var valueRanges: [SourceRange]
    public var range: SourceRange
}

/// A target ready to be planned and evaluated.
public struct CheckedTarget: Sendable, Hashable {
    public var id: String
    public var title: String?
    public var range: SourceRange
    public var dataset: Int
    public var focus: Focus?
    /// The `where` filter, a row-level Bool.
    public var filter: RowExpr?
    /// Where the `where` condition is written.
    public var filterRange: SourceRange?
    /// The period from `at`, if given.
    public var period: Period?
    /// Breakdown columns from `by`.
    public var breakdown: [Int]
    /// A met comparison whose margin is smaller than this (in the margin's unit) is "at risk".
    public var riskMargin: Exact?
    public var condition: Condition
    /// The condition as written.
    public var conditionText: String
}

/// A literal value from the spec, exact.
public enum LiteralValue: Sendable, Hashable {
    case number(Exact)
    case text(String)
    case bool(Bool)
    case period(Period)
}

/// A row-level expression: evaluated for each row of a dataset.
public indirect enum RowExpr: Sendable, Hashable {
    /// A column by index in the dataset's schema, with how its text is read.
    case column(Int, ColumnType)
    case literal(LiteralValue)
    case compare(BinaryOperator, RowExpr, RowExpr)
    case arithmetic(BinaryOperator, RowExpr, RowExpr)
    case negate(RowExpr)
    case and(RowExpr, RowExpr)
    case or(RowExpr, RowExpr)
    case not(RowExpr)
    case member(RowExpr, [LiteralValue])
    /// A Bool column used as a condition (0/1, true/false).
    case truth(RowExpr)

    /// Every column the expression reads.
    public var columns: Set<Int> {
        switch self {
        case .column(let i, _): [i]
        case .literal: []
        case .compare(_, let a, let b), .arithmetic(_, let a, let b), .and(let a, let b), .or(let a, let b):
            a.columns.union(b.columns)
        case .negate(let a), .not(let a), .truth(let a), .member(let a, _): a.columns
        }
    }
}

/// The kinds of measure over the rows in scope (LANGUAGE.md §4).
public enum MeasureKind: Sendable, Hashable {
    case share, count, sum, mean, median, min, max
    case percentile(Exact)

    /// The name as written in specs.
    public var name: String {
        switch self {
        case .share: "share"
        case .count: "count"
        case .sum: "sum"
        case .mean: "mean"
        case .median: "median"
        case .min: "min"
        case .max: "max"
        case .percentile: "percentile"
        }
    }
}

/// What a measure computes: its kind and its row-level argument (nil for `count()`).
public struct MeasureSpec: Sendable, Hashable {
    public var kind: MeasureKind
    public var argument: RowExpr?
    /// Whether the argument is a Bool predicate (share/count of rows where it holds) rather than a numeric value.
    public var argumentIsPredicate: Bool
    /// The type of the measure's value.
    public var type: GoalType
}

/// How peer-group values are combined.
public enum PeerAggregate: String, Sendable, Hashable {
    case avg, median, min, max
}

/// A named group of entities: `group 6byer = city in [...]`.
public struct GroupBinding: Sendable, Hashable {
    public var name: String
    public var column: Int
    public var columnName: String
    public var members: [String]
    /// Where each member is written.
    public var memberRanges: [SourceRange]
    public var range: SourceRange
}

/// A target-level quantity, computed from aggregates.
public indirect enum Quantity: Sendable, Hashable {
    /// A literal with its exact value, type and text as written.
    case literal(Exact, GoalType, text: String)
    /// A measure over the target's scope (focus, filter, period).
    case measure(MeasureSpec, label: String, range: SourceRange)
    /// A peer-group aggregate: the member quantity (whose measures are taken over one member's
    /// rows; it may hold time forms such as `change(M)`) computed once per member of the group,
    /// then combined without weights. `of` is the member quantity as written, or as implied by the
    /// other side of the comparison.
    case peer(PeerAggregate, Quantity, GroupBinding, label: String, of: String, range: SourceRange)
    /// The member quantity with its measures taken over all rows of the group's members together.
    case pooled(Quantity, GroupBinding, label: String, of: String, range: SourceRange)
    case arithmetic(BinaryOperator, Quantity, Quantity, GoalType)
    case negate(Quantity)
    /// A quantity at another period.
    case at(Quantity, PeriodSelector)
    /// `change(M)`: M minus M at previous.
    case change(Quantity, GoalType)
    /// `growth(M)`: M ÷ M at previous − 1.
    case growth(Quantity)
}

/// Which period a quantity is taken at, relative to the target's.
public enum PeriodSelector: Sendable, Hashable {
    case fixed(Period)
    case previous
    /// The `count` periods of a granularity ending at the one evaluated, taken together.
    case window(Int, Period.Granularity)
}

/// A target-level condition.
public indirect enum Condition: Sendable, Hashable {
    case compare(BinaryOperator, Quantity, Quantity, text: String, range: SourceRange)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case not(Condition)
    /// `atLeast R P`: the share of rows in scope where P holds, compared with R.
    case quantifier(Quantifier, ratio: Exact, ratioText: String, MeasureSpec, predicateText: String, range: SourceRange)
    /// `M rises`, `M falls` against the previous period; with `yearlyFrom`, every year over the one before from that year.
    case trend(Quantity, TrendDirection, yearlyFrom: Int?, label: String, range: SourceRange)
    /// A part that failed to check; never evaluated because the spec has errors.
    case invalid
}
