/// Did-you-mean: the closest known name to a misspelled one.
public enum Suggestions {
    /// The candidate closest to `word`, ignoring case and treating `_` and space alike, or nil
    /// when none is within about half the word's length in edits. Ties go to the earlier candidate.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let key = Array(Name.matchKey(word))
        guard !key.isEmpty else { return nil }
        let limit = max(1, (key.count + 1) / 2)
        var best: (String, Int)? = nil
        for candidate in candidates {
            let c = Array(Name.matchKey(candidate))
            if c == key { return candidate == word ? nil : candidate }
            guard abs(c.count - key.count) <= limit else { continue }
            let d = distance(key, c, limit: limit)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit, stopping early past `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            var rowMin = row[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, previousPrevious[j - 2] + 1)
                }
                row[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return rowMin }
            previousPrevious = previous
            previous = row
        }
        return previous[b.count]
    }
}
