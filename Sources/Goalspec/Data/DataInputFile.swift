#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Internal sizes of the readers; tests shrink them to force chunk boundaries everywhere.
struct DataReadTuning: Sendable {
    /// Bytes read per `read(2)` call and the initial buffer size.
    var chunkSize = 1 << 20
    /// The largest row (CSV record or JSON object) the readers buffer before giving up.
    var maxRowBytes = 64 << 20
    /// How much of the file `inferSchema` samples (whole rows; the row crossing it is included).
    var sampleBytes = 64 << 10
    /// Whether `splitPoints` counts the lines before each cut (a read of the file up to the last cut).
    var countLinesWhenSplitting = true

    static let `default` = DataReadTuning()
}

/// An open data file, read sequentially into a ``DataChunkBuffer`` and, on error paths only,
/// re-read with `pread` to locate and quote the offending line. Data given in memory
/// (``DataContents``) is read through the same interface, without a file descriptor.
final class DataInputFile {
    let path: String
    let fd: Int32
    let size: Int
    /// The bytes, when the data are in memory (then `fd` is -1).
    private let memory: [UInt8]?
    /// The read position in `memory`.
    private var memoryPosition = 0
    /// How error messages decode the file's text (the line quoted, the column counted).
    var encoding = TextEncoding.utf8

    /// Opens `path` for reading; `fileNotFound` or `unreadable` when that fails. Only regular
    /// files are opened (see ``RegularFile``): a FIFO, a device or a directory is `unreadable`
    /// before anything is read, and opening never blocks.
    init(path: String) throws(DataError) {
        self.path = path
        self.memory = nil
        let fd: Int32, size: Int
        switch RegularFile.open(path) {
        case .success(let opened): (fd, size) = opened
        case .failure(.notFound):
            throw DataError(kind: .fileNotFound, path: path, message: "no such file",
                            hint: "check the path; relative paths are resolved from the spec file's folder")
        case .failure(let failure):
            throw DataError(kind: .unreadable(failure.reason), path: path, message: "cannot read file: \(failure.reason)",
                            hint: "a data path must name a regular file")
        }
        self.fd = fd
        self.size = size
        #if canImport(Glibc)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    /// Data given in memory, named `path` in diagnostics.
    init(path: String, contents: DataContents) {
        self.path = path
        self.memory = contents.bytes
        self.fd = -1
        self.size = contents.bytes.count
    }

    /// Opens `contents` when given, else the file at `path`.
    static func opening(path: String, contents: DataContents?) throws(DataError) -> DataInputFile {
        if let contents { return DataInputFile(path: path, contents: contents) }
        return try DataInputFile(path: path)
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads up to `count` bytes at the current position; 0 at end of file.
    func read(into p: UnsafeMutableRawPointer, count: Int) throws(DataError) -> Int {
        if let memory {
            let n = max(0, min(count, memory.count - memoryPosition))
            guard n > 0 else { return 0 }
            memory.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                p.copyMemory(from: base + memoryPosition, byteCount: n)
            }
            memoryPosition += n
            return n
        }
        while true {
            let n = Glibc.read(fd, p, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw readError()
        }
    }

    /// Moves the read position to `offset`.
    func seek(to offset: Int) throws(DataError) {
        if memory != nil {
            memoryPosition = max(0, min(offset, size))
            return
        }
        if lseek(fd, off_t(offset), SEEK_SET) < 0 { throw readError() }
    }

    /// Reads up to `count` bytes at `offset` without moving the read position.
    func read(at offset: Int, count: Int) -> [UInt8] {
        guard count > 0, offset >= 0 else { return [] }
        if let memory {
            guard offset < memory.count else { return [] }
            return Array(memory[offset..<min(memory.count, offset + min(count, memory.count - offset))])
        }
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            while got < count {
                let n = pread(fd, base + got, count - got, off_t(offset + got))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
        }
        bytes.removeSubrange(got...)
        return bytes
    }

    private func readError() -> DataError {
        let reason = DataInputFile.describe(errno: errno)
        return DataError(kind: .unreadable(reason), path: path, message: "cannot read file: \(reason)")
    }

    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }

    // MARK: Locating errors

    /// Builds a located error for the byte at absolute `offset`, given that the physical line
    /// `line` starts at absolute offset `lineStart <= offset`.
    ///
    /// Re-reads the file (error paths only) to count newlines up to `offset`, the `Character`
    /// column of `offset` within its line, and the line's text when it is at most 1000 bytes.
    func error(_ kind: DataError.Kind, message: String, hint: String? = nil,
               line: Int, lineStart: Int, at offset: Int) -> DataError {
        var line = line
        var start = lineStart
        var position = lineStart
        let target = max(lineStart, min(offset, size))
        // Find the start of the line holding `target`.
        while position < target {
            let chunk = read(at: position, count: min(1 << 20, target - position))
            if chunk.isEmpty { break }
            for (k, byte) in chunk.enumerated() where byte == UInt8(ascii: "\n") {
                line += 1
                start = position + k + 1
            }
            position += chunk.count
        }
        if start == 0 && size >= 3 {
            let head = read(at: 0, count: 3)
            if head == [0xEF, 0xBB, 0xBF] { start = 3 }
        }
        var column = 0
        var lineText: String?
        if target - start <= 1 << 20 {
            let prefix = read(at: start, count: max(0, target - start))
            column = encoding.decode(prefix).count + 1
            var text = prefix + read(at: target, count: max(0, min(1001 - prefix.count, size - target)))
            if let newline = text.firstIndex(of: UInt8(ascii: "\n")) {
                text.removeSubrange(newline...)
                if text.last == UInt8(ascii: "\r") { text.removeLast() }
                lineText = encoding.decode(text)
            } else if start + text.count >= size {
                if text.last == UInt8(ascii: "\r") { text.removeLast() }
                lineText = encoding.decode(text)
            }
        }
        return DataError(kind: kind, path: path, line: line, column: column, message: message,
                         hint: hint, lineText: lineText)
    }
}

/// A read buffer over an ``DataInputFile`` holding whole rows: a row that crosses the end of the
/// buffered bytes is moved to the front and the rest is read behind it, so a row's bytes are
/// always contiguous. Memory stays at one chunk unless a single row is larger.
///
/// The buffer keeps 16 readable bytes past `capacity` so that word-sized loads starting before
/// `end` never leave the allocation.
struct DataChunkBuffer: ~Copyable {
    static let padding = 16

    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Number of valid bytes at `base`.
    private(set) var end = 0
    /// Absolute file offset of `base[0]`.
    private(set) var fileOffset = 0
    /// Whether the file has been read to its end.
    private(set) var eof = false
    let maxRowBytes: Int

