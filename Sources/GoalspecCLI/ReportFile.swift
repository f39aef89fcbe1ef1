import Foundation

/// `--output FILE`: the report written atomically, so that a reader never sees half of it.
enum ReportFile {
    struct WriteError: Error {
        var reason: String
    }

    /// Writes `text` to a temporary file beside `path`, then renames it over `path`.
    static func write(_ text: String, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw WriteError(reason: "it is a folder")
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            let folder = url.deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: folder) { throw WriteError(reason: "no folder '\(folder)'") }
            if !FileManager.default.isWritableFile(atPath: folder) { throw WriteError(reason: "the folder '\(folder)' is not writable") }
            throw WriteError(reason: error.localizedDescription)
        }
    }
}
