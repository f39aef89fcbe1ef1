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
    /// The same, given at most `limit` (the run's remaining time); by default the client's own.
    func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult
}

extension SQLClient {
    public func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult { try query(sql) }
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
        /// The client ran past its time limit and was ended (``ProcessWatchdog``).
        var timedOut = false
    }

    /// Runs `path` with `arguments` to its end, standard input empty, for at most `limit`; a
    /// failure holds why it did not start. The client leads a process group of its own, so the
    /// time limit ends whatever it started as well.
    static func run(_ path: String, _ arguments: [String], limit: Duration = ProcessWatchdog.queryLimit,
                    environment: [String: String]) -> Swift.Result<Output, StartFailure> {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0 else { return .failure(StartFailure(reason: String(cString: strerror(errno)))) }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            return .failure(StartFailure(reason: String(cString: strerror(errno))))
        }
        for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outPipe[1])
        posix_spawn_file_actions_addclose(&actions, errPipe[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        close(outPipe[1]); close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0]); close(errPipe[0])
            return .failure(StartFailure(reason: String(cString: strerror(spawned))))
        }
        let exit = ExitBox()
        let watchdog = ProcessWatchdog(pid: pid, group: true, limit: limit, running: { !exit.done })
        defer { watchdog.disarm() }
        let errorBox = OutputBox()
        let errorFD = errPipe[0]
        let reader = Thread { errorBox.data = drain(errorFD, watchdog: watchdog) }
        reader.start()
        let output = drain(outPipe[0], watchdog: watchdog)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        exit.finish()
        while !errorBox.done { usleep(1000) }
        close(outPipe[0]); close(errPipe[0])
        // The wait status: exit code in bits 8–15, or the signal that ended the client (128 + n).
        let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let message = String(decoding: errorBox.data ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(Output(status: code, stdout: output, stderr: message, timedOut: watchdog.timedOut))
    }

    /// Whether the client has been waited for, for the watchdog.
    final class ExitBox: @unchecked Sendable {
        private let lock = NSLock()
        private var finished = false
        var done: Bool { lock.withLock { finished } }
        func finish() { lock.withLock { finished = true } }
    }

    /// Everything `handle` gives until its end, or until a few seconds after the watchdog ended
    /// the process (a child the client left behind may hold the pipe open long after).
    static func drain(_ fd: Int32, watchdog: ProcessWatchdog) -> Data {
        var out = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { break }
            if ready == 0 {
                if watchdog.endedLongAgo { break }
                continue
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// The error of a client ended by its time limit.
    static func timedOut(_ shown: String, client: String, limit: Duration = ProcessWatchdog.queryLimit) -> DataError {
        DataError(kind: .unreadable("timed out"), path: shown,
                  message: "query on \(shown) did not finish within \(ProcessWatchdog.describe(limit)); \(client) was stopped",
                  hint: "check that the server answers, or allow more time with GOALSPEC_SQL_TIMEOUT=SECONDS")
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