    init(capacity: Int, maxRowBytes: Int) {
        self.capacity = max(capacity, 64)
        self.maxRowBytes = max(maxRowBytes, self.capacity)
        base = .allocate(capacity: self.capacity + DataChunkBuffer.padding)
        // Bytes are written by read(2) before they are read; only the padding needs a value.
        (base + self.capacity).initialize(repeating: 0, count: DataChunkBuffer.padding)
    }

    deinit { base.deallocate() }

    /// Restarts reading at absolute `offset` of `file`, discarding what is buffered.
    mutating func reset(file: DataInputFile, offset: Int) throws(DataError) {
        try file.seek(to: offset)
        end = 0
        fileOffset = offset
        eof = false
    }

    /// Keeps the bytes from `keep` on, moves them to the front and reads more behind them;
    /// grows the buffer when those bytes already fill it. Returns false when a row starting at
    /// `keep` would exceed `maxRowBytes`. Sets `eof` when the file is exhausted.
    mutating func refill(keepingFrom keep: Int, file: DataInputFile) throws(DataError) -> Bool {
        let kept = end - keep
        if keep > 0 && kept > 0 {
            memmove(base, base + keep, kept)
        }
        fileOffset += keep
        end = kept
        if end == capacity {
            guard capacity < maxRowBytes else { return false }
            let grown = min(maxRowBytes, capacity * 2)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown + DataChunkBuffer.padding)
            (fresh + grown).initialize(repeating: 0, count: DataChunkBuffer.padding)
            fresh.update(from: base, count: end)
            base.deallocate()
            base = fresh
            capacity = grown
        }
        // Fill the free space (a short read is fine; loop only so tiny reads do not churn).
        while end < capacity {
            let n = try file.read(into: base + end, count: capacity - end)
            if n == 0 {
                eof = true
                break
            }
            end += n
            if end - kept >= min(capacity - kept, 1 << 16) { break }
        }
        return true
    }
}
