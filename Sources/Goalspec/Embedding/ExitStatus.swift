/// The exit statuses of goalspec, as documented in README.md. ``Runner/Run/exitStatus`` computes
/// the status of `goalspec check` with these, so tools that embed the library get the same answer.
public struct ExitStatus: RawRepresentable, Sendable, Equatable {
    public var rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Every target met (check); no problem found (lint); formatted (fmt --check); every test passed (test).
    public static let success = ExitStatus(rawValue: 0)
    /// Some target not met or without data (check); warnings with --strict (lint); unformatted files (fmt --check); a test failed (test).
    public static let notMet = ExitStatus(rawValue: 1)
    /// A spec, its data or a test file could not be used.
    public static let unusable = ExitStatus(rawValue: 2)
    /// The command line was not understood (EX_USAGE).
    public static let usage = ExitStatus(rawValue: 64)
}
