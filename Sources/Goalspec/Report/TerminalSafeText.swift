/// Text reports shown on a terminal or in a CI log never carry a control character that came
/// from a spec or a data file: an escape sequence in a hostile spec could otherwise clear the
/// screen, move the cursor over a verdict, retitle the window, or a carriage return overwrite
/// the line before it. Each control character is shown as a visible character of width one, so
/// carets drawn under a source line still line up.
enum TerminalSafeText {
    /// `text` with every C0 control other than tab and newline shown as its Unicode control
    /// picture (ESC as ␛, CR as ␍), DEL as ␡, C1 controls and the bidirectional overrides and
    /// isolates (which reorder how a line is displayed) as U+FFFD. When `keepingStyle`, the
    /// exact colour sequences ``TextStyle`` writes are kept; any other escape is shown.
    static func visible(_ text: String, keepingStyle: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsReplacing) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar == "\u{1B}", keepingStyle, let length = styleSequenceLength(scalars, at: i) {
                out.append(contentsOf: scalars[i..<(i + length)])
                i += length
                continue
            }
            out.append(contentsOf: replacement(for: scalar).unicodeScalars)
            i += 1
        }
        return String(out)
    }

    /// A hidden control (`Unicode.Scalar.isHiddenControl`) other than the newline that ends
    /// report lines.
    private static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && scalar.isHiddenControl
    }

    private static func replacement(for scalar: Unicode.Scalar) -> String {
        guard needsReplacing(scalar) else { return String(scalar) }
        let v = scalar.value
        if v < 0x20, let picture = Unicode.Scalar(0x2400 + v) { return String(picture) }
        if v == 0x7F { return "\u{2421}" }
        return "\u{FFFD}"
    }

    /// The length of a colour sequence of ``TextStyle`` starting at `i` (`ESC [ 1 ; 31 m`), or
    /// nil when the escape there starts anything else.
    private static func styleSequenceLength(_ scalars: [Unicode.Scalar], at i: Int) -> Int? {
        for sequence in TextStyle.sequences {
            let length = sequence.unicodeScalars.count
            guard i + length <= scalars.count else { continue }
            if scalars[i..<(i + length)].elementsEqual(sequence.unicodeScalars) { return length }
        }
        return nil
    }
}
