import Goalspec

/// `goalspec sql`: print the SQL each dataset of a spec needs, in one engine's dialect.
enum SQLCommand {
    static let arguments = ArgumentSpec(
        valued: ["--dialect": false, "--table": true, "--data": true, "--connection": true, "--color": false]
            .merging(LimitOptions.rootOption) { a, _ in a },
        flags: ["--help"])

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.sql)
            return .success
        }
        let dialect = try dialect(parsed)
        if let c = parsed.value("--color"), !["auto", "always", "never"].contains(c) {
            throw UsageError(message: "unknown colour mode '\(c)'", hint: "use --color auto, always or never")
        }
        guard parsed.positional.count == 1 else {
            throw UsageError(message: parsed.positional.isEmpty ? "sql needs the spec file" : "sql takes one spec file, found \(parsed.positional.count)",
                             hint: "write goalspec sql SPEC --dialect duckdb|postgresql|spark")
        }
        var options = Runner.Options(checkOnly: true)
        options.dataOverrides = try CheckCommand.dataOverrides(parsed)
        options.connections = try CheckCommand.connections(parsed)
        options.confinement = try LimitOptions.confinement(parsed)
        let tables = try tables(parsed)
        let run = try CheckCommand.runFiles(parsed.positional, options: options)
        let declared = Set(run.specs.flatMap { $0.datasets.map { Name.matchKey($0.name) } })
        for name in tables.keys.sorted() where !run.hasErrors && !declared.contains(Name.matchKey(name)) {
            let names = run.specs.flatMap { $0.datasets.map(\.name) }
            throw UsageError(message: "the spec declares no dataset named '\(name)' (--table \(name)=…)",
                             hint: Suggestions.closest(to: name, among: names).map { "did you mean '\($0)'?" }
                                ?? (names.isEmpty ? "the spec declares no dataset" : "the spec declares: " + names.joined(separator: ", ")))
        }
        if !run.diagnostics.isEmpty {
            let style = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
            out.writeError(DiagnosticRenderer(sources: run.sources, style: style).render(run.diagnostics, counts: run.diagnosticCounts))
        }
        guard !run.hasErrors, let checked = run.specs.first?.checked else { return .unusable }
        let queries = SQLPushdown.compile(checked, tables: tables, dialect: dialect.dialect)
        out.write(queries.map(\.text).joined(separator: "\n"))
        return .success
    }

    static func dialect(_ parsed: ParsedArguments) throws(UsageError) -> SQLDialectKind {
        let names = SQLDialectKind.allCases.map(\.rawValue)
        guard let given = parsed.value("--dialect") else {
            throw UsageError(message: "sql needs --dialect", hint: "use --dialect " + names.joined(separator: ", "))
        }
        guard let kind = SQLDialectKind(rawValue: given.lowercased()) else {
            let aliases = ["postgres": "postgresql", "pg": "postgresql", "psql": "postgresql", "sparksql": "spark", "spark-sql": "spark", "duck": "duckdb"]
            let closest = aliases[given.lowercased()] ?? Suggestions.closest(to: given.lowercased(), among: names)
            throw UsageError(message: "unknown dialect '\(given)'",
                             hint: closest.map { "did you mean '\($0)'?" } ?? "use --dialect " + names.joined(separator: ", "))
        }
        return kind
    }

    /// `--table NAME=TABLE`: dataset NAME reads TABLE (`schema.table`).
    static func tables(_ parsed: ParsedArguments) throws(UsageError) -> [String: SQLTableName] {
        var out: [String: SQLTableName] = [:]
        var given: [String: String] = [:]
        for binding in parsed.values["--table"] ?? [] {
            guard let eq = binding.firstIndex(of: "="), eq != binding.startIndex else {
                throw UsageError(message: "--table needs NAME=TABLE, found '\(binding)'")
            }
            let name = String(binding[..<eq])
            let text = String(binding[binding.index(after: eq)...])
            guard let table = SQLTableName(parsing: text) else {
                throw UsageError(message: "'\(text)' is not a table name", hint: "write TABLE or SCHEMA.TABLE, parts separated by single dots")
            }
            if let earlier = given[Name.matchKey(name)] {
                throw UsageError(message: "--table binds dataset '\(name)' twice", hint: "'\(earlier)' and '\(name)' name the same dataset")
            }
            given[Name.matchKey(name)] = name
            out[name] = table
        }
        return out
    }
}
