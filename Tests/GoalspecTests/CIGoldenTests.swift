import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// Golden files of the CI outputs on the bundled MSB 2026 spec: `check --format github`,
/// `check --format sarif` and `goalspec test`. The commands get absolute paths (the tests never
/// change the current folder); the repository's root is taken out of the output, so the golden
/// files show the paths a run from the root prints. Re-record with GOALSPEC_UPDATE_GOLDEN=1.
@Suite struct CIGoldenTests {
    static let root = repositoryRoot.path + "/"

    static let cases: [(name: String, arguments: [String])] = [
        ("github-msb-2026.txt", ["check", "Specs/aarhus-msb-2026.goal", "--format", "github"]),
        ("sarif-msb-2026.json", ["check", "Specs/aarhus-msb-2026.goal", "--format", "sarif"]),
        ("test-msb-2026.txt", ["test", "Specs/tests/aarhus-msb-2026.goaltest"]),
    ]

    @Test(arguments: cases.map(\.name))
    func output(name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let absolute = arguments.map { $0.hasPrefix("Specs/") ? Self.root + $0 : $0 }
        let (_, out) = CommandLineTool.run(absolute)
        let actual = out.stdout
            .replacingOccurrences(of: SARIFReport.uri(Self.root), with: "")
            .replacingOccurrences(of: Self.root, with: "")
        let path = testsDirectory.appendingPathComponent("Golden/ci/\(name)").path
        Golden.check(actual, againstFileAt: path, shownAs: "Golden/ci/\(name)", source: "goalspec " + arguments.joined(separator: " "),
                     filter: "CIGoldenTests")
    }
}
