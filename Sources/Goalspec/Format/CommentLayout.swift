/// Places comments and blank lines around the formatted code lines and joins the result.
///
/// Comments are tied to the source's logical lines (a line and its continuations inside `(` and
/// `[`), which the formatted lines come from one for one:
/// - a comment after the last token of a logical line, on the same physical line, stays at the
///   end of that line, after two spaces;
/// - a comment inside a logical line (within brackets that continue over several lines) moves
///   to its own line just before that line, since the formatted line is a single line;
/// - any other comment stands on its own line before the next code line, at that line's
///   indentation; comments after the last code line end the file, unindented.
///
/// Blank lines: at most one where the source had one or more (inside blocks too, also right
/// after a block's header, where spec authors use one to set a goal's title off its children),
/// never before the first line of the file; exactly one between top-level declarations, placed
/// before the comments that lead the next one, except that consecutive `import`, `group` or
/// `define` declarations written without a blank line between them stay together.
struct CommentLayout {
    let source: SourceFile
    let logicalLines: [(start: Int, end: Int)]
    let comments: [SourceRange]

    init(source: SourceFile, tokens: [Token], comments: [SourceRange]) {
        self.source = source
        self.comments = comments
        var logical: [(start: Int, end: Int)] = []
        var open: (start: Int, end: Int)? = nil
        for t in tokens {
            switch t.kind {
            case .newline, .end:
                if let o = open { logical.append(o) }
                open = nil
            case .indent, .dedent:
                continue
            default:
                if open == nil { open = (t.range.lowerBound, t.range.upperBound) } else { open?.end = t.range.upperBound }
            }
        }
        if let o = open { logical.append(o) }
        self.logicalLines = logical
    }

    /// The 1-based physical line of a byte offset.
    func line(of offset: Int) -> Int {
        let starts = source.lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// Whether a line strictly between physical lines `a` and `b` is empty or white space only.
    func blankLine(between a: Int, and b: Int) -> Bool {
        guard b > a + 1 else { return false }
        for n in (a + 1)..<b where source.lineText(n).allSatisfy({ $0 == " " || $0 == "\t" }) {
            return true
        }
        return false
    }

    /// The logical line holding a byte offset: the last one starting at or before it.
    func logicalLine(containing offset: Int) -> Int? {
        var low = 0
        var high = logicalLines.count - 1
        var found: Int? = nil
        while low <= high {
            let mid = (low + high) / 2
            if logicalLines[mid].start <= offset {
                found = mid
                low = mid + 1
            } else {
                high = mid - 1
            }
        }
        return found
    }

    /// A comment's text as written, without trailing white space.
    func commentText(_ r: SourceRange) -> String {
        var text = source.text(in: r)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }

    /// The formatted file: `lines` with every comment and the canonical blank lines.
    func render(_ lines: [FormatLine], kinds: [DeclarationKind]) -> String {
        var out: [String] = []
        var previousLast: Int? = nil
        var next = 0
        var used = Set<Int>()

        func emit(_ text: String, depth: Int, first: Int, last: Int, forceBlank: Bool) {
            if let p = previousLast, forceBlank || blankLine(between: p, and: first) { out.append("") }
            out.append(String(repeating: "  ", count: depth) + text)
            previousLast = max(previousLast ?? last, last)
        }

        for code in lines {
            guard let li = logicalLine(containing: code.anchor), !used.contains(li) else {
                // Cannot happen for a tree the parser built: every line has its own source line.
                emit(code.text, depth: code.depth, first: previousLast ?? 1, last: previousLast ?? 1, forceBlank: false)
                continue
            }
            used.insert(li)
            let logical = logicalLines[li]
            let firstLine = line(of: logical.start)
            let lastLine = line(of: logical.end)
            var forceBlank = false
            if code.startsDeclaration, code.declaration > 0, let p = previousLast {
                let together = kinds[code.declaration] == kinds[code.declaration - 1]
                    && kinds[code.declaration].groupsWithoutBlankLine
                    && !blankLine(between: p, and: firstLine)
                forceBlank = !together
            }
            // Comments before the line: on their own lines.
            while next < comments.count, comments[next].lowerBound < logical.start {
                let l = line(of: comments[next].lowerBound)
                emit(commentText(comments[next]), depth: code.depth, first: l, last: l, forceBlank: forceBlank)
                forceBlank = false
                next += 1
            }
            // Comments inside the line (between continued lines): just before it.
            while next < comments.count, comments[next].lowerBound < logical.end {
                emit(commentText(comments[next]), depth: code.depth, first: firstLine, last: firstLine, forceBlank: forceBlank)
                forceBlank = false
                next += 1
            }
            var text = code.text
            if next < comments.count, line(of: comments[next].lowerBound) == lastLine {
                text += "  " + commentText(comments[next])
                next += 1
            }
            emit(text, depth: code.depth, first: firstLine, last: lastLine, forceBlank: forceBlank)
        }
        while next < comments.count {
            let l = line(of: comments[next].lowerBound)
            emit(commentText(comments[next]), depth: 0, first: l, last: l, forceBlank: false)
            next += 1
        }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }
}
