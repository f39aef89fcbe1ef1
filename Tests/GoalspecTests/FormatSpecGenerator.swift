@testable import Goalspec

/// A small generator of syntactically valid, deliberately messy specs for the formatter's
/// property tests: random declarations and blocks (with random indentation widths), random
/// names (multi-word, starting with digits, Danish letters, backticks), expressions with every
/// operator, quantifiers, `at`, trends, calls, lists and money/duration literals, random spacing,
/// redundant parentheses, blank lines and comments — whole-line, trailing and inside brackets
/// that continue over several lines.
///
/// Compound sub-expressions are always parenthesized, so any tree shape can come out; the
/// formatter then has to decide which parentheses it needs.

/// SplitMix64: a small seeded generator, so every failure can be reproduced from its seed.
struct FormatSeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct FormatSpecGenerator {
    private var rng: FormatSeededRandom
    private var out = ""
    private var commentCount = 0
    /// Open `(` and `[` in the expression being written.
    private var brackets = 0
    /// Indentation of the line being written (continuation lines go deeper).
    private var lineIndent = 0

    init(seed: UInt64) { rng = FormatSeededRandom(seed: seed) }

    /// A whole spec file.
    static func spec(seed: UInt64) -> String {
        var g = FormatSpecGenerator(seed: seed)
        g.file()
        return g.out
    }

