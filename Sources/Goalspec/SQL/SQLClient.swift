import Foundation

/// A query's result as text: column names and rows, each value nil for NULL (or an empty text,
/// which Goalspec reads as missing anyway).
public struct SQLQueryResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// Runs SQL on one engine and returns its rows as text. Every failure — a missing client, a
/// connection refused, a query error — is a `DataError` carrying the engine's message;
/// nothing traps and nothing is printed.
public protocol SQLClient: Sendable {
    func query(_ sql: String) throws(DataError) -> SQLQueryResult
}

/// Finding and running an engine's own command-line client.
enum ClientProgram {
    /// The executable given by the environment variable `override` (when set), or the first
    /// `name` on `PATH`; nil when there is none.
    static func find(_ name: String, override: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        if let given = env[override], !given.isEmpty {
            return FileManager.default.isExecutableFile(atPath: given) ? given : nil
        }
        for dir in (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Why a client did not start.
    struct StartFailure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// What a finished client printed.
    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `path` with `arguments` to its end, standard input empty; a failure holds why it
    /// did not start.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) -> Swift.Result<Output, StartFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            return .failure(StartFailure(reason: error.localizedDescription))
        }
        let errorBox = OutputBox()
        let reader = Thread { errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorBox.done { usleep(1000) }
        let message = String(decoding: errorBox.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(Output(status: process.terminationStatus, stdout: output, stderr: message))
    }

    /// Filled by the thread reading a client's standard error.
    final class OutputBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Data?
        private var finished = false
        var data: Data? {
            get { lock.withLock { value } }
            set { lock.withLock { value = newValue; finished = true } }
        }
        var done: Bool { lock.withLock { finished } }
    }
}

/// RFC 4180 CSV as `psql --csv` and `duckdb -csv` write it: `"` quotes fields, `""` inside
/// them, line breaks inside quotes belong to the field; an empty field (NULL, or an empty
/// text) is nil.
enum SQLClientCSV {
    static func parse(_ data: Data) -> [[String?]] {
        var records: [[String?]] = []
        var record: [String?] = []
        var field: [UInt8] = []
        var quoted = false, inRecord = false
        let bytes = [UInt8](data)
        var i = 0
        func endField() {
            record.append(field.isEmpty ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { quoted = false }
                } else {
                    field.append(b)
                }
            } else {
                switch b {
                case UInt8(ascii: "\""): quoted = true; inRecord = true
                case UInt8(ascii: ","): endField(); inRecord = true
                case UInt8(ascii: "\n"):
                    endField()
                    records.append(record)
                    record = []
                    inRecord = false
                case UInt8(ascii: "\r"): break
                default: field.append(b); inRecord = true
                }
            }
            i += 1
        }
        if inRecord || !field.isEmpty { endField(); records.append(record) }
        return records
    }

    /// The rows of a client's CSV output, the first record being the header.
    static func result(_ data: Data) -> SQLQueryResult {
        let records = parse(data)
        guard let header = records.first else { return SQLQueryResult(columns: [], rows: []) }
        return SQLQueryResult(columns: header.map { $0 ?? "" }, rows: Array(records.dropFirst()))
    }
}
