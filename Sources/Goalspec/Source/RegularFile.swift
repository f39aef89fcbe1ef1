#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening spec and data files safely: only regular files are read, and nothing blocks.
///
/// A path is opened read-only with `O_NONBLOCK`, so a named pipe (FIFO) opens at once instead of
/// waiting for a writer; `fstat` on the open descriptor then refuses anything that is not a
/// regular file (FIFOs, character and block devices such as `/dev/zero` or `/dev/urandom`,
/// sockets, directories) before a byte is read. The size comes from the same `fstat`, so a file
/// too large is refused without being read.
enum RegularFile {
    /// Why a file was not opened or read.
    enum Failure: Error, Sendable, Equatable {
        /// No such file (or a path component is not a folder).
        case notFound
        /// It exists but is not a regular file; the payload names what it is ("a directory").
        case notRegular(String)
        /// A regular file larger than the caller's limit; the payload is its size in bytes.
        case tooLarge(Int)
        /// The system refused; the payload is its reason, lower-case.
        case unreadable(String)

        /// A short description for messages: "it is a directory", "no such file".
        var reason: String {
            switch self {
            case .notFound: "no such file"
            case .notRegular(let what): "it is \(what), not a regular file"
            case .tooLarge(let size): "it is \(size) bytes"
            case .unreadable(let why): why
            }
        }
    }

    /// Opens `path` for reading; the descriptor (blocking again) and the file's size.
    static func open(_ path: String) -> Result<(fd: Int32, size: Int), Failure> {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .failure(.notFound) }
            return .failure(.unreadable(describe(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = describe(errno)
            close(fd)
            return .failure(.unreadable(reason))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            return .failure(.notRegular(kindName(type)))
        }
        // Regular files never block; clear the flag so reads behave as usual.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return .success((fd, Int(info.st_size)))
    }

    /// Reads a whole regular file of at most `maxBytes` bytes (checked before reading, and again
    /// while reading, in case the file grows).
    static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
        let fd: Int32, size: Int
        switch open(path) {
        case .success(let opened): (fd, size) = opened
        case .failure(let f): return .failure(f)
        }
        defer { close(fd) }
        if size > maxBytes { return .failure(.tooLarge(size)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.read(fd, base, raw.count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(describe(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxBytes { return .failure(.tooLarge(bytes.count)) }
        }
        return .success(bytes)
    }

    /// What a file type is called in messages.
    static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}
