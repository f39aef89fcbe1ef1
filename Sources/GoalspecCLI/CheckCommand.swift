import Goalspec

/// `goalspec check`: evaluate every target and report.
enum CheckCommand {
    static let arguments = ArgumentSpec(
        valued: ["--data": true, "--at": false, "--format": false, "--color": false],
        flags: ["--help", "--strict"])

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.check)
            return .success
        }
        let format = try format(parsed)
        if let c = parsed.value("--color"), !["auto", "always", "never"].contains(c) {
            throw UsageError(message: "unknown colour mode '\(c)'", hint: "use --color auto, always or never")
        }
        var options = Runner.Options()
        options.dataOverrides = try dataOverrides(parsed)
        options.strict = parsed.flags.contains("--strict")
        if let at = parsed.value("--at") {
            guard let period = Period(parsing: at) else {
                throw UsageError(message: "'\(at)' is not a period", hint: "periods are written \(Period.dataSpellings)")
            }
            options.period = period
        }
        let run = try runFiles(parsed.positional, options: options)
        let status = ExitStatus(rawValue: run.exitStatus)
        if format == "json" {
            out.write(JSONReport.render(run, exitStatus: status.rawValue).serialized() + "\n")
        } else if format == "junit" {
            out.write(JUnitReport.render(run))
        } else if format == "markdown" {
            out.write(MarkdownReport.render(run))
        } else if format == "html" {
            out.write(HTMLReport.render(run, exitStatus: status.rawValue))
        } else {
            let errStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
            let outStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: false))
            if !run.diagnostics.isEmpty {
                out.writeError(DiagnosticRenderer(sources: run.sources, style: errStyle)
                    .render(run.diagnostics, counts: run.diagnosticCounts))
            }
            out.write(ResultTextRenderer(style: outStyle).render(run))
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
