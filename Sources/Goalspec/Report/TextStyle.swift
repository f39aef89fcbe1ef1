/// Terminal styling for text reports: ANSI colours when enabled, plain text otherwise.
public struct TextStyle: Sendable {
    /// Whether ANSI colour codes are written.
    public var colored: Bool

    public init(colored: Bool) { self.colored = colored }

    /// The codes this style writes: bold, dim, red, green, yellow, cyan, and the reset.
    private static let codes = ["1", "2", "1;31", "1;32", "1;33", "1;36", "0"]
    /// Every escape sequence this style writes; ``TerminalSafeText`` keeps these and no others.
    static let sequences = codes.map { "\u{1B}[\($0)m" }

    private func wrap(_ s: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    /// `text` safe to show on a terminal: control characters from specs and data made visible,
    /// this style's own colours kept.
    func safe(_ text: String) -> String { TerminalSafeText.visible(text, keepingStyle: colored) }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func red(_ s: String) -> String { wrap(s, "1;31") }
    public func green(_ s: String) -> String { wrap(s, "1;32") }
    public func yellow(_ s: String) -> String { wrap(s, "1;33") }
    public func cyan(_ s: String) -> String { wrap(s, "1;36") }
}
