import Foundation

/// Confined mode: the folders a run may read from (`--root DIR`).
///
/// Every spec, import and data path is resolved to its real path (symbolic links, `.` and `..`
/// followed by the system's `realpath`) and must lie inside one of the roots; anything else is
/// refused before it is opened, with the same message whether or not the file exists. A path
/// whose last components do not exist is resolved through its deepest existing folder, so a
/// missing file inside a root is "not found" and a missing file outside is "outside the roots";
/// a symbolic link that does not resolve (dangling, or a loop) counts as outside.
///
/// The check and the later `open` are two system calls: a process that can rename files inside
/// a root between them is outside what confined mode defends against (docs/security.md).
public struct PathConfinement: Sendable, Hashable {
    /// The roots as real paths, without a trailing slash (`/` stays `/`).
    public let roots: [String]
    /// The roots given that do not name an existing folder.
    public let unresolved: [String]

    /// Resolves each root; one that is not an existing folder is left out (and listed in `unresolved`).
    public init(roots: [String]) {
        var resolved: [String] = []
        var unresolved: [String] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            if let real = Self.realPath(root), FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory),
               isDirectory.boolValue {
                resolved.append(real)
            } else {
                unresolved.append(root)
            }
        }
        self.roots = resolved
        self.unresolved = unresolved
    }

    /// Whether `path` (relative to the current folder, or absolute) resolves inside a root.
    public func allows(_ path: String) -> Bool {
        guard let resolved = Self.resolveExistingPrefix(path) else { return false }
        return roots.contains { root in
            root == "/" || resolved == root || resolved.hasPrefix(root + "/")
        }
    }

    /// The real path of `path`, or nil when it does not exist or cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of the deepest existing ancestor of `path` with the rest appended; nil
    /// when the part that does not exist holds `..` (the system would not resolve it either)
    /// or nothing resolves.
    static func resolveExistingPrefix(_ path: String) -> String? {
        guard !path.isEmpty, !path.contains("\0") else { return nil }
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var head = absolute
        var tail: [Substring] = []
        while true {
            if let real = realPath(head) {
                guard !tail.contains("..") else { return nil }
                let rest = tail.reversed().filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
                if rest.isEmpty { return real }
                return real == "/" ? "/" + rest : real + "/" + rest
            }
            // An entry that exists but does not resolve is a dangling or looping symbolic link:
            // where it points is unknown, so it is outside (else "not found" would tell that its
            // target outside the roots does not exist).
            var info = stat()
            if lstat(head, &info) == 0 { return nil }
            guard let slash = head.lastIndex(of: "/") else { return nil }
            tail.append(head[head.index(after: slash)...])
            head = slash == head.startIndex ? "/" : String(head[..<slash])
            if head == "/" && tail.last?.isEmpty == true { return nil }
        }
    }
}
