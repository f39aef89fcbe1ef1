import Goalspec

/// `goalspec lint`: parse and check specs against the data's headers and samples, evaluating nothing.
enum LintCommand {
    static let arguments = ArgumentSpec(
        valued: ["--data": true, "--connection": true, "--format": false, "--color": false, "--lang": false]
            .merging(LimitOptions.budgetOptions) { a, _ in a }.merging(LimitOptions.rootOption) { a, _ in a },
        flags: ["--help", "--strict", "--explain-data"])

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.lint)
            return .success
        }
        let format = try CheckCommand.format(parsed)
        let language = try CheckCommand.language(parsed)
        guard format == "text" || format == "json" else {
            throw UsageError(message: "lint writes text or json, not \(format)", hint: "use --format text or --format json")
        }
        var options = Runner.Options(checkOnly: true)
        options.dataOverrides = try CheckCommand.dataOverrides(parsed)
        options.connections = try CheckCommand.connections(parsed)
        options.budget = try LimitOptions.budget(parsed)
        options.confinement = try LimitOptions.confinement(parsed)
        let run = try CheckCommand.runFiles(parsed.positional, options: options)
        let counts = run.diagnosticCounts
        let errors = run.hasErrors
        let warnings = counts.warnings > 0
        let status: ExitStatus = errors ? .unusable : (warnings && parsed.flags.contains("--strict") ? .notMet : .success)
        let explainData = parsed.flags.contains("--explain-data")
        if format == "json" {
            let renderer = DiagnosticRenderer(sources: run.sources)
            var fields: [(String, JSONValue)] = [
                ("version", .integer(JSONReport.schemaVersion)),
                ("goalspec", .string(Runner.version)),
                ("exitStatus", .integer(Int(status.rawValue))),
                ("files", .array(run.specs.map { .string($0.path) })),
                ("summary", .object([
                    ("errors", .integer(counts.errors)),
                    ("warnings", .integer(counts.warnings)),
                    ("omittedErrors", .integer(counts.omittedErrors)),
                    ("omittedWarnings", .integer(counts.omittedWarnings)),
                ])),
                ("diagnostics", .array(run.diagnostics.map { JSONReport.diagnostic($0, run.sources, renderer) })),
                ("omittedDiagnostics", .integer(run.omittedDiagnostics)),
            ]
            if explainData {
                fields.append(("data", .array(run.specs.map { spec in
                    .object([("file", .string(spec.path)), ("datasets", DataReadingReport.json(spec.datasets))])
                })))
            }
            out.write(JSONValue.object(fields).serialized() + "\n")
        } else {
            let style = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
            out.writeError(DiagnosticRenderer(sources: run.sources, style: style, language: language).render(run.diagnostics, counts: counts))
            if explainData {
                for spec in run.specs where !spec.datasets.isEmpty {
                    out.write("\(spec.path)\n" + DataReadingReport.text(spec.datasets) + "\n")
                }
            }
            out.write(language.catalogue.lintSummary(files: run.specs.count, counts) + "\n")
        }
        return status
    }
}
