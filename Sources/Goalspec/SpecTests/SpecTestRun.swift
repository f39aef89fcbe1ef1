import Foundation

/// What `goalspec test` found: every test file's tests with their outcomes, and the problems in
/// the test files themselves.
public struct SpecTestRun: Sendable {
    /// The test files read, for rendering `diagnostics`.
    public var sources: SourceSet
    /// Problems in the test files (GS0701, GS0702) and test files that could not be read.
    public var diagnostics: [Diagnostic]
    public var files: [SpecTestFileResult]

    /// Every test's result, in file order.
    public var results: [SpecTestResult] { files.flatMap(\.results) }

    /// 2 when a test file or a tested spec could not be used, 1 when a test failed, 0 when all passed.
    public var status: ExitStatus {
        if diagnostics.contains(where: { $0.severity == .error }) || results.contains(where: \.isUnusable) || results.isEmpty {
            return .unusable
        }
        return results.allSatisfy(\.passed) ? .success : .notMet
    }
}

/// The tests of one `.goaltest` file.
public struct SpecTestFileResult: Sendable {
    public var path: String
    public var results: [SpecTestResult]
}

/// One test's outcome.
public struct SpecTestResult: Sendable {
    public enum Outcome: Sendable {
        case passed
        /// Each expectation that did not hold, with the target's report.
        case failed([ExpectationFailure])
        /// The spec or the fixture data could not be used (or the test names a target, dataset or
        /// figure that is not there: see the run's diagnostics); the spec run's diagnostics.
        case unusable(Runner.Run?)
    }

    public var name: String
    /// The test file and the line of its `test` line.
    public var file: String
    public var line: Int
    /// The spec tested, as resolved.
    public var spec: String
    public var outcome: Outcome

    public var passed: Bool { if case .passed = outcome { true } else { false } }
    public var isUnusable: Bool { if case .unusable = outcome { true } else { false } }
}

/// An expectation that did not hold.
public struct ExpectationFailure: Sendable {
    /// The test file's line of the `expect`.
    public var line: Int
    /// `job: expected met, got not met`.
    public var message: String
    /// The target as the text report shows it.
    public var report: String
}
