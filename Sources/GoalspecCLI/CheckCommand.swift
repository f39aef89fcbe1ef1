import Goalspec

/// `goalspec check`: evaluate every target and report.
enum CheckCommand {
    static let arguments = ArgumentSpec(
        valued: ["--data": true, "--connection": true, "--at": false, "--format": false, "--color": false, "--lang": false]
            .merging(LimitOptions.budgetOptions) { a, _ in a }.merging(LimitOptions.rootOption) { a, _ in a },
        flags: ["--help", "--strict"])

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.check)
            return .success
        }
        let format = try format(parsed)
        let language = try language(parsed)
        if let c = parsed.value("--color"), !["auto", "always", "never"].contains(c) {
            throw UsageError(message: "unknown colour mode '\(c)'", hint: "use --color auto, always or never")
        }
        var options = Goalspec.Options()
        options.dataOverrides = try dataOverrides(parsed)
        options.connections = try connections(parsed)
        options.strict = parsed.flags.contains("--strict")
        options.budget = try LimitOptions.budget(parsed)
        options.confinement = try LimitOptions.confinement(parsed)
        if let at = parsed.value("--at") {
            guard let period = Period(parsing: at) else {
                throw UsageError(message: "'\(at)' is not a period", hint: "periods are written \(Period.dataSpellings)")
            }
            options.period = period
        }
        let run = try runFiles(parsed.positional, options: options)
        let status = ExitStatus(rawValue: run.exitStatus)
        if format == "json" {
            out.write(JSONReport.render(run, exitStatus: status.rawValue, language: language).serialized() + "\n")
        } else if format == "junit" {
            out.write(JUnitReport.render(run, language: language))
        } else if format == "markdown" {
            out.write(MarkdownReport.render(run, language: language))
        } else if format == "html" {
            out.write(HTMLReport.render(run, exitStatus: status.rawValue, language: language))
        } else {
            let errStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
            let outStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: false))
            if !run.diagnostics.isEmpty {
                out.writeError(DiagnosticRenderer(sources: run.sources, style: errStyle, language: language)
                    .render(run.diagnostics, counts: run.diagnosticCounts))
            }
            out.write(ResultTextRenderer(style: outStyle, language: language).render(run))
        }
        return status
    }

    static func format(_ parsed: ParsedArguments) throws(UsageError) -> String {
        let format = parsed.value("--format") ?? "text"
        guard ["text", "json", "junit", "markdown", "html"].contains(format) else {
            throw UsageError(message: "unknown format '\(format)'", hint: "use --format text, json, junit, markdown or html")
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
        let (declared, complete) = Goalspec.declaredDatasets(files: files, confinement: confinement)
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
        let (declared, complete) = Goalspec.declaredConnections(files: files)
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
    static func runFiles(_ positional: [String], options: Goalspec.Options) throws(UsageError) -> Goalspec.Run {
        var paths = positional.isEmpty ? ["."] : positional
        var outside: [String] = []
        if let confinement = options.confinement {
            // Refused before looking: "no such file" would tell what exists outside the roots.
            outside = paths.filter { !confinement.allows($0) }
            paths.removeAll { !confinement.allows($0) }
        }
        let (files, missing) = Goalspec.specFiles(in: paths)
        try checkOverrides(options.dataOverrides, files: files, confinement: options.confinement)
        try checkConnections(options.connections, files: files)
        var run = Goalspec.run(files: files, options: options)
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
