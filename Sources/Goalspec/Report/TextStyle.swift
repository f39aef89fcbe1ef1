/// Terminal styling for text reports: ANSI colours when enabled, plain text otherwise.
public struct TextStyle: Sendable {
    /// Whether ANSI colour codes are written.
    public var colored: Bool

    public init(colored: Bool) { self.colored = colored }

    private func wrap(_ s: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func red(_ s: String) -> String { wrap(s, "1;31") }
    public func green(_ s: String) -> String { wrap(s, "1;32") }
    public func yellow(_ s: String) -> String { wrap(s, "1;33") }
    public func cyan(_ s: String) -> String { wrap(s, "1;36") }
}
