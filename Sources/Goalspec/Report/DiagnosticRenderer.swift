/// Renders diagnostics as text: `FILE:LINE:COL: error[CODE]: message`, the source line, a caret
/// under the whole span (columns counted in characters), then have/want, hint and notes.
public struct DiagnosticRenderer: Sendable {
    public var sources: SourceSet
    public var style: TextStyle
    /// The language of the fixed words (error, hint, "not shown"); messages stay English.
    public var words: any MessageCatalogue

    public init(sources: SourceSet, style: TextStyle = TextStyle(colored: false), language: ReportLanguage = .english) {
        self.sources = sources
        self.style = style
        self.words = language.catalogue
    }

    /// The rendered diagnostics, each followed by a blank line, and the "N more" line when some were left out.
    public func render(_ diagnostics: [Diagnostic], omitted: Int = 0) -> String {
        var out = ""
        for d in diagnostics {
            out += render(d)
            out += "\n"
        }
        if omitted > 0 {
            out += "\(omitted) more \(omitted == 1 ? "diagnostic" : "diagnostics") not shown\n"
        }
        return out
    }

    /// The rendered diagnostics, then a line saying how many of each severity the cap left out.
    public func render(_ diagnostics: [Diagnostic], counts: DiagnosticCounts) -> String {
        var out = ""
        for d in diagnostics {
            out += render(d)
            out += "\n"
        }
        if let line = words.omittedDiagnostics(counts) { out += line + "\n" }
        return out
    }

    /// The location as `FILE:LINE:COL`.
    public func locationText(_ location: DiagnosticLocation) -> String {
        switch location {
        case .source(let r):
            guard let file = sources.file(r.file) else { return "?" }
            let (line, column) = file.lineColumn(of: r.lowerBound)
            return "\(file.path):\(line):\(column)"
        case .dataFile(let path, let line, let column, _):
            if line == 0 { return path }
            return column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
        case .file(let path):
            return path
        }
    }

    /// One diagnostic, ending in a newline. Control characters from the spec or the data (an
    /// escape sequence, a carriage return) are shown as visible characters, never sent raw.
    public func render(_ d: Diagnostic) -> String {
        style.safe(renderRaw(d))
    }

    private func renderRaw(_ d: Diagnostic) -> String {
        let label = "\(words.severity(d.severity))[\(d.code.rawValue)]"
        let severity: String = switch d.severity {
        case .error: style.red(label)
        case .warning: style.yellow(label)
        case .note: style.cyan(label)
        }
        var out = "\(style.bold(locationText(d.location) + ":")) \(severity): \(style.bold(d.message))\n"
        out += excerpt(d.location)
        if let have = d.have { out += "  \(words.haveWord): \(have)\n" }
        if let want = d.want { out += "  \(words.wantWord): \(want)\n" }
        if let hint = d.hint { out += "  \(style.cyan(words.hintWord)): \(hint)\n" }
        for note in d.notes {
            if let at = note.location {
                out += "  \(style.cyan(words.noteWord)): \(note.message) \(words.noteLocation(locationText(at)))\n"
            } else {
                out += "  \(style.cyan(words.noteWord)): \(note.message)\n"
            }
        }
        return out
    }

    /// The source line with a caret under the span, or nothing when there is no line to show.
    func excerpt(_ location: DiagnosticLocation) -> String {
        let lineNumber: Int
        let lineText: String
        let column: Int
        var width = 1
        switch location {
        case .source(let r):
            guard let file = sources.file(r.file) else { return "" }
            let start = file.lineColumn(of: r.lowerBound)
            lineNumber = start.line
            lineText = file.lineText(start.line)
            column = start.column
            let end = file.lineColumn(of: r.upperBound)
            let lineLength = lineText.count
            width = end.line == start.line ? max(1, end.column - start.column) : max(1, lineLength - start.column + 1)
        case .dataFile(_, let line, let col, let text):
            guard let text, line > 0 else { return "" }
            lineNumber = line
            lineText = text
            column = max(1, col)
        case .file:
            return ""
        }
        let maxShown = 160
        var shownLine = lineText.replacingOccurrences(of: "\t", with: " ")
        var caretColumn = column
        if shownLine.count > maxShown {
            let startOffset = max(0, min(column - 40, shownLine.count - maxShown))
            shownLine = "…" + String(shownLine.dropFirst(startOffset).prefix(maxShown))
            caretColumn = column - startOffset + 1
            width = min(width, maxShown)
        }
        let gutter = String(lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        var out = " \(style.dim(gutter + " |")) \(shownLine)\n"
        let caretWidth = max(1, min(width, max(1, shownLine.count - caretColumn + 1)))
        out += " \(style.dim(pad + " |")) \(String(repeating: " ", count: max(0, caretColumn - 1)))\(style.red(String(repeating: "^", count: caretWidth)))\n"
        return out
    }
}
