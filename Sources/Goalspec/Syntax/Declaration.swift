/// A whole parsed spec file: its declarations in order, plus comments for the formatter.
public struct SyntaxTree: Sendable, Hashable {
    /// Index of the file in the run's `SourceSet`.
    public var file: Int
    public var declarations: [Declaration]
    /// Every comment's range, in order.
    public var comments: [SourceRange]
}

/// A top-level or nested declaration.
public enum Declaration: Sendable, Hashable {
    case spec(SpecDeclaration)
    case `import`(ImportDeclaration)
    case data(DataDeclaration)
    case group(GroupDeclaration)
    case define(DefineDeclaration)
    case target(TargetDeclaration)
    case goal(GoalDeclaration)

    /// The source range of the whole declaration.
    public var range: SourceRange {
        switch self {
        case .spec(let d): d.range
        case .import(let d): d.range
        case .data(let d): d.range
        case .group(let d): d.range
        case .define(let d): d.range
        case .target(let d): d.range
        case .goal(let d): d.range
        }
    }
}

/// A string literal with its range.
public struct StringLiteral: Sendable, Hashable {
    public var value: String
    public var range: SourceRange
}

/// `spec "TITLE"` with indented metadata such as `source "..."`.
public struct SpecDeclaration: Sendable, Hashable {
    public var title: StringLiteral
    /// `key "value"` lines, in order.
    public var metadata: [(key: Name, value: StringLiteral)]
    public var range: SourceRange

    public static func == (a: SpecDeclaration, b: SpecDeclaration) -> Bool {
        a.title == b.title && a.range == b.range && a.metadata.elementsEqual(b.metadata) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into h: inout Hasher) {
        h.combine(title)
        h.combine(range)
        for m in metadata { h.combine(m.key); h.combine(m.value) }
    }
}

/// `import "FILE"`.
public struct ImportDeclaration: Sendable, Hashable {
    public var path: StringLiteral
    public var range: SourceRange
}

/// `data NAME from "PATH"` (or `from table "SCHEMA.TABLE" in CONNECTION`) with optional
/// `entity`, `time`, `weight` lines.
public struct DataDeclaration: Sendable, Hashable {
    public var name: Name
    /// The file's path, or with ``connection`` the table's name.
    public var path: StringLiteral
    /// `in CONNECTION`: the data are the table ``path`` on the connection of this name, whose
    /// URI the run is given (`--connection NAME=URI`).
    public var connection: Name? = nil
    public var entity: Name?
    public var time: Name?
    public var weight: Name?
    /// `unit COLUMN kr`: columns holding money or durations, with their unit word as written.
    public var units: [ColumnUnit] = []
    /// `counts citizens`: what a row (or a unit of weight) is, for explanations.
    public var counts: Name? = nil
    /// `counts borgere in da`: the noun in a report language, for reports in that language.
    public var countsInLanguages: [CountsInLanguage] = []
    /// `sheet "Ark1"`: the sheet of an xlsx workbook to read (default: the first).
    public var sheet: StringLiteral? = nil
    /// `decimal comma` / `decimal point`: the decimal mark of the file's numbers.
    public var decimal: Name? = nil
    /// `thousands point` / `comma` / `space` / `none`: how the file groups thousands.
    public var thousands: Name? = nil
    /// `encoding "windows-1252"`: the character encoding of a CSV or TSV file (default: detected).
    public var encoding: StringLiteral? = nil
    public var range: SourceRange
    /// The line after the name could not be parsed (already reported): uses of the name stay quiet.
    public var isBroken = false
}

/// A `unit COLUMN UNIT` line of a data block.
public struct ColumnUnit: Sendable, Hashable {
    public var column: Name
    /// `kr`, `tkr`, `t.kr`, `mio. kr`, `mia. kr` or `days`.
    public var unit: String
    public var unitRange: SourceRange
}

/// `group NAME = COLUMN in [VALUES]`.
public struct GroupDeclaration: Sendable, Hashable {
    public var name: Name
    public var column: Name
    public var members: [StringLiteral]
    public var range: SourceRange
    /// The line after the name could not be parsed (already reported): uses of the name stay quiet.
    public var isBroken = false
}

/// `define NAME = EXPR`.
public struct DefineDeclaration: Sendable, Hashable {
    public var name: Name
    public var body: Expr
    public var range: SourceRange
}

/// The focus filter of a target: `for COLUMN = VALUE` or `for COLUMN in [VALUES]`.
public struct FocusClause: Sendable, Hashable {
    public var column: Name
    public var values: [StringLiteral]
    public var range: SourceRange
}

/// `target ID "TITLE"` with its clauses and one condition.
public struct TargetDeclaration: Sendable, Hashable {
    public var id: Name
    public var title: StringLiteral?
    public var data: Name?
    public var focus: FocusClause?
    public var filter: Expr?
    /// `at PERIOD` as written, with its range.
    public var period: StringLiteral?
    public var breakdown: [Name]
    /// `at risk within 0.5pp`: met with a smaller margin is "at risk".
    public var riskMargin: Expr?
    public var condition: Expr?
    public var range: SourceRange
}

/// How a goal is met from its children.
public enum GoalRule: Sendable, Hashable {
    case all
    case atLeast(Int)
}

/// `goal "TITLE"` with nested goals and targets.
public struct GoalDeclaration: Sendable, Hashable {
    public var title: StringLiteral
    public var rule: GoalRule
    public var ruleRange: SourceRange?
    public var children: [Declaration]
    public var range: SourceRange
}

/// `counts borgere in da`: what a row counts, in one report language.
public struct CountsInLanguage: Sendable, Hashable {
    public var noun: Name
    /// The language code as written: `da`, `en`.
    public var language: Name

    /// The codes of the report languages (`--lang`), which `ReportLanguage` implements.
    public static let languages = ["en", "da"]
}
