extension Unicode.Scalar {
    /// Whether the character changes how text looks rather than what it says: a control
    /// character other than tab (an escape sequence, a carriage return, DEL, the C1 controls)
    /// or a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which can make a
    /// line display differently from its text ("Trojan Source"). Strings and comments may not
    /// hold one (the lexer), and reports never print one raw (`TerminalSafeText`).
    var isHiddenControl: Bool {
        let v = value
        return (v < 0x20 && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// The code point as messages write it: `U+001B`.
    var codePointText: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