    // MARK: Random helpers

    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    private mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    private mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }

    /// Optional white space where tokens do not need it.
    private mutating func space() -> String { pick(["", "", " ", "  "]) }
    /// Required white space.
    private mutating func gap() -> String { pick([" ", " ", " ", "  ", "   "]) }

    private mutating func commentText() -> String {
        commentCount += 1
        let tail = pick(["", " note", " ÆØÅ æøå", " # hash inside", " `tick` \"quote\"", " trailing spaces   ", "\tt"])
        return "#" + pick(["", " "]) + "c\(commentCount)" + tail
    }

    // MARK: Lines

    private mutating func newline() {
        out += "\n"
        if chance(0.15) { out += String(repeating: " ", count: int(0...3)) + "\n" }
        if chance(0.15) {
            out += String(repeating: " ", count: int(0...8)) + commentText() + "\n"
            if chance(0.3) { out += "\n" }
        }
    }

    /// Ends a line of code, possibly with a trailing comment.
    private mutating func endLine() {
        if chance(0.2) { out += space() + commentText() }
        newline()
    }

    private mutating func startLine(_ indent: Int) {
        lineIndent = indent
        out += String(repeating: " ", count: indent)
    }

    // MARK: Declarations

    private mutating func file() {
        if chance(0.5) { out += commentText(); newline() }
        for _ in 0..<int(1...7) {
            declaration(indent: 0, insideGoal: false, depth: 0)
        }
    }

    private mutating func declaration(indent: Int, insideGoal: Bool, depth: Int) {
        let kind = insideGoal ? pick(["target", "target", "goal"]) : pick(["spec", "import", "data", "group", "define", "target", "target", "goal"])
        startLine(indent)
        let step = int(1...4)
        switch kind {
        case "spec":
            out += "spec" + gap() + string()
            endLine()
            for _ in 0..<int(0...2) {
                startLine(indent + step)
                out += name(allowBackticks: true) + gap() + string()
                endLine()
            }
        case "import":
            out += "import" + gap() + string()
            endLine()
        case "data":
            out += "data" + gap() + name(allowBackticks: true) + gap() + "from" + gap() + string()
            endLine()
            var lines = ["entity", "time", "weight"].filter { _ in chance(0.5) }
            for _ in 0..<int(0...2) { lines.append("unit") }
            for key in lines.shuffled(using: &rng) {
                startLine(indent + step)
                out += key + gap() + name(allowBackticks: true)
                if key == "unit" { out += gap() + pick(["kr", "kr.", "tkr", "t.kr", "t.kr.", "mio. kr", "mia.  kr", "days", "day"]) }
                endLine()
            }
        case "group":
            out += "group" + gap() + name(allowBackticks: true) + space() + "=" + space() + name(allowBackticks: true) + gap() + "in" + gap()
            out += stringList()
            endLine()
        case "define":
            out += "define" + gap() + name(allowBackticks: true) + space() + "=" + space() + expr(depth: 3)
            endLine()
        case "target":
            target(indent: indent, step: step)
        default:
            goal(indent: indent, step: step, depth: depth)
        }
    }

    private mutating func target(indent: Int, step: Int) {
        out += "target" + gap() + name(allowBackticks: true)
        if chance(0.6) { out += gap() + string() }
        endLine()
        var clauses = ["condition"]
        for c in ["data", "for", "where", "at", "by", "risk"] where chance(0.35) { clauses.append(c) }
        for clause in clauses.shuffled(using: &rng) {
            startLine(indent + step)
            switch clause {
            case "data":
                out += "data" + gap() + name(allowBackticks: true)
            case "for":
                out += "for" + gap() + name(allowBackticks: true)
                switch int(0...2) {
                case 0: out += space() + "=" + space() + string()
                case 1: out += space() + "==" + space() + string()
                default: out += gap() + "in" + gap() + stringList()
                }
            case "where":
                out += "where" + gap() + expr(depth: 3)
            case "at":
                out += "at" + gap() + pick(["2024K3", "2024", "2023q4", "2024M07", "2024-07-01"])
            case "by":
                out += "by" + gap() + (0..<int(1...3)).map { _ in name(allowBackticks: true) }.joined(separator: space() + "," + space())
            case "risk":
                out += "at" + gap() + "risk" + gap() + "within" + gap() + pick(["0.5pp", "1pp", "(0.25pp)", "2%", "x"])
            default:
                // A line starting with a keyword in another case (`ALL`) is read as a misspelt
                // keyword: such a condition is written in parentheses.
                var condition = expr(depth: 4)
                let first = condition.prefix { $0.isLetter || $0.isNumber || $0 == "_" }.lowercased()
                if Keyword.allCases.contains(where: { $0.rawValue.lowercased() == first }) { condition = "(" + condition + ")" }
                out += condition
            }
            endLine()
        }
    }

    private mutating func goal(indent: Int, step: Int, depth: Int) {
        out += "goal" + gap() + string()
        endLine()
        let children = depth >= 2 ? int(0...2) : int(0...3)
        let rulePosition = chance(0.5) ? int(0...children) : -1
        for i in 0...children {
            if i == rulePosition {
                startLine(indent + step)
                out += "met" + gap() + "when" + gap() + (chance(0.5) ? "all" : "atLeast" + gap() + "\(int(0...3))")
                endLine()
            }
            if i < children { declaration(indent: indent + step, insideGoal: true, depth: depth + 1) }
        }
    }

    // MARK: Names and literals

    private static let words = ["job", "reach", "goal", "målgruppe", "6byer", "x", "y_z", "Andel", "borgere", "team",
                                "år", "co2", "Øst", "alle", "i", "fællesskaber", "rate", "v2", "ALL", "Not", "atleast", "Data"]

    private mutating func name(allowBackticks: Bool) -> String {
        if allowBackticks && chance(0.1) {
            return "`" + pick(["by", "for", "at", "data", "a b", "not", "ø", "in", "7 days"]) + "`"
        }
        return (0..<int(1...3)).map { _ in pick(Self.words) }.joined(separator: gap())
    }

    private mutating func string() -> String {
        pick(["\"Aarhus\"", "\"\"", "\"a \\\"quoted\\\" word\"", "\"back\\\\slash\"", "\"two\\nlines\"", "\"tab\\there\"",
              "\"Æble — øl & å\"", "\"# not a comment\"", "\"data/x.csv\""])
    }

    private mutating func stringList() -> String {
        var s = "[" + space()
        brackets += 1
        for i in 0..<int(0...3) {
            if i > 0 { s += space() + "," + space() + lineBreak() }
            s += string()
        }
        brackets -= 1
        return s + space() + "]"
    }

    /// Inside brackets, sometimes continues on a deeper line, with a comment before the break or
    /// on a line of its own.
    private mutating func lineBreak() -> String {
        guard brackets > 0, chance(0.12) else { return "" }
        var s = chance(0.5) ? space() + commentText() : ""
        s += "\n"
        if chance(0.3) { s += String(repeating: " ", count: lineIndent + int(1...6)) + commentText() + "\n" }
        return s + String(repeating: " ", count: lineIndent + int(1...6))
    }

    private mutating func atom() -> String {
        switch int(0...15) {
        case 0: return pick(["12", "0.5", "1.0", "2024", "0", "100"])
        case 1: return pick(["70%", "86.2%", "0.50%"])
        case 2: return pick(["1.0pp", "0.5pp", "3pp"])
        case 3: return pick(["7/10", "1/2"])
        case 4: return pick(["2024K3", "2024Q3", "2024q3", "2024M07", "2024-07-01"])
        case 5: return string()
        case 6: return pick(["true", "false"])
        case 7: return pick(["30 days", "1 day", "2.5 mio. kr", "2.5 mio.  kr", "100 t.kr", "5 kr.", "3 tkr", "1 mia. kr"])
        case 8: return "(data" + gap() + pick(["quality", "x"]) + ")"
        case 9, 10, 11: return name(allowBackticks: true)
        default: return call()
        }
    }

    private mutating func call() -> String {
        let f = pick(["share", "count", "sum", "mean", "avg", "pooled", "percentile", "change", "growth", "max"])
        var s = f + space() + "(" + space()
        brackets += 1
        let n = f == "count" ? int(0...1) : f == "percentile" ? 2 : 1
        for i in 0..<n {
            if i > 0 { s += space() + "," + space() }
            s += lineBreak() + expr(depth: 2)
        }
        brackets -= 1
        return s + space() + ")"
    }

    /// `x` as an operand: a compound expression in parentheses, sometimes with more of them.
    private mutating func operand(_ depth: Int) -> String {
        let (text, compound) = exprAndKind(depth: depth)
        var s = compound ? paren(text) : text
        if chance(0.1) { s = paren(s) }
        return s
    }

    private mutating func paren(_ s: String) -> String {
        brackets += 1
        defer { brackets -= 1 }
        return "(" + space() + lineBreak() + s + space() + ")"
    }

    private mutating func expr(depth: Int) -> String {
        var s = exprAndKind(depth: depth).text
        if chance(0.1) { s = paren(s) }
        return s
    }

    private mutating func exprAndKind(depth: Int) -> (text: String, compound: Bool) {
        if depth <= 0 || chance(0.25) { return (atom(), false) }
        switch int(0...9) {
        case 0, 1, 2:
            let op = pick(["+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "and", "or", "in", "and", "or"])
            let l = operand(depth - 1)
            let r = op == "in" && chance(0.5) ? "[" + space() + atom() + space() + "," + space() + atom() + "]" : operand(depth - 1)
            let needsGap = ["-", "/", "and", "or", "in"].contains(op)
            return (l + (needsGap ? gap() : space()) + op + (needsGap ? gap() : space()) + r, true)
        case 3:
            return ("not" + gap() + operand(depth - 1), true)
        case 4:
            return ("-" + space() + operand(depth - 1), true)
        case 5:
            let q = pick(["atLeast", "atMost", "all", "none"])
            var s = q + gap()
            if q == "atLeast" || q == "atMost" {
                s += pick(["7/10", "70%", "20%", "(share goal)", "(7)", "(x)"]) + gap()
            }
            return (s + operand(depth - 1), true)
        case 6:
            return (operand(depth - 1) + gap() + "at" + gap() + pick(["2024K3", "previous", "2023", "2024q3"]), true)
        case 7:
            var s = operand(depth - 1) + gap() + pick(["rises", "falls"])
            if chance(0.4) { s += gap() + "yearly" + gap() + "from" + gap() + pick(["2015", "2021"]) }
            return (s, true)
        default:
            return (atom(), false)
        }
    }
}
