/// What an editor shows when the pointer rests on a spot of a spec: the type and unit of an
/// expression, a measure's value on the data, a column's type and values, a group's members.
public struct EditorHover: Sendable, Hashable {
    /// Markdown text.
    public var markdown: String
    /// The span the text is about.
    public var range: SourceRange

    /// The hover at a byte offset of the document; `verdicts` is the latest evaluated analysis of
    /// the same document (its figures are matched by target id and measure text).
    public static func at(_ offset: Int, in analysis: DocumentAnalysis, verdicts: DocumentAnalysis?) -> EditorHover? {
        guard let lookup = analysis.lookup, let source = analysis.source else { return nil }
        let expression = lookup.expression(at: offset)
        if let occurrence = lookup.name(at: offset) {
            let key = occurrence.name.matchKey
            let range = occurrence.name.range
            switch occurrence.role {
            case .function:
                if let (e, target) = expression, case .call = e.kind {
                    return EditorHover(markdown: measure(e, target: target, analysis, verdicts, source), range: e.range)
                }
            case .declaresGroup:
                if let g = analysis.group(key) { return EditorHover(markdown: group(g, analysis), range: range) }
            case .declaresDefine:
                if let d = analysis.define(key) { return EditorHover(markdown: define(d, analysis), range: range) }
            case .declaresData, .dataset:
                if let d = analysis.dataset(named: key) { return EditorHover(markdown: dataset(d), range: range) }
            case .declaresTarget:
                if let t = occurrence.target {
                    return EditorHover(markdown: target(t, verdicts ?? analysis), range: range)
                }
            case .column:
                if let (c, d) = analysis.column(key, for: occurrence.target) {
                    return EditorHover(markdown: column(c, d, analysis), range: range)
                }
            case .expression:
                if let d = analysis.define(key) { return EditorHover(markdown: define(d, analysis), range: range) }
                if let g = analysis.group(key) { return EditorHover(markdown: group(g, analysis), range: range) }
                if let (c, d) = analysis.column(key, for: occurrence.target ?? expression?.target) {
                    return EditorHover(markdown: column(c, d, analysis), range: range)
                }
            }
        }
        guard let (e, target) = expression else { return nil }
        if case .call = e.kind { return EditorHover(markdown: measure(e, target: target, analysis, verdicts, source), range: e.range) }
        if case .quantifier = e.kind {
            // `atLeast 7/10 P` measures the share of rows where P holds: show that figure.
            return EditorHover(markdown: measure(e, target: target, analysis, verdicts, source, everyFigure: true), range: e.range)
        }
        guard let type = analysis.types[e.range] else { return nil }
        return EditorHover(markdown: "`\(source.text(in: e.range))`\n\n" + typeLine(type), range: e.range)
    }

    /// `Type: Share — a proportion, shown in %`.
    static func typeLine(_ type: GoalType) -> String {
        let unit: String = switch type {
        case .share: "a proportion, shown in %"
        case .points: "a difference of shares, in percentage points (pp)"
        case .count: "a count of rows, or of individuals with a weight"
        case .number: "a number without unit"
        case .money: "an amount in kroner"
        case .duration: "a duration in days"
        case .bool: "a condition"
        case .text: "text"
        case .period: "a period"
        case .list(let t): "a list of \(t) values"
        case .invalid: "not typed"
        }
        return "Type: **\(type)** — \(unit)"
    }

