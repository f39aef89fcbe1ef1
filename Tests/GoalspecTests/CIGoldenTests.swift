import Foundation
import Testing
@testable import Goalspec
@testable import GoalspecCLI

/// Golden files of the CI outputs on the bundled MSB 2026 spec: `check --format github`,
/// the results of `check --format sarif` (not its rules, which grow with every new diagnostic
/// code), and `goalspec test`. The commands get absolute paths (the tests never
/// change the current folder); the repository's root is taken out of the output, so the golden
/// files show the paths a run from the root prints. Re-record with GOALSPEC_UPDATE_GOLDEN=1.
@Suite struct CIGoldenTests {
    static let root = repositoryRoot.path + "/"

    static let cases: [(name: String, arguments: [String])] = [
        ("github-msb-2026.txt", ["check", "Specs/aarhus-msb-2026.goal", "--format", "github"]),
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

    @Test func sarifResults() throws {
        let run = Runner.run(files: [Self.root + "Specs/aarhus-msb-2026.goal"])
        let log = SARIFReport.render(run)
        let results = try #require(Self.member(Self.member(log, "runs").flatMap(Self.first), "results"))
        let actual = results.serialized().replacingOccurrences(of: SARIFReport.uri(Self.root), with: "")
            .replacingOccurrences(of: Self.root, with: "") + "\n"
        let path = testsDirectory.appendingPathComponent("Golden/ci/sarif-msb-2026-results.json").path
        Golden.check(actual, againstFileAt: path, shownAs: "Golden/ci/sarif-msb-2026-results.json",
                     source: "the results of goalspec check Specs/aarhus-msb-2026.goal --format sarif", filter: "CIGoldenTests")
    }

    static func member(_ value: JSONValue?, _ key: String) -> JSONValue? {
        guard case .object(let pairs)? = value else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    static func first(_ value: JSONValue) -> JSONValue? {
        guard case .array(let items) = value else { return nil }
        return items.first
    }
}
