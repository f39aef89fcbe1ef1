/// A place in a file, for go to definition.
public struct EditorLocation: Sendable, Hashable {
    /// The file's path.
    public var path: String
    /// The span in that file; nil for a whole file (an import).
    public var range: EditorRange?
}

/// A target, goal or declaration of the document, for the editor's outline.
public struct EditorSymbol: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case spec, data, group, define, target, goal }

    public var name: String
    public var detail: String?
    public var kind: Kind
    /// The whole declaration.
    public var range: SourceRange
    /// Its name (or title).
    public var selection: SourceRange
    /// The targets and goals of a goal.
    public var children: [EditorSymbol]
}

public enum EditorNavigation {
    /// Where the name (or import path) at a byte offset is declared: a define, group, data block
    /// or imported file, in the document or any file it imports.
    public static func definition(at offset: Int, in analysis: DocumentAnalysis) -> EditorLocation? {
        guard let file = analysis.file, let lookup = analysis.lookup else { return nil }
        for case .import(let imp) in analysis.declarations where imp.range.file == file {
            if imp.path.range.lowerBound <= offset && offset <= imp.path.range.upperBound {
                let path = Session(options: Runner.Options()).resolve(imp.path.value, relativeTo: analysis.path)
                return EditorLocation(path: path, range: nil)
            }
        }
        guard let occurrence = lookup.name(at: offset) else { return nil }
        let key = occurrence.name.matchKey
        func location(_ name: Name) -> EditorLocation? {
            guard let source = analysis.sources.file(name.range.file) else { return nil }
            return EditorLocation(path: source.path, range: source.editorRange(of: name.range))
        }
        switch occurrence.role {
        case .dataset, .declaresData:
            return analysis.dataDeclaration(key).flatMap { location($0.name) }
        case .expression, .declaresGroup, .declaresDefine:
            if let d = analysis.define(key) { return location(d.name) }
            if let g = analysis.group(key) { return location(g.name) }
            return nil
        case .column, .function, .declaresTarget:
            return nil
        }
    }

    /// The document's spec, data blocks, groups, defines, targets and goals (nested), in order.
    public static func symbols(in analysis: DocumentAnalysis) -> [EditorSymbol] {
        guard let file = analysis.file, let tree = analysis.tree, tree.file == file else { return [] }
        func symbol(_ d: Declaration) -> EditorSymbol? {
            switch d {
            case .spec(let s):
                return EditorSymbol(name: s.title.value, detail: "spec", kind: .spec, range: s.range, selection: s.title.range, children: [])
            case .import: return nil
            case .data(let dd):
                return EditorSymbol(name: dd.name.text, detail: dd.path.value, kind: .data, range: dd.range, selection: dd.name.range, children: [])
            case .group(let g):
                return EditorSymbol(name: g.name.text, detail: "\(g.column.text) in \(g.members.count) values", kind: .group,
                                    range: g.range, selection: g.name.range, children: [])
            case .define(let def):
                return EditorSymbol(name: def.name.text, detail: nil, kind: .define, range: def.range, selection: def.name.range, children: [])
            case .target(let t):
                return EditorSymbol(name: t.id.text, detail: t.title?.value, kind: .target, range: t.range, selection: t.id.range, children: [])
            case .goal(let g):
                return EditorSymbol(name: g.title.value, detail: "goal", kind: .goal, range: g.range, selection: g.title.range,
                                    children: g.children.compactMap(symbol))
            }
        }
        return tree.declarations.compactMap(symbol)
    }
}
