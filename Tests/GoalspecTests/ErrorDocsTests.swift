import Foundation
import Testing
@testable import Goalspec

/// `docs/errors/`: one page per diagnostic code, and the index.
let errorDocsDirectory: URL = testsDirectory
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // the package
    .appendingPathComponent("docs")
    .appendingPathComponent("errors")

/// The text of a file in docs/errors, or nil when it does not exist.
func errorDocsPage(_ name: String) -> String? {
    FileManager.default.contents(atPath: errorDocsDirectory.appendingPathComponent(name).path)
        .map { String(decoding: $0, as: UTF8.self) }
}

@Suite("Error documentation")
struct ErrorDocsTests {
    @Test("every diagnostic code has a page with its heading, an example and a fix", arguments: DiagnosticCode.allCases)
    func pageExists(_ code: DiagnosticCode) throws {
        let name = "\(code.rawValue).md"
        guard let page = errorDocsPage(name) else {
            Issue.record("docs/errors/\(name) is missing: write what \(code.rawValue) (\(code.title)) means, a failing example in a ```goal block, the rendered error, and the fix in another ```goal block")
            return
        }
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains { $0.hasPrefix("# \(code.rawValue)") }, "docs/errors/\(name) lacks the heading '# \(code.rawValue): \(code.title)'")
        #expect(lines.first == "# \(code.rawValue): \(code.title)",
                "docs/errors/\(name) should start with '# \(code.rawValue): \(code.title)' (the code's title), found '\(lines.first ?? "")'")
        let goalBlocks = lines.filter { $0 == "```goal" }.count
        #expect(goalBlocks >= 2, "docs/errors/\(name) has \(goalBlocks) ```goal blocks; it needs a failing example and its fix")
    }

    @Test("the index lists every code, and every page belongs to a code")
    func indexIsComplete() throws {
        let index = try #require(errorDocsPage("README.md"), "docs/errors/README.md is missing")
        let unlisted = DiagnosticCode.allCases.filter { !index.contains("(\($0.rawValue).md)") }.map(\.rawValue)
        #expect(unlisted.isEmpty, "docs/errors/README.md does not link to: \(unlisted.joined(separator: ", "))")

        let files = try FileManager.default.contentsOfDirectory(atPath: errorDocsDirectory.path)
        let known = Set(DiagnosticCode.allCases.map { "\($0.rawValue).md" })
        let stray = files.filter { $0.hasPrefix("GS") && $0.hasSuffix(".md") && !known.contains($0) }.sorted()
        #expect(stray.isEmpty, "pages for codes that do not exist: \(stray.joined(separator: ", "))")
    }
}
