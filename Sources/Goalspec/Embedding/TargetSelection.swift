/// `--target ID`: evaluating only some targets of the specs.
///
/// The selected targets are evaluated as top-level items, wherever they are declared; goals are
/// not evaluated, since a goal's verdict needs all of its children. Only the datasets the
/// selected targets read are scanned.
enum TargetSelection {
    /// The ids of every target the declarations hold, goals' children included, in source order.
    static func declaredIDs(_ declarations: [Declaration]) -> [String] {
        var ids: [String] = []
        func visit(_ d: Declaration) {
            switch d {
            case .target(let t): ids.append(t.id.text)
            case .goal(let g): g.children.forEach(visit)
            case .spec, .import, .data, .group, .define: break
            }
        }
        declarations.forEach(visit)
        return ids
    }

    /// The targets among `items` (goals' children included) whose id is one of `ids`, as
    /// top-level items in source order.
    static func select(_ items: [CheckedItem], ids: [String]) -> [CheckedItem] {
        let keys = Set(ids.map(Name.matchKey))
        var out: [CheckedItem] = []
        func visit(_ item: CheckedItem) {
            switch item {
            case .target(let t): if keys.contains(Name.matchKey(t.id)) { out.append(item) }
            case .goal(let g): g.children.forEach(visit)
            }
        }
        items.forEach(visit)
        return out
    }
}
