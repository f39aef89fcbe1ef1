#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GoalspecCLI

let arguments = Array(CommandLine.arguments.dropFirst())
if LanguageServerCommand.matches(arguments) {
    exit(LanguageServerCommand.run(arguments, input: STDIN_FILENO, output: STDOUT_FILENO, error: STDERR_FILENO))
}
let (status, output) = CommandLineTool.run(arguments, terminal: Terminal.info)
Terminal.writeError(output.stderr)
Terminal.write(output.stdout)
exit(status)
