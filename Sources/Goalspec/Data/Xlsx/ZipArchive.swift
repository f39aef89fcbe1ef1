// ZIP archives (PKWARE APPNOTE 6.3), as far as xlsx workbooks need: the central directory
// (ZIP64 included), stored and deflated entries, and CRC-32 checks. Entries are streamed: the
// compressed bytes are read in chunks and the output handed on in chunks, so memory does not
// grow with an entry's size. Encrypted entries and other compression methods are errors that
// name the entry.

/// Why a ZIP archive or one of its entries could not be read.
enum ZipError: Error, Equatable, Sendable {
    /// No end-of-central-directory record: the file is not a ZIP archive.
    case notAnArchive
    /// A record that is cut short or points outside the file; the payload says which.
    case malformed(String)
    /// An entry compressed with a method other than stored (0) or deflated (8).
    case unsupportedMethod(entry: String, method: Int)
    /// An encrypted entry.
    case encrypted(entry: String)
    /// An entry whose DEFLATE stream is malformed.
    case corrupt(entry: String, InflateError)
    /// An entry whose bytes do not match its CRC-32 or declared size.
    case checksumMismatch(entry: String)
}

/// One file in an archive's central directory.
struct ZipEntry: Sendable, Equatable {
    var name: String
    var method: Int
    var flags: Int
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int
}

/// A ZIP archive opened for reading.
struct ZipArchive {
    let file: DataInputFile
    /// The entries in central-directory order.
    let entries: [ZipEntry]

    /// Reads the central directory of `file`.
    init(file: DataInputFile) throws(ZipError) {
        self.file = file
        entries = try ZipArchive.readCentralDirectory(file)
    }

    /// The entry with this name (ZIP names use `/`; a leading `/` is ignored), if any.
    func entry(named name: String) -> ZipEntry? {
        let wanted = name.hasPrefix("/") ? String(name.dropFirst()) : name
        return entries.first { $0.name == wanted } ?? entries.first { $0.name.lowercased() == wanted.lowercased() }
    }

    /// Streams the decompressed bytes of `entry` to `consume`, checking its size and CRC-32.
    func read<E: Error>(_ entry: ZipEntry, _ consume: (ArraySlice<UInt8>) throws(E) -> Void) throws(ZipOrConsumerError<E>) {
        if entry.flags & 1 != 0 { throw .zip(.encrypted(entry: entry.name)) }
        let header = file.read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, le32(header, 0) == 0x0403_4b50 else {
            throw .zip(.malformed("local header of \(entry.name)"))
        }
        let dataStart = entry.localHeaderOffset + 30 + le16(header, 26) + le16(header, 28)
        guard dataStart <= file.size, entry.compressedSize <= file.size - dataStart else {
            throw .zip(.malformed("data of \(entry.name) runs past the end of the file"))
        }
        var crc = CRC32()
        var produced = 0
        func checked(_ bytes: ArraySlice<UInt8>) throws(E) {
            crc.add(bytes)
            produced += bytes.count
            try consume(bytes)
        }
        switch entry.method {
        case 0:
            var position = dataStart
            let end = dataStart + entry.compressedSize
            while position < end {
                let chunk = file.read(at: position, count: min(1 << 16, end - position))
                if chunk.isEmpty { throw .zip(.malformed("data of \(entry.name) is cut short")) }
                do { try checked(chunk[...]) } catch { throw .consumer(error) }
                position += chunk.count
            }
        case 8:
            var position = dataStart
            let end = dataStart + entry.compressedSize
            let source = file
            var inflater = Inflater(outputLimit: entry.uncompressedSize) { () throws(InflateError) -> [UInt8] in
                guard position < end else { return [] }
                let chunk = source.read(at: position, count: min(1 << 16, end - position))
                position += chunk.count
                return chunk
            }
            do { try inflater.run(checked) } catch {
                switch error {
                case .inflate(let failure): throw .zip(.corrupt(entry: entry.name, failure))
                case .consumer(let failure): throw .consumer(failure)
                }
            }
        default:
            throw .zip(.unsupportedMethod(entry: entry.name, method: entry.method))
        }
        guard produced == entry.uncompressedSize, crc.value == entry.crc32 else {
            throw .zip(.checksumMismatch(entry: entry.name))
        }
    }

