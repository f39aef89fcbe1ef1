/// Name resolution over an analysis, as the checker resolves names: by match key (case, spaces
/// and underscores folded), the document's declarations before its imports'.
extension DocumentAnalysis {
    var lookup: SyntaxLookup? { file.map { SyntaxLookup(declarations: declarations, file: $0) } }

    func define(_ key: String) -> DefineDeclaration? {
        for case .define(let d) in declarations where d.name.matchKey == key { return d }
        return nil
    }

    func group(_ key: String) -> GroupDeclaration? {
        for case .group(let g) in declarations where g.name.matchKey == key { return g }
        return nil
    }

    func dataDeclaration(_ key: String) -> DataDeclaration? {
        for case .data(let d) in declarations where d.name.matchKey == key { return d }
        return nil
    }

    /// The dataset as checked (file and schema), by name.
    func dataset(named key: String) -> DatasetBinding? {
        result.datasets.first { Name.matchKey($0.name) == key }
    }

    /// The dataset a target reads: its `data` line, else the spec's only dataset.
    func dataset(for target: TargetDeclaration?) -> DatasetBinding? {
        if let name = target?.data { return dataset(named: name.matchKey) }
        return result.datasets.count == 1 ? result.datasets.first : nil
    }

    /// A column by name: in the target's dataset when known, else in the first dataset that has it.
    func column(_ key: String, for target: TargetDeclaration?) -> (column: ColumnSchema, dataset: DatasetBinding)? {
        let candidates = dataset(for: target).map { [$0] } ?? result.datasets
        for d in candidates {
            if let c = d.schema.columns.first(where: { Name.matchKey($0.name) == key }) { return (c, d) }
        }
        return nil
    }

    /// The verdict of the target with this id, from the run's results.
    func targetResult(_ id: String) -> TargetResult? {
        func find(_ items: [ItemResult]) -> TargetResult? {
            for item in items {
                switch item {
                case .target(let t) where t.id == id: return t
                case .goal(let g): if let t = find(g.children) { return t }
                case .target: break
                }
            }
            return nil
        }
        return find(result.items)
    }

    /// The verdict of the goal declared on this 1-based line of the document.
    func goalResult(line: Int) -> GoalResult? {
        func find(_ items: [ItemResult]) -> GoalResult? {
            for case .goal(let g) in items {
                if g.line == line && g.file == path { return g }
                if let inner = find(g.children) { return inner }
            }
            return nil
        }
        return find(result.items)
    }

    /// The values a column holds: those of the data's sample, and every value of a grouping
    /// column when the data was scanned.
    func values(of column: ColumnSchema, in dataset: DatasetBinding) -> [String] {
        var values = column.sampleDistinctValues
        if let index = result.datasets.firstIndex(of: dataset),
           let seen = result.prepared?.data[index]?.distinctValues[column.index] {
            let known = Set(values)
            values += seen.filter { !known.contains($0) }.sorted()
        }
        return values
    }
}
