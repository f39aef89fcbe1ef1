import Foundation
import Goalspec

/// `goalspec fmt`: print, rewrite (`--write`) or check (`--check`) the canonical form of specs.
enum FormatCommand {
    static let arguments = ArgumentSpec(valued: ["--color": false, "--root": true], flags: ["--help", "--write", "--check"])

    static func run(_ args: [String], terminal: TerminalInfo, out: inout CommandOutput) throws(UsageError) -> ExitStatus {
        let parsed = try ArgumentParser.parse(args, arguments)
        if parsed.flags.contains("--help") {
            out.write(Usage.fmt)
            return .success
        }
        let write = parsed.flags.contains("--write")
        let check = parsed.flags.contains("--check")
        if write && check {
            throw UsageError(message: "--write and --check cannot be combined",
                             hint: "--check reports unformatted files; --write formats them")
        }
        if let c = parsed.value("--color"), !["auto", "always", "never"].contains(c) {
            throw UsageError(message: "unknown colour mode '\(c)'", hint: "use --color auto, always or never")
        }
        guard !parsed.positional.isEmpty else {
            throw UsageError(message: "fmt needs the spec files or folders to format", hint: "write goalspec fmt FILE|DIR...")
        }
        let confinement = try LimitOptions.confinement(parsed)
        let outside = confinement.map { c in parsed.positional.filter { !c.allows($0) } } ?? []
        var (files, missing) = Runner.specFiles(in: parsed.positional.filter { !outside.contains($0) })
        var sources = SourceSet()
        var diagnostics: [Diagnostic] = missing.map {
            Diagnostic(.specFileUnreadable, at: .file(path: $0), "no such file or folder")
        }
        if let confinement {
            // Files found in a folder may be links out of the roots.
            let refused = outside + files.filter { !confinement.allows($0) }
            files.removeAll { !confinement.allows($0) }
            diagnostics += refused.map {
                Diagnostic(.pathOutsideRoots, at: .file(path: $0), "'\($0)' is outside the allowed roots",
                           hint: "confined mode (--root) reads only files inside its roots")
            }
        }
        if files.isEmpty && missing.isEmpty && outside.isEmpty {
            diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: parsed.positional.joined(separator: " ")),
                                          "no .goal files found"))
        }
        var internalErrors: [String] = []
        var unformatted = 0
        var printed = 0
        for path in files {
            let source: SourceFile
            switch SourceFile.read(path: path) {
            case .success(let file): source = file
            case .failure(let failure):
                diagnostics.append(SourceFile.diagnostic(for: failure, path: path))
                continue
            }
            let bytes = source.bytes
            let index = sources.add(source)
            let (formatted, fileDiagnostics) = SpecFormatter.format(source, file: index)
            diagnostics += fileDiagnostics
            guard let formatted else { continue }
            guard SpecFormatter.preservesMeaning(of: source, formatted: formatted) else {
                internalErrors.append("goalspec: internal error: the formatted text of \(path) would not parse to the same "
                    + "spec; the file is left unchanged (please report this with the file)\n")
                continue
            }
            let changed = !Array(formatted.utf8).elementsEqual(bytes)
            if write {
                guard changed else { continue }
                do throws(AtomicFileWrite.Failure) {
                    try rewrite(path, with: formatted)
                    out.write(path + "\n")
                } catch {
                    diagnostics.append(Diagnostic(.specFileUnreadable, at: .file(path: path), "cannot write the formatted file: \(error.message)"))
                }
            } else if check {
                guard changed else { continue }
                unformatted += 1
                out.write(LineDiff.unified(old: source.text, new: formatted, oldName: path, newName: path + " (formatted)"))
            } else {
                if files.count > 1 { out.write((printed > 0 ? "\n" : "") + "==> \(path) <==\n") }
                out.write(formatted)
                printed += 1
            }
        }
        if !diagnostics.isEmpty {
            let style = TextStyle(colored: terminal.useColor(parsed.value("--color"), stderr: true))
            var list = DiagnosticList()
            list.append(contentsOf: diagnostics)
            let (shown, counts) = list.finishCounted(sources: sources)
            out.writeError(DiagnosticRenderer(sources: sources, style: style).render(shown, counts: counts))
        }
        for message in internalErrors { out.writeError(message) }
        if diagnostics.contains(where: { $0.severity == .error }) || !internalErrors.isEmpty { return .unusable }
        return unformatted > 0 ? .notMet : .success
    }

    /// Replaces a file's content atomically (see ``AtomicFileWrite``).
    static func rewrite(_ path: String, with text: String) throws(AtomicFileWrite.Failure) {
        try AtomicFileWrite.replace(path, with: text)
    }
}
