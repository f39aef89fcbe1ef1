/// The machine-readable report of `goalspec check --format json`. Schema version 1 is
/// documented in docs/json-schema.md; fields are only ever added within a version.
public enum JSONReport {
    /// The schema version written as `"version"`.
    public static let schemaVersion = 1

    /// The whole run as one JSON document.
    /// `exitStatus`: the process's exit status (default: the run's, `Runner.Run.exitStatus`).
    /// `language`: the language of the sentences (`reason`, `whatItTakes`) and `…Display` figures;
    /// every other field is the same in every language.
    public static func render(_ run: Runner.Run, exitStatus: Int32? = nil, language: ReportLanguage = .english) -> JSONValue {
        let words = language.catalogue
        let tally = Tally(run)
        let counts = run.diagnosticCounts
        let renderer = DiagnosticRenderer(sources: run.sources)
        return .object([
            ("version", .integer(schemaVersion)),
            ("goalspec", .string(Runner.version)),
            ("exitStatus", .integer(Int(exitStatus ?? run.exitStatus))),
            ("strict", .bool(run.strict)),
            ("language", .string(language.rawValue)),
            ("summary", .object([
                ("targets", .integer(tally.total)),
                ("met", .integer(tally.met)),
                ("atRisk", .integer(tally.atRisk)),
                ("notMet", .integer(tally.notMet)),
                ("noData", .integer(tally.noData)),
                ("error", .integer(tally.error)),
                ("errors", .integer(counts.errors)),
                ("warnings", .integer(counts.warnings)),
                ("omittedErrors", .integer(counts.omittedErrors)),
                ("omittedWarnings", .integer(counts.omittedWarnings)),
            ])),
            ("diagnostics", .array(run.diagnostics.map { diagnostic($0, run.sources, renderer) })),
            ("omittedDiagnostics", .integer(run.omittedDiagnostics)),
            ("specs", .array(run.specs.map { spec in
                .object([
                    ("file", .string(spec.path)),
                    ("title", spec.title.map { .string($0) } ?? .null),
                    ("evaluated", .bool(spec.evaluated)),
                    ("items", .array(spec.items.map { item($0, words) })),
                ])
            })),
        ])
    }