    /// The whole decompressed entry, refused when it is larger than `limit` bytes.
    func readAll(_ entry: ZipEntry, limit: Int) throws(ZipError) -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw .malformed("\(entry.name) is \(entry.uncompressedSize) bytes, more than the \(limit) allowed")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entry.uncompressedSize)
        do {
            try read(entry) { (chunk: ArraySlice<UInt8>) throws(Never) in bytes.append(contentsOf: chunk) }
        } catch {
            switch error {
            case .zip(let failure): throw failure
            }
        }
        return bytes
    }

    // MARK: Central directory

    private static func readCentralDirectory(_ file: DataInputFile) throws(ZipError) -> [ZipEntry] {
        // The end record is 22 bytes plus a comment of at most 65,535 bytes.
        let tailLength = min(file.size, 22 + 0xFFFF)
        let tailStart = file.size - tailLength
        let tail = file.read(at: tailStart, count: tailLength)
        guard tail.count >= 22 else { throw .notAnArchive }
        var endIndex: Int?
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50 && le32(tail, i) == 0x0605_4b50 { endIndex = i; break }
            i -= 1
        }
        guard let end = endIndex else { throw .notAnArchive }
        var count = le16(tail, end + 10)
        var directorySize = le32(tail, end + 12)
        var directoryOffset = le32(tail, end + 16)

        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the ZIP64 end record.
            let locatorAt = tailStart + end - 20
            let locator = file.read(at: locatorAt, count: 20)
            guard locator.count == 20, le32(locator, 0) == 0x0706_4b50 else {
                throw .malformed("ZIP64 end-of-directory locator")
            }
            let record = file.read(at: le64(locator, 8), count: 56)
            guard record.count == 56, le32(record, 0) == 0x0606_4b50 else {
                throw .malformed("ZIP64 end-of-directory record")
            }
            count = le64(record, 32)
            directorySize = le64(record, 40)
            directoryOffset = le64(record, 48)
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= file.size,
              directorySize <= file.size - directoryOffset, count <= directorySize / 46 + 1 else {
            throw .malformed("central directory points outside the file")
        }
        let directory = file.read(at: directoryOffset, count: directorySize)
        var entries: [ZipEntry] = []
        entries.reserveCapacity(count)
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, le32(directory, at) == 0x0201_4b50 else {
                throw .malformed("central directory entry \(entries.count + 1)")
            }
            let nameLength = le16(directory, at + 28)
            let extraLength = le16(directory, at + 30)
            let commentLength = le16(directory, at + 32)
            guard at + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw .malformed("central directory entry \(entries.count + 1)")
            }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var entry = ZipEntry(name: name, method: le16(directory, at + 10), flags: le16(directory, at + 8),
                                 crc32: UInt32(le32(directory, at + 16)),
                                 compressedSize: le32(directory, at + 20), uncompressedSize: le32(directory, at + 24),
                                 localHeaderOffset: le32(directory, at + 42))
            readZip64Extra(directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)], into: &entry)
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Replaces the 32-bit fields set to 0xFFFFFFFF with their values from the ZIP64 extra field.
    private static func readZip64Extra(_ extra: ArraySlice<UInt8>, into entry: inout ZipEntry) {
        let bytes = Array(extra)
        var at = 0
        while at + 4 <= bytes.count {
            let id = le16(bytes, at), size = le16(bytes, at + 2)
            guard at + 4 + size <= bytes.count else { return }
            if id == 0x0001 {
                var field = at + 4
                let fieldEnd = at + 4 + size
                if entry.uncompressedSize == 0xFFFF_FFFF && field + 8 <= fieldEnd {
                    entry.uncompressedSize = le64(bytes, field); field += 8
                }
                if entry.compressedSize == 0xFFFF_FFFF && field + 8 <= fieldEnd {
                    entry.compressedSize = le64(bytes, field); field += 8
                }
                if entry.localHeaderOffset == 0xFFFF_FFFF && field + 8 <= fieldEnd {
                    entry.localHeaderOffset = le64(bytes, field)
                }
                return
            }
            at += 4 + size
        }
    }
}

/// A failure of ``ZipArchive/read(_:_:)``: of the archive or of the consumer it feeds.
enum ZipOrConsumerError<E: Error>: Error {
    case zip(ZipError)
    case consumer(E)
}

// Little-endian fields; callers have checked that the bytes are there.
private func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
private func le32(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | le16(b, i + 2) << 16 }
/// A 64-bit field, clamped to `Int.max` so a hostile value cannot trap later arithmetic.
private func le64(_ b: [UInt8], _ i: Int) -> Int {
    let high = le32(b, i + 4)
    return high >= 1 << 31 ? Int.max : le32(b, i) | high << 32
}
