/// Maps byte strings to small dense ids without allocating per lookup: the per-row key path.
struct ByteInterner {
    private var arena: [UInt8] = []
    /// Start offset and length of each id's bytes in `arena`.
    private var spans: [(start: Int, count: Int)] = []
    /// Open-addressing table of id + 1 (0 = empty).
    private var table: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = []

    var count: Int { spans.count }

    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// The id of `bytes`, adding them when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let h = Self.hash(bytes)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { break }
            let id = Int(entry - 1)
            if hashes[id] == h, equal(id, bytes) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        let id = spans.count
        spans.append((arena.count, bytes.count))
        arena.append(contentsOf: bytes)
        hashes.append(h)
        table[slot] = Int32(id + 1)
        if spans.count * 2 > table.count { grow() }
        return Int32(id)
    }

    private func equal(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let span = spans[id]
        guard span.count == bytes.count else { return false }
        return arena.withUnsafeBytes { a in
            var i = 0
            while i < span.count {
                if a[span.start + i] != bytes[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var newTable = [Int32](repeating: 0, count: table.count * 2)
        let mask = newTable.count - 1
        for id in 0..<spans.count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while newTable[slot] != 0 { slot = (slot + 1) & mask }
            newTable[slot] = Int32(id + 1)
        }
        table = newTable
    }

    /// The bytes of an id.
    func bytes(_ id: Int32) -> ArraySlice<UInt8> {
        let span = spans[Int(id)]
        return arena[span.start..<(span.start + span.count)]
    }

    /// The text of an id (invalid UTF-8 repaired).
    func string(_ id: Int32) -> String {
        String(decoding: bytes(id), as: UTF8.self)
    }
}
