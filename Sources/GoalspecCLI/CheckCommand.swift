import Goalspec

/// `goalspec check`: evaluate every target and report.
enum CheckCommand {
    static let arguments = ArgumentSpec(
        valued: ["--data": true, "--at": false, "--format": false, "--color": false, "--output": false, "--target": true,
                 "--lang": false],
        flags: ["--help", "--strict", "--quiet"])

    static let formats = ["text", "json", "junit", "markdown", "html", "github", "sarif"]

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.check)
            return .success
        }
        let format = try format(parsed)
        let language = try language(parsed)
        let outputPath = parsed.value("--output")
        let quiet = parsed.flags.contains("--quiet")
        if quiet && format != "text" && outputPath == nil {
            throw UsageError(message: "--quiet shortens the text report, and --format \(format) writes a report to standard output",
                             hint: "add --output FILE to write the \(format) report to a file with only the summary on the terminal")
        }
        if outputPath?.isEmpty == true { throw UsageError(message: "--output needs a file name") }
        var options = Runner.Options()
        options.dataOverrides = try dataOverrides(parsed)
        options.strict = parsed.flags.contains("--strict")
        options.targets = parsed.values["--target"]
        if let at = parsed.value("--at") {
            guard let period = Period(parsing: at) else {
                throw UsageError(message: "'\(at)' is not a period", hint: "periods are written \(Period.dataSpellings)")
            }
            options.period = period
        }
        let run = try runFiles(parsed.positional, options: options)
        try checkSelectedTargets(options.targets ?? [], in: run)
        let status = run.status
        let errStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
        let outStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: false))
        let text = ResultTextRenderer(style: outStyle, language: language)
        let terminalText = format == "text" && outputPath == nil
        if terminalText || outputPath != nil, !run.diagnostics.isEmpty {
            out.writeError(DiagnosticRenderer(sources: run.sources, style: errStyle, language: language)
                .render(run.diagnostics, counts: run.diagnosticCounts))
        }
        if terminalText {
            out.write(quiet ? text.summary(run) + "\n" : text.render(run))
            return status
        }
        let report = render(run, format: format, status: status, language: language)
        guard let outputPath else {
            out.write(report)
            return status
        }
        do {
            try ReportFile.write(report, to: outputPath)
        } catch {
            out.writeError("goalspec: cannot write the report to '\(outputPath)': \(error.reason)\n")
            return .unusable
        }
        out.write(text.summary(run) + "\n")
        return status
    }

    /// The report in a file format (every format but the terminal's text).
    static func render(_ run: Runner.Run, format: String, status: ExitStatus, language: ReportLanguage) -> String {
        switch format {
        case "json": JSONReport.render(run, exitStatus: status.rawValue, language: language).serialized() + "\n"
        case "junit": JUnitReport.render(run, language: language)
        case "markdown": MarkdownReport.render(run, language: language)
        case "html": HTMLReport.render(run, exitStatus: status.rawValue, language: language)
        case "github": GitHubReport.render(run, language: language)
        case "sarif": SARIFReport.render(run, exitStatus: status.rawValue, language: language).serialized() + "\n"
        default: ResultTextRenderer(language: language).render(run)
        }
    }

    static func format(_ parsed: ParsedArguments) throws(UsageError) -> String {
        let format = parsed.value("--format") ?? "text"
        guard formats.contains(format) else {
            let hint = Suggestions.closest(to: format, among: formats).map { "did you mean '\($0)'? " } ?? ""
            throw UsageError(message: "unknown format '\(format)'",
                             hint: hint + "use --format " + formats.dropLast().joined(separator: ", ") + " or " + (formats.last ?? ""))
        }
        if let c = parsed.value("--color"), !["auto", "always", "never"].contains(c) {
            throw UsageError(message: "unknown colour mode '\(c)'", hint: "use --color auto, always or never")
        }
        return format
    }

    /// `--lang en|da`: the language of the report's words and numbers (default English).
    static func language(_ parsed: ParsedArguments) throws(UsageError) -> ReportLanguage {
        guard let code = parsed.value("--lang") else { return .english }
        guard let language = ReportLanguage(rawValue: code.lowercased()) else {
            throw UsageError(message: "unknown language '\(code)'", hint: "use --lang en or --lang da")
        }
        return language
    }

    /// Rejects a `--target ID` that no spec declares (it would select nothing), naming the closest id.
    static func checkSelectedTargets(_ ids: [String], in run: Runner.Run) throws(UsageError) {
        guard !ids.isEmpty else { return }
        let declared = run.specs.flatMap(\.declaredTargets)
        let keys = Set(declared.map(Name.matchKey))
        for id in ids where !keys.contains(Name.matchKey(id)) {
            let hint: String
            if let closest = Suggestions.closest(to: id, among: declared) {
                hint = "did you mean '\(closest)'?"
            } else if declared.isEmpty {
                hint = "the specs declare no target"
            } else {
                hint = "the specs declare: " + declared.prefix(20).joined(separator: ", ") + (declared.count > 20 ? ", …" : "")
            }
            throw UsageError(message: "no spec declares a target '\(id)' (--target \(id))", hint: hint)
        }
    }

    static func dataOverrides(_ parsed: ParsedArguments) throws(UsageError) -> [String: String] {
        var overrides: [String: String] = [:]
        var given: [String: String] = [:]
        for binding in parsed.values["--data"] ?? [] {
            guard let eq = binding.firstIndex(of: "="), eq != binding.startIndex, binding.index(after: eq) != binding.endIndex else {
                throw UsageError(message: "--data needs NAME=PATH, found '\(binding)'")
            }
            let name = String(binding[..<eq])
            if let earlier = given[Name.matchKey(name)] {
                throw UsageError(message: "--data rebinds dataset '\(name)' twice", hint: "'\(earlier)' and '\(name)' name the same dataset; give one --data for it")
            }
            given[Name.matchKey(name)] = name
            overrides[name] = String(binding[binding.index(after: eq)...])
        }
        return overrides
    }

    /// Rejects a `--data NAME=PATH` whose NAME no spec declares (it would be ignored, and the
    /// spec's own file evaluated). When some spec could not be read or parsed the run reports that instead.
    static func checkOverrides(_ overrides: [String: String], files: [String]) throws(UsageError) {
        guard !overrides.isEmpty else { return }
        let (declared, complete) = Runner.declaredDatasets(files: files)
        guard complete else { return }
        let keys = Set(declared.map(Name.matchKey))
        for name in overrides.keys.sorted() where !keys.contains(Name.matchKey(name)) {
            let hint: String
            if let closest = Suggestions.closest(to: name, among: declared) {
                hint = "did you mean '\(closest)'?"
            } else if declared.isEmpty {
                hint = "the specs declare no dataset"
            } else {
                hint = "the specs declare: " + declared.joined(separator: ", ")
            }
            throw UsageError(message: "no spec declares a dataset named '\(name)' (--data \(name)=\(PostgreSQLLocation.redacted(overrides[name] ?? "")))", hint: hint)
        }
    }

    /// Runs the spec files found under `positional` (the current folder when empty).
    static func runFiles(_ positional: [String], options: Runner.Options) throws(UsageError) -> Runner.Run {
        let paths = positional.isEmpty ? ["."] : positional
        let (files, missing) = Runner.specFiles(in: paths)
        try checkOverrides(options.dataOverrides, files: files)
        var run = Runner.run(files: files, options: options)
        for path in missing {
            run.diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: path), "no such file or folder"))
        }
        if files.isEmpty && missing.isEmpty {
            run.diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: paths.joined(separator: " ")), "no .goal files found"))
        }
        return run
    }
}
