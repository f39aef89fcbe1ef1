import Goalspec

/// `goalspec check`: evaluate every target and report.
enum CheckCommand {
    static let arguments = ArgumentSpec(
        valued: ["--data": true, "--connection": true, "--at": false, "--format": false, "--color": false, "--lang": false,
                 "--output": false, "--target": true]
            .merging(LimitOptions.budgetOptions) { a, _ in a }.merging(LimitOptions.rootOption) { a, _ in a },
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
        options.connections = try connections(parsed)
        options.strict = parsed.flags.contains("--strict")
        options.budget = try LimitOptions.budget(parsed)
        options.confinement = try LimitOptions.confinement(parsed)
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

    /// `--connection NAME=URI`: the URIs of the connections that specs name in
    /// `data NAME from table "T" in CONNECTION`.
    static func connections(_ parsed: ParsedArguments) throws(UsageError) -> [String: String] {
        var connections: [String: String] = [:]
        for binding in parsed.values["--connection"] ?? [] {
            guard let eq = binding.firstIndex(of: "="), eq != binding.startIndex, binding.index(after: eq) != binding.endIndex else {
                throw UsageError(message: "--connection needs NAME=URI, found '\(SQLTableLocation.redacted(binding))'")
            }
            let name = String(binding[..<eq])
            let uri = String(binding[binding.index(after: eq)...])
            guard connections.keys.allSatisfy({ Name.matchKey($0) != Name.matchKey(name) }) else {
                throw UsageError(message: "--connection gives '\(name)' twice", hint: "give one --connection per name")
            }
            guard SQLTableLocation.isLocation(uri) else {
                throw UsageError(message: "--connection \(name)=… is not a postgresql://, duckdb: or spark: URI",
                                 hint: "write --connection \(name)=postgresql://HOST/DB, duckdb:FILE.duckdb or spark:?master=local[2]")
            }
            connections[name] = uri
        }
        return connections
    }

    /// Rejects a `--data NAME=PATH` whose NAME no spec declares (it would be ignored, and the
    /// spec's own file evaluated). When some spec could not be read or parsed the run reports that instead.
    static func checkOverrides(_ overrides: [String: String], files: [String], confinement: PathConfinement? = nil) throws(UsageError) {
        guard !overrides.isEmpty else { return }
        let (declared, complete) = Runner.declaredDatasets(files: files, confinement: confinement)
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
            throw UsageError(message: "no spec declares a dataset named '\(name)' (--data \(name)=\(SQLTableLocation.redacted(overrides[name] ?? "")))", hint: hint)
        }
    }

    /// Rejects a `--connection NAME=URI` whose NAME no data block reads from (it would be
    /// ignored, and the spec's own data read instead).
    static func checkConnections(_ connections: [String: String], files: [String]) throws(UsageError) {
        guard !connections.isEmpty else { return }
        let (declared, complete) = Runner.declaredConnections(files: files)
        guard complete else { return }
        let keys = Set(declared.map(Name.matchKey))
        for name in connections.keys.sorted() where !keys.contains(Name.matchKey(name)) {
            let hint = Suggestions.closest(to: name, among: declared).map { "did you mean '\($0)'?" }
                ?? (declared.isEmpty ? "no data block reads from a connection (data NAME from table \"T\" in CONNECTION)"
                                     : "the specs read from: " + declared.joined(separator: ", "))
            throw UsageError(message: "no data block reads from a connection named '\(name)' (--connection \(name)=\(SQLTableLocation.redacted(connections[name] ?? "")))",
                             hint: hint)
        }
    }

    /// Runs the spec files found under `positional` (the current folder when empty).
    static func runFiles(_ positional: [String], options: Runner.Options) throws(UsageError) -> Runner.Run {
        var paths = positional.isEmpty ? ["."] : positional
        var outside: [String] = []
        if let confinement = options.confinement {
            // Refused before looking: "no such file" would tell what exists outside the roots.
            outside = paths.filter { !confinement.allows($0) }
            paths.removeAll { !confinement.allows($0) }
        }
        let (files, missing) = Runner.specFiles(in: paths)
        try checkOverrides(options.dataOverrides, files: files, confinement: options.confinement)
        try checkConnections(options.connections, files: files)
        var run = Runner.run(files: files, options: options)
        for path in outside {
            run.diagnostics.append(Diagnostic(.pathOutsideRoots, at: .file(path: path), "'\(path)' is outside the allowed roots",
                                              hint: "confined mode (--root) reads only files inside its roots"))
        }
        for path in missing {
            run.diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: path), "no such file or folder"))
        }
        if files.isEmpty && missing.isEmpty && outside.isEmpty {
            run.diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: paths.joined(separator: " ")), "no .goal files found"))
        }
        return run
    }
}
