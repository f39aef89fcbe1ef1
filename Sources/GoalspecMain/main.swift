#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GoalspecCLI

let (status, output) = CommandLineTool.run(Array(CommandLine.arguments.dropFirst()), terminal: Terminal.info)
Terminal.writeError(output.stderr)
Terminal.write(output.stdout)
exit(status)
