import Goalspec

/// `goalspec test`: run the `.goaltest` files under the given paths.
enum TestCommand {
    static let arguments = ArgumentSpec(valued: ["--junit": false, "--color": false], flags: ["--help"])

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.test)
            return .success
        }
        if let c = parsed.value("--color"), !["auto", "always", "never"].contains(c) {
            throw UsageError(message: "unknown colour mode '\(c)'", hint: "use --color auto, always or never")
        }
        if parsed.value("--junit")?.isEmpty == true { throw UsageError(message: "--junit needs a file name") }
        let run = SpecTestRunner.run(paths: parsed.positional.isEmpty ? ["."] : parsed.positional)
        let errStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
        let outStyle = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: false))
        out.writeError(SpecTestReport.diagnostics(run, style: errStyle))
        out.write(SpecTestReport.text(run, style: outStyle))
        if let path = parsed.value("--junit") {
            do {
                try ReportFile.write(SpecTestReport.junit(run), to: path)
            } catch {
                out.writeError("goalspec: cannot write the JUnit report to '\(path)': \(error.reason)\n")
                return .unusable
            }
        }
        return run.status
    }
}
