/// The exit statuses of goalspec, as documented in README.md.
struct ExitStatus: RawRepresentable, Sendable, Equatable {
    var rawValue: Int32

    /// Every target met (check); no problem found (lint); formatted (fmt --check).
    static let success = ExitStatus(rawValue: 0)
    /// Some target not met or without data (check); warnings with --strict (lint); unformatted files (fmt --check).
    static let notMet = ExitStatus(rawValue: 1)
    /// A spec or its data could not be used.
    static let unusable = ExitStatus(rawValue: 2)
    /// The command line was not understood (EX_USAGE).
    static let usage = ExitStatus(rawValue: 64)
}
