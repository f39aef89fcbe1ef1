/// `goalspec fmt`: prints a spec in its canonical form.
///
/// The canonical form is printed from the syntax tree, so formatting never changes what a spec
/// means: the result parses to the same tree (`SyntaxTree.structure`), keeps every comment in
/// order, and formatting it again changes nothing.
///
/// - Declarations in source order, one blank line between top-level declarations (consecutive
///   `import`, `group` or `define` lines written together stay together); inside a block, at
///   most one blank line where the source had some.
/// - Two spaces of indentation per block level; the lines of a block in source order.
/// - Single spaces around binary operators and after commas; none inside parentheses and
///   brackets or between a function and its arguments; `-x` and `7/10` without spaces.
/// - Literals as written (`1.0pp`, `2024q3`, `0.50`); strings re-quoted with `\"`, `\\`, `\n`
///   and `\t`; money units in their canonical spelling (`2.5 mio. kr`, `kr.` as `kr`); names
///   with their words separated by one space, backtick names in backticks.
/// - The fewest parentheses that keep the tree (see `ExpressionPrinter`).
/// - Comments kept in order (see `CommentLayout`); trailing white space removed; lines end in
///   `\n`; no byte-order mark; no line wrapping.
public enum SpecFormatter {
    /// Formats a spec file. With a syntax error the text is nil and the diagnostics say why:
    /// broken code is never formatted.
    public static func format(_ source: SourceFile) -> (text: String?, diagnostics: [Diagnostic]) {
        format(source, file: 0)
    }

    /// Formats a spec file held as file `file` of a `SourceSet` (for rendering its diagnostics).
    public static func format(_ source: SourceFile, file: Int) -> (text: String?, diagnostics: [Diagnostic]) {
        DeepStack.run { formatOnThisStack(source, file: file) }
    }

    private static func formatOnThisStack(_ source: SourceFile, file: Int) -> (text: String?, diagnostics: [Diagnostic]) {
        let (tree, diagnostics) = SpecParser.parse(source, file: file)
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let tokens = Lexer.tokenize(source, file: file).tokens
        let (lines, kinds) = DeclarationPrinter.lines(of: tree)
        let layout = CommentLayout(source: source, tokens: tokens, comments: tree.comments)
        return (layout.render(lines, kinds: kinds), diagnostics)
    }

    /// Whether `formatted` means the same as `source`: it parses without errors to the same tree
    /// (ignoring source ranges and node ids) and has the same comments in the same order.
    /// `goalspec fmt` checks this before writing anything.
    public static func preservesMeaning(of source: SourceFile, formatted: String) -> Bool {
        DeepStack.run { preservesMeaningOnThisStack(of: source, formatted: formatted) }
    }

    private static func preservesMeaningOnThisStack(of source: SourceFile, formatted: String) -> Bool {
        let (before, beforeDiagnostics) = SpecParser.parse(source, file: 0)
        let formattedSource = SourceFile(path: source.path, text: formatted)
        let (after, afterDiagnostics) = SpecParser.parse(formattedSource, file: 0)
        guard !beforeDiagnostics.contains(where: { $0.severity == .error }),
              !afterDiagnostics.contains(where: { $0.severity == .error }) else { return false }
        return before.structure == after.structure
            && commentTexts(before, in: source) == commentTexts(after, in: formattedSource)
    }

    /// The text of each comment of a parsed file, in order, without trailing white space.
    public static func commentTexts(_ tree: SyntaxTree, in source: SourceFile) -> [String] {
        tree.comments.map { r in
            var text = source.text(in: r)
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return text
        }
    }
}
