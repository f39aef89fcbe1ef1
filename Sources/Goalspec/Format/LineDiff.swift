/// A line diff in unified style, for `goalspec fmt --check`:
///
/// ```
/// --- spec.goal
/// +++ spec.goal (formatted)
/// @@ -3,4 +3,4 @@
///  data d from "d.csv"
/// -  entity city      # the cities
/// +  entity city  # the cities
/// ```
///
/// The common prefix and suffix are matched first; the lines between are matched by longest
/// common subsequence (or, past `maxCells` table cells, all replaced), then grouped into hunks
/// with `context` unchanged lines around each change.
public enum LineDiff {
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The largest LCS table computed; larger middles are shown as removed and added.
    static let maxCells = 4_000_000

    /// The diff of `old` and `new`, or "" when they are equal. When only line ends differ (CRLF,
    /// a missing final newline), a note says so instead of a hunk.
    public static func unified(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        guard old.utf8.elementsEqual(new.utf8) == false else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        let hunks = hunks(edits(lines(old), lines(new)), context: context)
        if hunks.isEmpty { out += "(only the line ends differ: CRLF or the final newline)\n" }
        for hunk in hunks { out += hunk }
        return out
    }

    /// Lines without their terminators; a final line end does not start another line.
    static func lines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift, so both line ends are separators.
        var parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        var out = a[..<prefix].map(Edit.same)
        if midA.count * midB.count > maxCells {
            out += midA.map(Edit.removed) + midB.map(Edit.added)
        } else {
            // lcs[i][j]: the longest common subsequence of midA[i...] and midB[j...].
            let n = midA.count, m = midB.count
            var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = midA[i] == midB[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            var i = 0, j = 0
            while i < n || j < m {
                if i < n, j < m, midA[i] == midB[j] {
                    out.append(.same(midA[i])); i += 1; j += 1
                } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
                    out.append(.added(midB[j])); j += 1
                } else {
                    out.append(.removed(midA[i])); i += 1
                }
            }
        }
        out += a[(a.count - suffix)...].map(Edit.same)
        return out
    }

    /// The hunks of an edit script, each with its `@@ -l,n +l,n @@` header.
    static func hunks(_ edits: [Edit], context: Int) -> [String] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        guard !changed.isEmpty else { return [] }
        // Group changes whose context would touch or overlap.
        var ranges: [(Int, Int)] = []
        for i in changed {
            let lo = max(0, i - context), hi = min(edits.count - 1, i + context)
            if let last = ranges.last, lo <= last.1 + 1 {
                ranges[ranges.count - 1].1 = hi
            } else {
                ranges.append((lo, hi))
            }
        }
        // Line numbers in the old and new text at the start of each edit.
        var oldLine = [Int](), newLine = [Int]()
        var o = 1, n = 1
        for e in edits {
            oldLine.append(o); newLine.append(n)
            switch e {
            case .same: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        return ranges.map { lo, hi in
            var body = ""
            var oldCount = 0, newCount = 0
            for e in edits[lo...hi] {
                switch e {
                case .same(let s): body += " \(s)\n"; oldCount += 1; newCount += 1
                case .removed(let s): body += "-\(s)\n"; oldCount += 1
                case .added(let s): body += "+\(s)\n"; newCount += 1
                }
            }
            // An empty side is shown as starting at the line before it, as in diff -u.
            let oldStart = oldCount == 0 ? oldLine[lo] - 1 : oldLine[lo]
            let newStart = newCount == 0 ? newLine[lo] - 1 : newLine[lo]
            return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
        }
    }
}
