/// Renders a run as a SARIF 2.1.0 log (`goalspec check --format sarif`), for code-scanning
/// dashboards: one run whose tool driver `goalspec` has a rule per verdict (`verdict/not-met`,
/// `verdict/at-risk`, `verdict/no-data`, `verdict/evaluation-error`, `verdict/met`: indices 0–4)
/// and per diagnostic code (`GS0401`), and a result per diagnostic and per target and
/// goal, located in its file (region lines and columns; columns count characters).
///
/// A verdict that fails the run (as the exit status counts it) is a result of kind `fail` and
/// level `error`; at risk without `--strict` is level `warning`; a failing item inside a goal met
/// without it is level `note`; met is kind `pass`. The invocation records the exit status.
/// Tests validate the output against the published schema (Tests/SARIF/).
public enum SARIFReport {
    /// The SARIF version written.
    public static let sarifVersion = "2.1.0"
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// The rules for verdicts, before the diagnostic codes' rules (so their indices stay when codes are added).
    static let verdictRules: [(verdict: Verdict, id: String, text: String)] = [
        (.notMet, "verdict/not-met", "target or goal not met"),
        (.atRisk, "verdict/at-risk", "target met by less than its at-risk margin"),
        (.noData, "verdict/no-data", "target without data to decide it"),
        (.error, "verdict/evaluation-error", "target whose evaluation failed"),
        (.met, "verdict/met", "target or goal met"),
    ]

    /// The log as one JSON document.
    /// `exitStatus`: the process's exit status (default: the run's, `Runner.Run.exitStatus`).
    /// `language`: the language of the messages; ids, levels and properties stay the same.
    public static func render(_ run: Runner.Run, exitStatus: Int32? = nil, language: ReportLanguage = .english) -> JSONValue {
        let words = language.catalogue
        let codes = DiagnosticCode.allCases
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONValue] = []
        for rule in verdictRules {
            ruleIndex[rule.id] = rules.count
            let level = rule.verdict == .met ? "none" : rule.verdict == .atRisk ? "warning" : "error"
            rules.append(.object([
                ("id", .string(rule.id)),
                ("shortDescription", .object([("text", .string(rule.text))])),
                ("defaultConfiguration", .object([("level", .string(level))])),
            ]))
        }
        for code in codes {
            ruleIndex[code.rawValue] = rules.count
            rules.append(.object([
                ("id", .string(code.rawValue)),
                ("shortDescription", .object([("text", .string(code.title))])),
                ("help", .object([("text", .string("see docs/errors/\(code.rawValue).md"))])),
            ]))
        }
        let renderer = DiagnosticRenderer(sources: run.sources, language: language)
        var results: [JSONValue] = []
        for d in run.diagnostics {
            let level = switch d.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "note"
            }
            results.append(.object([
                ("ruleId", .string(d.code.rawValue)),
                ("ruleIndex", .integer(ruleIndex[d.code.rawValue] ?? 0)),
                ("level", .string(level)),
                ("message", .object([("text", .string(trimmed(renderer.render(d))))])),
                ("locations", .array(location(d.location, run.sources).map { [$0] } ?? [])),
            ]))
        }
        for reported in ReportedItem.all(run, language: language) {
            let verdict = reported.item.verdict
            let rule = verdictRules.first { $0.verdict == verdict } ?? verdictRules[0]
            var pairs: [(String, JSONValue)] = [
                ("ruleId", .string(rule.id)),
                ("ruleIndex", .integer(ruleIndex[rule.id] ?? 0)),
            ]
            if verdict == .met {
                pairs += [("kind", .string("pass")), ("level", .string("none"))]
            } else {
                let level = reported.failsRun ? "error" : reported.passes ? "warning" : "note"
                pairs += [("kind", .string("fail")), ("level", .string(level))]
            }
            pairs += [
                ("message", .object([("text", .string(trimmed(reported.text)))])),
                ("locations", .array([physicalLocation(path: reported.file, region: [("startLine", .integer(max(1, reported.line)))])])),
                ("properties", .object([("verdict", .string(verdict.rawValue)), ("item", .string(reported.name)),
                                        ("spec", .string(reported.specPath)), ("failsRun", .bool(reported.failsRun))])),
            ]
            results.append(.object(pairs))
        }
        let status = exitStatus ?? run.exitStatus
        var invocation: [(String, JSONValue)] = [
            ("executionSuccessful", .bool(status != ExitStatus.unusable.rawValue)),
            ("exitCode", .integer(Int(status))),
        ]
        let counts = run.diagnosticCounts
        if let line = words.omittedDiagnostics(counts) {
            invocation.append(("toolExecutionNotifications", .array([.object([
                ("level", .string(counts.omittedErrors > 0 ? "error" : "warning")),
                ("message", .object([("text", .string(line))])),
            ])])))
        }
        return .object([
            ("$schema", .string(schemaURI)),
            ("version", .string(sarifVersion)),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("goalspec")),
                    ("version", .string(Runner.version)),
                    ("semanticVersion", .string(Runner.version)),
                    ("rules", .array(rules)),
                ]))])),
                ("invocations", .array([.object(invocation)])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
                ("properties", .object([("strict", .bool(run.strict)), ("summary", .string(ResultTextRenderer(language: language).summary(run)))])),
            ])])),
        ])
    }

    static func trimmed(_ text: String) -> String {
        var t = Substring(text)
        while t.last == "\n" { t = t.dropLast() }
        return String(t)
    }

    /// A diagnostic's location as a SARIF location; nil when it names no file.
    static func location(_ l: DiagnosticLocation, _ sources: SourceSet) -> JSONValue? {
        switch l {
        case .source(let r):
            guard let file = sources.file(r.file) else { return nil }
            let start = file.lineColumn(of: r.lowerBound)
            let end = file.lineColumn(of: r.upperBound)
            return physicalLocation(path: file.path, region: [
                ("startLine", .integer(max(1, start.line))), ("startColumn", .integer(max(1, start.column))),
                ("endLine", .integer(max(1, end.line))), ("endColumn", .integer(max(1, end.column))),
            ])
        case .dataFile(let path, let line, let column, _):
            var region: [(String, JSONValue)] = []
            if line > 0 { region.append(("startLine", .integer(line))) }
            if line > 0 && column > 0 { region.append(("startColumn", .integer(column))) }
            return physicalLocation(path: path, region: region)
        case .file(let path):
            return physicalLocation(path: path, region: [])
        }
    }

    static func physicalLocation(path: String, region: [(String, JSONValue)]) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", .object([("uri", .string(uri(path)))]))]
        if !region.isEmpty { physical.append(("region", .object(region))) }
        return .object([("physicalLocation", .object(physical))])
    }

    /// A path as a URI reference: relative paths stay relative (to where goalspec ran),
    /// absolute ones become `file://` URIs; every byte but unreserved ones and `/` is percent-encoded.
    static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    /// The string with `0` in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
