/// A `.goaltest` file as parsed: tests of a spec's verdicts and figures on fixture data
/// (the format is described in docs/testing-specs.md).
public struct SpecTestFile: Sendable {
    /// The file's path, as given.
    public var path: String
    /// The file's index in the run's ``SpecTestRun/sources``.
    public var file: Int
    /// The file's text.
    public var source: SourceFile
    /// The tests, in file order.
    public var tests: [SpecTest]
}

/// Text written in a test file, with where it is written.
public struct LocatedText: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
}

/// One `test "NAME"` block.
public struct SpecTest: Sendable {
    public var name: String
    /// The `test` line.
    public var range: SourceRange
    /// The spec's path as written (relative to the test file), from the test's own `spec` line or the file's.
    public var spec: LocatedText
    /// `at PERIOD`: the period to evaluate at; nil: each target's own, else the latest in the data.
    public var period: Period?
    /// Fixture data replacing datasets of the spec; datasets not named read the spec's own files.
    public var data: [TestData]
    public var expectations: [Expectation]
}

/// A dataset given by a test: an inline table or a file.
public struct TestData: Sendable {
    public enum Source: Sendable {
        /// CSV text written below `data NAME`, one row a line, the header first.
        case table(String)
        /// `data NAME from "PATH"`: a file, relative to the test file.
        case file(LocatedText)
    }
    public var name: LocatedText
    public var source: Source
}

/// One `expect` line: a target's verdict, or one of its figures as the text report shows it.
public struct Expectation: Sendable {
    public enum Kind: Sendable {
        case verdict(Verdict)
        /// `LABEL = VALUE`: the measure labelled LABEL in the explanation (`share(job)`,
        /// `avg(6byer)`), or `margin` (the first comparison's), shown as VALUE.
        case figure(label: LocatedText, value: String)
    }
    /// The target's id, or the goal's title when `isGoal` (`expect goal "TITLE" met`).
    public var target: LocatedText
    /// Whether the expectation is about a goal, named by its title (goals have a verdict only).
    public var isGoal = false
    public var kind: Kind
    /// The whole line.
    public var range: SourceRange
}
