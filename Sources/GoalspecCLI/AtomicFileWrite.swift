import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replacing a file's content all at once, for `fmt --write`: the new text goes to a temporary
/// file in the same folder (so the rename cannot cross file systems), written in full and
/// flushed, given the file's permissions and owner, then renamed over the file. A reader sees
/// the old text or the new, never a part; a failure leaves the file as it was.
///
/// Refused, leaving the file untouched: a read-only file (a rename would replace it anyway,
/// which `--write` must not do behind a read-only mark) or folder, a file
/// with more than one hard link (a rename would split them), a folder where no temporary file
/// can be made, and an owner the temporary file cannot be given.
enum AtomicFileWrite {
    struct Failure: Error {
        var message: String
    }

    /// Writes `text` over the file at `path` (through a symbolic link: over its target).
    static func replace(_ path: String, with text: String) throws(Failure) {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var info = stat()
        guard stat(target, &info) == 0 else { throw Failure(message: describe(errno)) }
        // The mode bits count too: a superuser may write anything, but a file or folder marked
        // read-only for everyone is not to be rewritten behind that mark.
        guard info.st_mode & 0o222 != 0, access(target, W_OK) == 0 else { throw Failure(message: "the file is read-only") }
        guard info.st_nlink <= 1 else {
            throw Failure(message: "the file has \(info.st_nlink) hard links, which replacing it would split; format a copy")
        }
        let folder = (target as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        var folderInfo = stat()
        guard stat(directory, &folderInfo) == 0, folderInfo.st_mode & 0o222 != 0, access(directory, W_OK) == 0 else {
            throw Failure(message: "the folder \(directory) is read-only")
        }
        let name = (target as NSString).lastPathComponent
        let temporary = directory + "/.\(name).goalspec-fmt-\(UUID().uuidString)"
        let mode = info.st_mode & 0o7777
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw Failure(message: "cannot create a temporary file in \(directory): \(describe(errno))")
        }
        func fail(_ message: String) -> Failure {
            close(fd)
            unlink(temporary)
            return Failure(message: message)
        }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                write(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("cannot write the temporary file: \(describe(errno))")
            }
            written += n
        }
        // The mode given to open is subject to the umask; set it exactly, and keep the owner.
        guard fchmod(fd, mode) == 0 else { throw fail("cannot give the temporary file the file's permissions: \(describe(errno))") }
        if info.st_uid != geteuid() || info.st_gid != getegid() {
            guard fchown(fd, info.st_uid, info.st_gid) == 0 else {
                throw fail("cannot keep the file's owner (\(info.st_uid):\(info.st_gid)): \(describe(errno))")
            }
        }
        guard fsync(fd) == 0 else { throw fail("cannot flush the temporary file: \(describe(errno))") }
        close(fd)
        guard rename(temporary, target) == 0 else {
            let reason = describe(errno)
            unlink(temporary)
            throw Failure(message: reason)
        }
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text).lowercased()
    }
}
