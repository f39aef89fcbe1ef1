#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Goalspec

/// Runs the command line and returns the exit status.
func runCommandLine(_ arguments: [String]) -> ExitStatus {
    guard let first = arguments.first else {
        Terminal.write(Usage.main)
        return .success
    }
    do throws(UsageError) {
        switch first {
        case "--help", "-h", "help":
            Terminal.write(Usage.main)
            return .success
        case "--version":
            Terminal.write("goalspec \(Goalspec.version)\n")
            return .success
        case "check":
            return try CheckCommand.run(Array(arguments.dropFirst()))
        default:
            let commands = ["check"]
            let hint = Suggestions.closest(to: first, among: commands + ["--help", "--version"]).map { "did you mean '\($0)'?" }
            throw UsageError(message: "unknown command '\(first)'", hint: hint ?? "the commands are: \(commands.joined(separator: ", "))")
        }
    } catch {
        Terminal.writeError("goalspec: \(error.message)\n")
        if let hint = error.hint { Terminal.writeError("hint: \(hint)\n") }
        Terminal.writeError("run 'goalspec --help' for usage\n")
        return .usage
    }
}

exit(runCommandLine(Array(CommandLine.arguments.dropFirst())).rawValue)