    /// One diagnostic as JSON: code, severity, message, location and help.
    public static func diagnostic(_ d: Diagnostic, _ sources: SourceSet, _ renderer: DiagnosticRenderer) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("code", .string(d.code.rawValue)),
            ("severity", .string(d.severity.rawValue)),
            ("message", .string(d.message)),
        ]
        pairs.append(contentsOf: location(d.location, sources))
        pairs.append(("have", d.have.map { .string($0) } ?? .null))
        pairs.append(("want", d.want.map { .string($0) } ?? .null))
        pairs.append(("hint", d.hint.map { .string($0) } ?? .null))
        pairs.append(("notes", .array(d.notes.map { n in
            .object([("message", .string(n.message))] + (n.location.map { location($0, sources) } ?? []))
        })))
        pairs.append(("fixIts", .array(d.fixIts.map { f in
            .object(location(.source(f.range), sources) + [("replacement", .string(f.replacement))])
        })))
        return .object(pairs)
    }

    static func location(_ l: DiagnosticLocation, _ sources: SourceSet) -> [(String, JSONValue)] {
        switch l {
        case .source(let r):
            guard let file = sources.file(r.file) else { return [] }
            let start = file.lineColumn(of: r.lowerBound)
            let end = file.lineColumn(of: r.upperBound)
            return [("file", .string(file.path)), ("line", .integer(start.line)), ("column", .integer(start.column)),
                    ("endLine", .integer(end.line)), ("endColumn", .integer(end.column))]
        case .dataFile(let path, let line, let column, _):
            return [("file", .string(path)), ("line", .integer(line)), ("column", .integer(column))]
        case .file(let path):
            return [("file", .string(path))]
        }
    }

    static func exact(_ x: Exact?, _ type: GoalType, _ words: any MessageCatalogue) -> [(String, JSONValue)] {
        guard let x else { return [("value", .null), ("exact", .null), ("display", .null)] }
        return [("value", .number(x.doubleValue)), ("exact", .string(x.description)),
                ("display", .string(words.value(x, as: type)))]
    }

    static func item(_ i: ItemResult, _ words: any MessageCatalogue) -> JSONValue {
        switch i {
        case .target(let t):
            return .object([
                ("kind", .string("target")),
                ("id", .string(t.id)),
                ("title", t.title.map { .string($0) } ?? .null),
                ("file", .string(t.file)),
                ("line", .integer(t.line)),
                ("condition", .string(t.condition)),
                ("focus", t.focus.map { .string($0) } ?? .null),
                ("period", t.period.map { .string($0.description) } ?? .null),
                ("verdict", .string(t.verdict.rawValue)),
                ("explanation", explanation(t.explanation, words)),
                ("parts", .array(t.parts.map { p in
                    .object([
                        ("key", .object(p.key.map { ($0.column, .string($0.value)) })),
                        ("verdict", .string(p.verdict.rawValue)),
                        ("explanation", explanation(p.explanation, words)),
                    ])
                })),
            ])
        case .goal(let g):
            let rule: String = switch g.rule {
            case .all: "all"
            case .atLeast(let k): "atLeast \(k)"
            }
            return .object([
                ("kind", .string("goal")),
                ("title", .string(g.title)),
                ("file", .string(g.file)),
                ("line", .integer(g.line)),
                ("rule", .string(rule)),
                ("verdict", .string(g.verdict.rawValue)),
                ("metChildren", .integer(g.metChildren)),
                ("children", .array(g.children.map { item($0, words) })),
            ])
        }
    }

    static func explanation(_ e: Explanation, _ words: any MessageCatalogue) -> JSONValue {
        .object([
            ("reason", e.reason.map { .string(words.reason($0)) } ?? .null),
            ("reasonCodes", .array((e.reason?.flattened ?? []).map { .string($0.code) })),
            ("measures", .array(e.measures.map { m in
                .object([("label", .string(m.label)), ("type", .string(m.type.description)),
                         ("period", m.period.map { .string($0.description) } ?? .null)]
                        + exact(m.value, m.type, words)
                        + [("rows", .integer(m.rows)),
                           ("individuals", m.individuals.map { .number($0.doubleValue) } ?? .null),
                           ("weightColumn", m.weightColumn.map { .string($0) } ?? .null),
                           ("noun", m.noun.map { .string($0) } ?? .null),
                           ("nounInLanguage", .object(m.nounInLanguage.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                           ("valueRows", m.valueRows.map { .integer($0) } ?? .null),
                           ("hits", m.hits.map { .number($0.doubleValue) } ?? .null),
                           ("members", .array(m.members.map { mem in
                               .object([("name", .string(mem.name))] + exact(mem.value, m.type, words) + [("rows", .integer(mem.rows))])
                           }))])
            })),
            ("checks", .array(e.checks.map { c in check(c, words) })),
        ])
    }

    static func check(_ c: CheckFigure, _ words: any MessageCatalogue) -> JSONValue {
                let shown = words.comparison(c.value, c.threshold, as: c.type)
                let margin: JSONValue = c.margin.map { .string(words.signed($0, as: c.marginType)) } ?? .null
                return JSONValue.object([("text", .string(c.text)), ("operator", .string(c.op.rawValue)), ("type", .string(c.type.description)),
                         ("met", c.met.map { .bool($0) } ?? .null),
                         ("value", c.value.map { .number($0.doubleValue) } ?? .null),
                         ("valueExact", c.value.map { .string($0.description) } ?? .null),
                         ("valueDisplay", shown.value.map { .string($0) } ?? .null),
                         ("threshold", c.threshold.map { .number($0.doubleValue) } ?? .null),
                         ("thresholdExact", c.threshold.map { .string($0.description) } ?? .null),
                         ("thresholdDisplay", shown.threshold.map { .string($0) } ?? .null),
                         ("margin", c.margin.map { .number($0.doubleValue) } ?? .null),
                         ("marginExact", c.margin.map { .string($0.description) } ?? .null),
                         ("marginDisplay", margin),
                         ("weakestYear", c.weakestYear.map { .integer($0) } ?? .null),
                         ("whatItTakes", c.whatItTakes.map { .string(words.advice($0)) } ?? .null),
                         ("advice", c.whatItTakes.map(advice) ?? .null)])
    }

    /// What it takes, as figures: its kind and, for `more`/`fewer`, the exact counts.
    static func advice(_ a: Advice) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("kind", .string(a.code))]
        switch a {
        case .more(let amount, _, _, let hits, let total, let needed):
            pairs += [("amount", .string(amount.description)), ("hits", .string(hits.description)),
                      ("total", .string(total.description)), ("needed", .string(needed.description))]
        case .fewer(let amount, _, _, let hits, let total, let allowed):
            pairs += [("amount", .string(amount.description)), ("hits", .string(hits.description)),
                      ("total", .string(total.description)), ("allowed", .string(allowed.description))]
        case .trend(let t):
            if let then = t.then { pairs.append(("then", advice(then))) }
        default:
            break
        }
        return .object(pairs)
    }
}
