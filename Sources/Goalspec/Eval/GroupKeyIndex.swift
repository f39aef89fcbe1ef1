import Foundation

/// Which groups of an `AggregateTable` hold a value at a key position, so that selecting one
/// breakdown part or one peer-group member looks up its groups instead of scanning every group
/// (a `by` of 10,000 parts or a group of 1M members would otherwise be quadratic).
/// Built on first use, one position at a time; the lock makes the lazy build safe to share.
final class GroupKeyIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var byPosition: [Int: [String: [Int]]] = [:]

    /// Indices (ascending) of the groups whose key at `position` reads `value`.
    func groups(at position: Int, equalTo value: String,
                in groups: [(key: [KeyValue], accumulator: Accumulator)]) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if let built = byPosition[position] { return built[value] ?? [] }
        var map: [String: [Int]] = [:]
        for (i, group) in groups.enumerated() where position < group.key.count {
            map[group.key[position].description, default: []].append(i)
        }
        byPosition[position] = map
        return map[value] ?? []
    }
}
