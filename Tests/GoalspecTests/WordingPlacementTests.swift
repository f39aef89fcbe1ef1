import Foundation
import Testing
@testable import Goalspec

/// The evaluator and the plan hand over values; every word a reader sees is chosen in Report/,
/// in one catalogue per language. This test reads the sources of Eval/ and Plan/ and fails on a
/// string literal with a word that is not spec syntax (a keyword or a measure function): such a
/// literal would be an English sentence that `--lang da` cannot translate.
///
/// Left out, because they are not report wording: diagnostics (`message:` and `hint:` of data
/// errors, which stay English by design) and raw values of enums (`"not met"`, stable JSON tokens).
@Suite("Wording lives in Report/")
struct WordingPlacementTests {
    static let sourceFolders = ["Eval", "Plan"]

    /// Words a literal may hold: spec syntax, which reads the same in every language.
    static let specWords: Set<String> = Set(Keyword.allCases.map(\.rawValue) + Checker.allFunctions)

    static func literals(in line: Substring) -> [String] {
        line.matches(of: /"(?:[^"\\]|\\.)*"/).map { String(line[$0.range]) }
    }

    @Test("no string literal in Eval/ or Plan/ holds a word that is not spec syntax")
    func noWordingOutsideReport() throws {
        let root = testsDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/Goalspec")
        var offending: [String] = []
        var scanned = 0
        for folder in Self.sourceFolders {
            let dir = root.appendingPathComponent(folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }.sorted()
            for file in files {
                let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.drop { $0 == " " }
                    if code.hasPrefix("//") { continue }
                    if code.contains("message:") || code.contains("hint:") { continue }
                    if code.wholeMatch(of: /case \w+ = ".*"/) != nil { continue }
                    for literal in Self.literals(in: line) {
                        scanned += 1
                        let bare = literal.replacing(/\\\([^)]*\)+/, with: " ")
                        let words = bare.matches(of: /\p{L}{2,}/).map { String(bare[$0.range]) }
                        let foreign = words.filter { !Self.specWords.contains($0) }
                        if !foreign.isEmpty { offending.append("\(folder)/\(file):\(n + 1): \(literal)") }
                    }
                }
            }
        }
        #expect(scanned > 20, "the scan found only \(scanned) literals: is it reading the sources?")
        #expect(offending.isEmpty, "wording outside Report/:\n\(offending.joined(separator: "\n"))")
    }
}
