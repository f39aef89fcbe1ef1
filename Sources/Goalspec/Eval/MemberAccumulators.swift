/// Each peer-group member's accumulator, gathered in one walk over a table: for a member with one
/// group (the common case: one row group per person and period) the table's own accumulator, with
/// no copy; for a member with several, their merge in table order.
struct MemberAccumulators {
    let table: AggregateTable
    private var single: [String: Int] = [:]
    private var merged: [String: Accumulator] = [:]

    init(table: AggregateTable) { self.table = table }

    /// Counts table group `index` for `member`.
    mutating func add(group index: Int, of member: String) {
        if let first = single[member] {
            if merged[member] == nil { merged[member] = table.groups[first].accumulator }
            merged[member]?.merge(table.groups[index].accumulator)
        } else {
            single[member] = index
        }
    }

    /// The member's accumulator; nil when no group passed for it.
    subscript(member: String) -> Accumulator? {
        if let m = merged[member] { return m }
        guard let i = single[member], table.groups.indices.contains(i) else { return nil }
        return table.groups[i].accumulator
    }
}
