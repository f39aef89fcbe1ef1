import Foundation

/// Renders a run as GitHub Actions workflow commands (`goalspec check --format github`), which
/// GitHub shows as annotations on the spec files in a pull request:
///
/// - each diagnostic: `::error` (errors), `::warning` (warnings) or `::notice` (notes) at its
///   file, line and column (and end), titled with its code; the message is the rendered
///   diagnostic with its excerpt and hint;
/// - each target and goal whose verdict fails the run (not met, no data, an evaluation error, at
///   risk with `--strict`): `::error` at its line, titled with the verdict and id, the message its
///   explanation; at risk without `--strict`: `::warning`; a failing item inside a goal that is
///   met without it: `::notice`; met: nothing;
/// - then the summary line, plain.
///
/// Values are escaped as the runner requires: `%`, CR and LF in messages, and also `:` and `,`
/// in properties. Paths are as goalspec was given them, so run it from the repository's root.
public enum GitHubReport {
    /// The workflow commands, one per line, and the summary line, in `language`.
    public static func render(_ run: Runner.Run, language: ReportLanguage = .english) -> String {
        var out = ""
        let words = language.catalogue
        let renderer = DiagnosticRenderer(sources: run.sources, language: language)
        for d in run.diagnostics {
            let command = switch d.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
            let properties = location(d.location, run.sources) + [("title", "\(d.code.rawValue): \(d.code.title)")]
            out += workflowCommand(command, properties, message: renderer.render(d))
        }
        let counts = run.diagnosticCounts
        if let line = words.omittedDiagnostics(counts) {
            out += workflowCommand(counts.omittedErrors > 0 ? "error" : "warning", [("title", "goalspec")], message: line)
        }
        for reported in ReportedItem.all(run, language: language) {
            let command: String
            if reported.failsRun {
                command = "error"
            } else if !reported.passes {
                command = "notice"
            } else if reported.item.verdict == .atRisk {
                command = "warning"
            } else {
                continue
            }
            let properties = [("file", reported.file), ("line", String(reported.line)),
                              ("title", "\(words.verdict(reported.item.verdict)): \(reported.name)")]
            out += workflowCommand(command, properties, message: reported.text)
        }
        out += ResultTextRenderer(language: language).summary(run) + "\n"
        return out
    }

    /// `::COMMAND key=value,…::message` and a newline; the message's final newline is dropped.
    static func workflowCommand(_ command: String, _ properties: [(String, String)], message: String) -> String {
        var text = Substring(message)
        while text.last == "\n" { text = text.dropLast() }
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command)\(props.isEmpty ? "" : " " + props)::\(escapeData(String(text)))\n"
    }

    /// A message escaped for a workflow command: `%`, CR and LF.
    static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value escaped for a workflow command: as a message, and `:` and `,`.
    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// The file, line and column properties of a diagnostic's location.
    static func location(_ l: DiagnosticLocation, _ sources: SourceSet) -> [(String, String)] {
        switch l {
        case .source(let r):
            guard let file = sources.file(r.file) else { return [] }
            let start = file.lineColumn(of: r.lowerBound)
            let end = file.lineColumn(of: r.upperBound)
            return [("file", file.path), ("line", String(start.line)), ("col", String(start.column)),
                    ("endLine", String(end.line)), ("endColumn", String(end.column))]
        case .dataFile(let path, let line, let column, _):
            var out = [("file", path)]
            if line > 0 { out.append(("line", String(line))) }
            if line > 0 && column > 0 { out.append(("col", String(column))) }
            return out
        case .file(let path):
            return [("file", path)]
        }
    }
}
