/// The unit rules of LANGUAGE.md §5, and their messages.
extension Checker {
    /// The type of `lhs op rhs`, reporting a diagnostic and returning `.invalid` when the units do not combine.
    mutating func arithmeticType(_ op: BinaryOperator, _ a: GoalType, _ b: GoalType,
                                 lhs: Expr, rhs: Expr, range: SourceRange) -> GoalType {
        if a == .invalid || b == .invalid { return .invalid }
        // Share ± 1%: the confusion the source documents guard against with "1%-point".
        // (Share − Share is Points, but a literal percentage subtracted from a share is the same confusion.)
        if (op == .add || op == .subtract), a == .share, b == .share, case .percent(let n) = rhs.kind {
            report(.percentNotPoints, rhs.range,
                   "'\(op.rawValue) \(n)%' on a share is ambiguous: percentage points or a relative percent?",
                   have: "Share \(op.rawValue) Share", want: "Share \(op.rawValue) Points",
                   hint: "write '\(op.rawValue) \(n)pp' for \(n) percentage point\(n == "1" ? "" : "s"), or '* \(relativeFactor(n, op))' for \(n)% \(op == .add ? "more" : "less") than the value",
                   fixIts: [FixIt(replace: rhs.range, with: "\(n)pp")])
            return .invalid
        }
        if let t = Self.combine(op, a, b) { return t }
        if (op == .add || op == .subtract), a == .share, b == .number {
            var hint = "add percentage points to a share, as in + 1pp"
            if case .number(let n) = rhs.kind, let v = Exact(decimal: n) {
                if v >= .one {
                    hint = "write '\(op.rawValue) \(n)pp' for \(n) percentage point\(v == .one ? "" : "s")"
                } else {
                    let pp = (v * Exact(100)).exactDecimalString(maxFractionDigits: 6) ?? n
                    hint = "write '\(op.rawValue) \(pp)pp' if \(n) means \(pp) percentage point\(pp == "1" ? "" : "s")"
                }
            }
            report(.unitMismatch, range, "cannot \(op == .add ? "add" : "subtract") a plain number \(op == .add ? "to" : "from") a share",
                   have: "Share \(op.rawValue) Number", want: "Share \(op.rawValue) Points", hint: hint)
            return .invalid
        }
        let hint: String? = switch (op, a, b) {
        case (.add, .share, .share): "the difference of two shares is in percentage points (share - share); a share plus a share has no meaning"
        case (.add, .points, .share), (.subtract, .points, .share): "put the share first: share + 1pp"
        default: nil
        }
        report(.unitMismatch, range, "cannot \(verb(op)) \(a) and \(b)", have: "\(a) \(op.rawValue) \(b)",
               want: allowed(op), hint: hint)
        return .invalid
    }

    private func relativeFactor(_ n: String, _ op: BinaryOperator) -> String {
        guard let v = Exact(decimal: n), let f = v.divided(by: Exact(100)) else { return "1.01" }
        let factor = op == .add ? Exact.one + f : Exact.one - f
        return factor.exactDecimalString(maxFractionDigits: 8) ?? "1.01"
    }

    private func verb(_ op: BinaryOperator) -> String {
        switch op {
        case .add: "add"
        case .subtract: "subtract"
        case .multiply: "multiply"
        case .divide: "divide"
        default: "combine"
        }
    }

    private func allowed(_ op: BinaryOperator) -> String {
        switch op {
        case .add: "Share + Points, Points + Points, Count + Count, Number + Number, Money + Money"
        case .subtract: "Share - Points, Share - Share, Points - Points, Count - Count, Number - Number"
        case .multiply: "Number * any quantity"
        case .divide: "Count / Count (a Share), any quantity / Number, a quantity / the same quantity"
        default: ""
        }
    }

    /// The unit table: the result type of `a op b`, or nil when the combination is an error.
    static func combine(_ op: BinaryOperator, _ a: GoalType, _ b: GoalType) -> GoalType? {
        switch op {
        case .add, .subtract:
            switch (a, b) {
            case (.share, .points): return .share
            // The difference of two shares is percentage points; their sum means nothing.
            case (.share, .share): return op == .subtract ? .points : nil
            case (.points, .points): return .points
            case (.count, .count): return .count
            case (.number, .number): return .number
            case (.number, .count), (.count, .number): return .number
            case (.money, .money): return .money
            case (.duration, .duration): return .duration
            default: return nil
            }
        case .multiply:
            switch (a, b) {
            case (.number, let t) where t.isNumeric: return t == .count ? .number : t
            case (let t, .number) where t.isNumeric: return t == .count ? .number : t
            case (.share, .share): return .share
            case (.count, .share), (.share, .count): return .number
            default: return nil
            }
        case .divide:
            switch (a, b) {
            case (.count, .count): return .share
            case (let t, .number) where t.isNumeric: return t == .count ? .number : t
            case (.number, .count): return .number
            case (let x, let y) where x == y && x.isNumeric: return .number
            default: return nil
            }
        default:
            return nil
        }
    }

    mutating func reportComparisonMismatch(_ op: BinaryOperator, _ a: GoalType, _ b: GoalType,
                                           lhs: Expr, rhs: Expr, range: SourceRange) {
        var hint: String? = nil
        var fixIts: [FixIt] = []
        func literalNumber(_ e: Expr) -> String? {
            if case .number(let n) = e.kind { return n }
            return nil
        }
        if a == .share, b == .number, let n = literalNumber(rhs), let v = Exact(decimal: n) {
            hint = shareHint(v)
            if let pct = (v * Exact(100)).exactDecimalString(maxFractionDigits: 6) {
                fixIts.append(FixIt(replace: rhs.range, with: "\(pct)%"))
            }
        } else if a == .number, b == .share, let n = literalNumber(lhs), let v = Exact(decimal: n) {
            hint = shareHint(v)
        } else if (a == .money && b == .number) || (a == .number && b == .money) {
            hint = "amounts carry their unit: write kr, tkr, t.kr, mio. kr or mia. kr after the number"
        } else if (a == .duration && b == .number) || (a == .number && b == .duration) {
            hint = "durations carry their unit: write days after the number"
        } else if a == .points || b == .points {
            hint = "percentage points measure a difference of shares; compare a share with a share, or a change with points"
        } else if a == .count && b == .share || a == .share && b == .count {
            hint = "a count is a number of rows or individuals; compare a share (share(...)) with a percentage"
        } else if (a == .bool && b == .number && literalNumber(rhs) != nil) || (b == .bool && a == .number && literalNumber(lhs) != nil) {
            hint = "a true/false column compares only with 0 or 1 (or true and false); it can also stand alone as a condition"
        } else if a == .bool || b == .bool {
            hint = "a condition is true or false; compare a measure such as share(...) with a value"
        }
        report(.comparisonMismatch, range, "cannot compare \(a) with \(b)", have: "\(a) \(op.rawValue) \(b)",
               want: "the same type on both sides", hint: hint, fixIts: fixIts)
    }

    private func shareHint(_ v: Exact) -> String {
        let pct = (v * Exact(100)).exactDecimalString(maxFractionDigits: 6) ?? v.description
        if v >= .zero && v <= .one {
            var ratio = ""
            if let tenths = (v * Exact(10)).exactDecimalString(maxFractionDigits: 0) {
                ratio = " or \(tenths)/10"
            }
            return "a share is written as a percentage: \(pct)%\(ratio)"
        }
        if v > .one && v <= Exact(100), let n = v.exactDecimalString(maxFractionDigits: 6) {
            return "a share is written as a percentage: \(n)%"
        }
        return "a share is written as a percentage, as in 70%"
    }
}
