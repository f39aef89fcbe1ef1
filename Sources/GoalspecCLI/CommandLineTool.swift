import Goalspec

/// What a command wrote: text for standard output and standard error.
public struct CommandOutput: Sendable {
    public var stdout = ""
    public var stderr = ""

    mutating func write(_ s: String) { stdout += s }
    mutating func writeError(_ s: String) { stderr += s }
}

/// How the process is attached: decides colour in `--color auto`.
public struct TerminalInfo: Sendable {
    public var stdoutIsTerminal: Bool
    public var stderrIsTerminal: Bool
    /// NO_COLOR is set to a non-empty value, or TERM is dumb.
    public var noColor: Bool

    public init(stdoutIsTerminal: Bool = false, stderrIsTerminal: Bool = false, noColor: Bool = false) {
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
        self.noColor = noColor
    }

    /// Whether to colour a stream for a `--color` value.
    func useColor(_ option: String?, stderr: Bool) -> Bool {
        switch option {
        case "always": return true
        case "never": return false
        default: return !noColor && (stderr ? stderrIsTerminal : stdoutIsTerminal)
        }
    }
}

/// The goalspec command line: runs one command and returns its exit status and output.
public enum CommandLineTool {
    public static func run(_ arguments: [String], terminal: TerminalInfo = TerminalInfo()) -> (status: Int32, output: CommandOutput) {
        var out = CommandOutput()
        let status = dispatch(arguments, terminal: terminal, out: &out)
        return (status.rawValue, out)
    }

    static func dispatch(_ arguments: [String], terminal: TerminalInfo, out: inout CommandOutput) -> ExitStatus {
        guard let first = arguments.first else {
            out.write(Usage.main)
            return .success
        }
        do throws(UsageError) {
            switch first {
            case "--help", "-h", "help":
                out.write(Usage.main)
                return .success
            case "--version":
                out.write("goalspec \(Runner.version)\n")
                return .success
            case "check":
                return try CheckCommand.run(Array(arguments.dropFirst()), terminal: terminal, out: &out)
            case "lint":
                return try LintCommand.run(Array(arguments.dropFirst()), terminal: terminal, out: &out)
            case "fmt":
                return try FormatCommand.run(Array(arguments.dropFirst()), terminal: terminal, out: &out)
            case "sql":
                return try SQLCommand.run(Array(arguments.dropFirst()), terminal: terminal, out: &out)
            case "lsp":
                // The server itself streams (see LanguageServerCommand); here only its help.
                out.write(Usage.lsp)
                return .success
            case "test":
                return try TestCommand.run(Array(arguments.dropFirst()), terminal: terminal, out: &out)
            default:
                let commands = ["check", "lint", "fmt", "sql", "test", "lsp"]
                let hint = Suggestions.closest(to: first, among: commands + ["--help", "--version"]).map { "did you mean '\($0)'?" }
                throw UsageError(message: "unknown command '\(first)'", hint: hint ?? "the commands are: \(commands.joined(separator: ", "))")
            }
        } catch {
            out.writeError("goalspec: \(error.message)\n")
            if let hint = error.hint { out.writeError("hint: \(hint)\n") }
            out.writeError("run 'goalspec --help' for usage\n")
            return .usage
        }
    }
}
