import Foundation
import Testing
@testable import Goalspec

/// The comments of a file as the test sees them: each comment's source text without trailing
/// white space, in order (computed here, not with the formatter's own helper).
func formatTestComments(_ source: SourceFile) -> [String] {
    SpecParser.parse(source, file: 0).tree.comments.map { range in
        var text = source.text(in: range)
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}

/// Checks the formatter's properties on one spec without syntax errors: the formatted text
/// parses without errors to the same tree, keeps every comment in order, has canonical line
/// ends and indentation, and formatting it again changes nothing. Returns the formatted text.
@discardableResult
func checkFormatProperties(_ source: SourceFile, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    let original = SpecParser.parse(source, file: 0)
    let (text, diagnostics) = SpecFormatter.format(source)
    guard original.diagnostics.isEmpty else {
        #expect(text == nil, "\(source.path) has syntax errors but was formatted", sourceLocation: sourceLocation)
        #expect(!diagnostics.isEmpty, sourceLocation: sourceLocation)
        return nil
    }
    guard let text else {
        Issue.record("\(source.path) parses cleanly but was not formatted: \(diagnostics.map(\.message))", sourceLocation: sourceLocation)
        return nil
    }
    let formattedSource = SourceFile(path: source.path, text: text)
    let reparsed = SpecParser.parse(formattedSource, file: 0)
    #expect(reparsed.diagnostics.isEmpty,
            "\(source.path): the formatted text has errors: \(reparsed.diagnostics.map(\.message))\n\(text)",
            sourceLocation: sourceLocation)
    #expect(reparsed.tree.structure == original.tree.structure,
            "\(source.path): the formatted text parses to another tree\n--- input\n\(source.text)\n--- formatted\n\(text)",
            sourceLocation: sourceLocation)
    #expect(formatTestComments(formattedSource) == formatTestComments(source),
            "\(source.path): comments lost or reordered\n--- input\n\(source.text)\n--- formatted\n\(text)",
            sourceLocation: sourceLocation)
    let again = SpecFormatter.format(formattedSource).text
    #expect(again == text,
            "\(source.path): formatting is not idempotent\n\(LineDiff.unified(old: text, new: again ?? "", oldName: "once", newName: "twice"))",
            sourceLocation: sourceLocation)
    let preserved = SpecFormatter.preservesMeaning(of: source, formatted: text)
    #expect(preserved, "\(source.path): SpecFormatter.preservesMeaning disagrees", sourceLocation: sourceLocation)
    // Canonical layout: LF line ends, a final newline, no trailing spaces, indentation in
    // steps of two spaces, at most one blank line in a row and none at the start.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(text.isEmpty || text.hasSuffix("\n"), sourceLocation: sourceLocation)
    #expect(!text.contains("\r") && !text.hasPrefix("\n"), sourceLocation: sourceLocation)
    #expect(!text.contains("\n\n\n"), "\(source.path): two blank lines in a row", sourceLocation: sourceLocation)
    for line in lines {
        #expect(line.last != " ", "\(source.path): trailing space in '\(line)'", sourceLocation: sourceLocation)
        let indent = line.prefix { $0 == " " }.count
        #expect(indent % 2 == 0, "\(source.path): odd indentation in '\(line)'", sourceLocation: sourceLocation)
    }
    return text
}

/// Every `.goal` file below a folder, recursively.
func goalFiles(below folder: URL) -> [URL] {
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "goal" }.sorted { $0.path < $1.path }
}

@Suite("Formatter properties")
struct FormatPropertyTests {
    static let specsFolder = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Specs")

    @Test("every spec in Specs/ (recursively): same tree, same comments, idempotent")
    func specsFolder() throws {
        let files = goalFiles(below: Self.specsFolder)
        #expect(!files.isEmpty)
        var formattedCount = 0
        for url in files {
            let data = try #require(FileManager.default.contents(atPath: url.path))
            if checkFormatProperties(SourceFile(path: url.path, bytes: [UInt8](data))) != nil { formattedCount += 1 }
        }
        // Specs are meant to run: none of them may have a syntax error.
        #expect(formattedCount == files.count)
    }

    @Test("the format goldens, inputs and outputs")
    func goldens() throws {
        var count = 0
        for url in goalFiles(below: FormatGoldenCase.folder) {
            let data = try #require(FileManager.default.contents(atPath: url.path))
            let text = try #require(checkFormatProperties(SourceFile(path: url.path, bytes: [UInt8](data))))
            checkFormatProperties(SourceFile(path: url.path + " (formatted)", text: text))
            count += 1
        }
        #expect(count >= FormatGoldenCase.minimumCount)
    }

    @Test("the diagnostics corpus: specs without syntax errors keep their meaning; the others are refused")
    func diagnosticsCorpus() throws {
        let folder = testsDirectory.appendingPathComponent("Golden").appendingPathComponent("diagnostics")
        var clean = 0, broken = 0
        for url in goalFiles(below: folder) {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }  // renamed meanwhile
            if checkFormatProperties(SourceFile(path: url.path, bytes: [UInt8](data))) != nil { clean += 1 } else { broken += 1 }
        }
        #expect(clean > 0)
        #expect(broken > 0)
    }

    @Test("generated specs: every one parses, and formatting keeps tree and comments and is idempotent",
          arguments: 0..<20)
    func generated(batch: Int) {
        var parentheses = 0, comments = 0, lines = 0
        for i in 0..<25 {
            let seed = UInt64(batch * 25 + i)
            let text = FormatSpecGenerator.spec(seed: seed)
            let source = SourceFile(path: "generated-\(seed).goal", text: text)
            let diagnostics = SpecParser.parse(source, file: 0).diagnostics
            #expect(diagnostics.isEmpty, "seed \(seed): the generator wrote an invalid spec: \(diagnostics.map(\.message))\n\(text)")
            guard diagnostics.isEmpty, let out = checkFormatProperties(source) else { continue }
            parentheses += out.filter { $0 == "(" }.count
            comments += formatTestComments(source).count
            lines += out.split(separator: "\n").count
        }
        // The generator really exercises the formatter.
        #expect(parentheses > 0 && comments > 25 && lines > 100)
    }
}
