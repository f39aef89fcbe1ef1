import Foundation

/// Data schemas and scan results kept between runs in an editor, keyed by the data file's path
/// and its modification time and size: a file changed on disk is read again, an unchanged one
/// never is. Thread-safe; one cache serves a language server's whole session.
public final class EditorDataCache: @unchecked Sendable {
    private let lock = NSLock()
    private var schemas: [SchemaKey: (stamp: FileStamp, schema: TableSchema)] = [:]
    private var scans: [String: [(stamp: FileStamp, plan: DatasetPlan, result: DatasetResult)]] = [:]
    /// How many times a data file's schema was inferred and a dataset was scanned (cache misses).
    public private(set) var schemaReads = 0, scanReads = 0

    /// An empty cache.
    public init() {}

    private struct SchemaKey: Hashable {
        var path: String
        var options: ReadOptions
    }

    /// What identifies a version of a file on disk.
    struct FileStamp: Hashable {
        var modified: Date?
        var size: Int?

        init(path: String) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            modified = attributes?[.modificationDate] as? Date
            size = (attributes?[.size] as? NSNumber)?.intValue
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// The schema of the file at `path`, inferred again only when the file changed.
    func schema(path: String, options: ReadOptions) throws(DataError) -> TableSchema {
        let key = SchemaKey(path: path, options: options)
        let stamp = FileStamp(path: path)
        if let hit = locked({ schemas[key] }), hit.stamp == stamp { return hit.schema }
        let schema = try TableReader.inferSchema(path: path, options: options)
        locked {
            schemas[key] = (stamp, schema)
            schemaReads += 1
        }
        return schema
    }

    /// A pass over the plan's dataset: a cached pass over the same version of the file with the
    /// same schema and every requested aggregate, else (when `readMissing`) a new pass, kept.
    func scan(_ plan: DatasetPlan, readMissing: Bool, cores: Int, parallelThreshold: Int) throws(DataError) -> DatasetResult? {
        let path = plan.binding.path
        let stamp = FileStamp(path: path)
        let cached = locked { scans[path] ?? [] }
        for entry in cached where entry.stamp == stamp && Self.covers(entry.plan, plan) {
            return entry.result
        }
        guard readMissing else { return nil }
        let result = try Engine.run(plan, cores: cores, parallelThreshold: parallelThreshold)
        locked {
            var kept = (scans[path] ?? []).filter { $0.stamp == stamp }
            kept.append((stamp, plan, result))
            // A spec edited many times leaves many plans; the newest few are enough.
            if kept.count > 8 { kept.removeFirst(kept.count - 8) }
            scans[path] = kept
            scanReads += 1
        }
        return result
    }

    /// Whether a pass made for `done` computed everything `wanted` asks for: the same data
    /// reading (schema and roles) and every aggregate request.
    static func covers(_ done: DatasetPlan, _ wanted: DatasetPlan) -> Bool {
        var a = done.binding, b = wanted.binding
        a.declaration = SourceRange(file: 0, 0, 0)
        b.declaration = a.declaration
        a.name = ""
        b.name = ""
        guard a == b else { return false }
        let requests = Set(done.requests)
        return wanted.requests.allSatisfy { requests.contains($0) }
    }
}