    /// A measure's figures in the target's latest evaluation: those whose label is the measure as
    /// written, or with `everyFigure` all of the target's (for a quantifier, whose figure is named
    /// by its predicate), per part of a `by`.
    static func measure(_ e: Expr, target: TargetDeclaration?, _ analysis: DocumentAnalysis, _ verdicts: DocumentAnalysis?,
                        _ source: SourceFile, everyFigure: Bool = false) -> String {
        let label = source.text(in: e.range)
        var out = "`\(label)`"
        if let type = analysis.types[e.range] { out += "\n\n" + typeLine(type) }
        guard let target else { return out + "\n\nA define: its value is computed in each target that uses it." }
        guard let verdicts, verdicts.evaluated, let result = verdicts.targetResult(target.id.text) else {
            return out + "\n\nNo value yet: the spec has errors, or its data has not been read (save the file to evaluate)."
        }
        let wanted = Self.squeezed(label)
        let matches = { (m: MeasureFigure) in everyFigure || Self.squeezed(m.label) == wanted }
        var figures = result.explanation.measures.filter(matches).map { ("", $0) }
        for part in result.parts {
            let key = part.key.map { "\($0.column) = \($0.value)" }.joined(separator: ", ")
            figures += part.explanation.measures.filter(matches).map { (key, $0) }
        }
        guard !figures.isEmpty else { return out + "\n\nNot computed on its own in target \(target.id.text)." }
        out += "\n\nOn the data (target \(target.id.text)\(result.focus.map { ", for \($0)" } ?? "")):\n\n```\n"
        for (part, figure) in figures.prefix(12) {
            var explanation = Explanation()
            explanation.measures = [figure]
            let text = ResultTextRenderer().explanation(explanation, indent: "")
            out += (part.isEmpty ? "" : "\(part): ") + text
        }
        if figures.count > 12 { out += "… and \(figures.count - 12) more parts\n" }
        return out + "```"
    }

    /// Text with runs of white space folded to one space, to match a measure as written.
    static func squeezed(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    static func group(_ g: GroupDeclaration, _ analysis: DocumentAnalysis) -> String {
        var out = "group **\(g.name.text)** — \(g.members.count) members of column `\(g.column.text)`:\n\n"
        out += g.members.map(\.value).joined(separator: ", ")
        if let (c, d) = analysis.column(g.column.matchKey, for: nil) {
            let present = Set(analysis.values(of: c, in: d))
            let absent = g.members.map(\.value).filter { !present.contains($0) }
            if !absent.isEmpty && !c.sampleDistinctValuesTruncated {
                out += "\n\nNot in the data's sample: " + absent.joined(separator: ", ")
            }
        }
        return out
    }

    static func define(_ d: DefineDeclaration, _ analysis: DocumentAnalysis) -> String {
        let body = analysis.sources.file(d.body.range.file)?.text(in: d.body.range) ?? ""
        var out = "define **\(d.name.text)** = `\(body)`"
        if let type = analysis.types[d.body.range] { out += "\n\n" + typeLine(type) }
        return out
    }

    static func dataset(_ d: DatasetBinding) -> String {
        var out = "data **\(d.name)** from `\(d.path)` — \(d.schema.columns.count) columns"
        var roles: [String] = []
        if let i = d.entity, d.schema.columns.indices.contains(i) { roles.append("entity `\(d.schema.columns[i].name)`") }
        if let i = d.time, d.schema.columns.indices.contains(i) { roles.append("time `\(d.schema.columns[i].name)`") }
        if let i = d.weight, d.schema.columns.indices.contains(i) { roles.append("weight `\(d.schema.columns[i].name)`") }
        if !roles.isEmpty { out += " (" + roles.joined(separator: ", ") + ")" }
        out += "\n\n" + d.schema.columns.map { "`\($0.name)` \($0.type.rawValue)" }.joined(separator: " · ")
        return out
    }

    static func column(_ c: ColumnSchema, _ d: DatasetBinding, _ analysis: DocumentAnalysis) -> String {
        var out = "column **\(c.name)** of data \(d.name) (`\(d.path)`)\n\nInferred type: **\(c.type.rawValue)**"
        if let unit = d.units[c.index] { out += ", unit \(unit.type)" }
        out += " — in measures, " + typeLine(d.units[c.index]?.type ?? c.type.goalType).replacingPrefix("Type: ", with: "")
        let values = analysis.values(of: c, in: d)
        if !values.isEmpty {
            let shown = values.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
            out += "\n\nValues: " + shown + (values.count > 12 || c.sampleDistinctValuesTruncated ? ", …" : "")
        }
        return out
    }

    static func target(_ t: TargetDeclaration, _ analysis: DocumentAnalysis) -> String {
        var out = "target **\(t.id.text)**" + (t.title.map { " — \($0.value)" } ?? "")
        if analysis.evaluated, let r = analysis.targetResult(t.id.text) {
            out += "\n\n```\n" + ResultTextRenderer().render(r, indent: "") + "```"
        }
        return out
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
