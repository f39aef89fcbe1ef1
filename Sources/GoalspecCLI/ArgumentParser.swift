import Goalspec

/// A command line that could not be understood; rendered with the usage and exit status 64.
struct UsageError: Error {
    var message: String
    var hint: String?
}

/// The options one command accepts, and the parsed result.
struct ArgumentSpec {
    /// Options that take a value (`--format json` or `--format=json`), with whether they repeat.
    var valued: [String: Bool]
    /// Options without a value.
    var flags: Set<String>
}

struct ParsedArguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
}

enum ArgumentParser {
    /// Parses arguments after the subcommand; `--` ends options.
    static func parse(_ args: [String], _ spec: ArgumentSpec) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        let known = Array(spec.valued.keys) + Array(spec.flags)
        while i < args.count {
            let arg = args[i]
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                out.positional.append(arg)
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            var name = arg
            var inline: String? = nil
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            if name == "-h" { name = "--help" }
            if spec.flags.contains(name) {
                if inline != nil { throw UsageError(message: "option \(name) takes no value") }
                out.flags.insert(name)
            } else if let repeats = spec.valued[name] {
                let value: String
                if let inline {
                    value = inline
                } else {
                    guard i < args.count else { throw UsageError(message: "option \(name) needs a value") }
                    value = args[i]
                    i += 1
                }
                if !repeats, out.values[name] != nil { throw UsageError(message: "option \(name) is given twice") }
                out.values[name, default: []].append(value)
            } else {
                let suggestion = Suggestions.closest(to: name, among: known)
                throw UsageError(message: "unknown option '\(name)'", hint: suggestion.map { "did you mean '\($0)'?" })
            }
        }
        return out
    }
}
