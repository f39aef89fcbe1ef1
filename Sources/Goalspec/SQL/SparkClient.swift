import Foundation

/// Runs SQL on Spark through one long-lived Spark session per configuration (master,
/// warehouse, settings): Spark takes seconds to start, so every query of a run — the schema,
/// the distinct values and the aggregates of every dataset — goes to the same session.
///
/// The session is PySpark's (`pip install pyspark`, with Java 17 or later): `python3` (or
/// `GOALSPEC_PYTHON`) runs ``SparkDriverScript`` with the configuration, which starts the
/// session with Hive support (`spark.sql.catalogImplementation=hive`, so tables persist in a
/// metastore), pins `spark.sql.parser.escapedStringLiterals=false` (the Spark dialect's
/// string literals rely on it) and `spark.sql.ansi.enabled=true` (an overflowing sum is an
/// error, never NULL), whatever the URI or the cluster sets, and answers one JSON request per line. Values come back as
/// text (decimals in plain notation); a floating-point value is an error, never rounded. The
/// session's own log goes to a temporary file, quoted when the session cannot start.
public struct SparkClient: SQLClient {
    public var location: SparkLocation

    public init(_ location: SparkLocation) {
        self.location = location
    }

    public func query(_ sql: String) throws(DataError) -> SQLQueryResult {
        try query(sql, within: ProcessWatchdog.queryLimit)
    }

    /// Runs one statement for at most `limit`; past it the session is stopped.
    public func query(_ sql: String, within limit: Duration) throws(DataError) -> SQLQueryResult {
        let session = try SparkSessions.shared.session(for: location)
        switch session.query(sql, within: limit) {
        case .success(let result): return result
        case .failure(let failure):
            if failure.sessionEnded { SparkSessions.shared.forget(location) }
            throw DataError(kind: .unreadable(failure.message), path: location.display,
                            message: "query on \(location.display) failed: \(failure.message)",
                            hint: failure.sessionEnded ? "the Spark session ended; its log: \(session.log)" : nil)
        }
    }
}

/// The running Spark sessions of this process, by configuration.
final class SparkSessions: @unchecked Sendable {
    static let shared = SparkSessions()
    private let lock = NSLock()
    private var sessions: [String: SparkSession] = [:]

    func session(for location: SparkLocation) throws(DataError) -> SparkSession {
        lock.lock()
        defer { lock.unlock() }
        if let running = sessions[location.sessionKey] { return running }
        let started = try SparkSession.start(location)
        sessions[location.sessionKey] = started
        return started
    }

    func forget(_ location: SparkLocation) {
        lock.withLock { _ = sessions.removeValue(forKey: location.sessionKey) }
    }
}

/// One PySpark driver process and its request/response pipes.
final class SparkSession: @unchecked Sendable {
    private let process: Process
    private let requests: FileHandle
    private let responses: FileHandle
    private var buffer = Data()
    private let lock = NSLock()
    /// The session's log file.
    let log: String

    struct Failure: Error {
        var message: String
        var sessionEnded: Bool
    }

    private init(process: Process, requests: FileHandle, responses: FileHandle, log: String) {
        self.process = process
        self.requests = requests
        self.responses = responses
        self.log = log
    }

    /// Starts a driver and waits until its session is up.
    static func start(_ location: SparkLocation) throws(DataError) -> SparkSession {
        let shown = location.display
        guard let python = ClientProgram.find("python3", override: "GOALSPEC_PYTHON") else {
            throw DataError(kind: .unreadable("python3 not found"), path: shown,
                            message: "cannot read \(shown): Spark is reached through PySpark, and python3 is not installed",
                            hint: "install Python 3 and PySpark (pip install pyspark) with Java 17, or set GOALSPEC_PYTHON to a python3 that has pyspark")
        }
        var conf: [String: String] = [:]
        for s in location.settings { conf[s.key] = s.value }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("goalspec-spark-\(UUID().uuidString.prefix(8)).log").path
        let config: [String: Any] = ["master": location.master, "warehouse": location.warehouse ?? NSNull(), "conf": conf, "log": log]
        let configText: String
        do {
            configText = String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)
        } catch {
            throw DataError(kind: .unreadable("configuration"), path: shown, message: "cannot start Spark for \(shown): \(error.localizedDescription)")
        }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        // Writing to a driver that has died must fail with EPIPE, not end this process.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", "-c", SparkDriverScript.source, configText]
        var env = ProcessInfo.processInfo.environment
        env["PYTHONIOENCODING"] = "utf-8"
        process.environment = env
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw DataError(kind: .unreadable("python3 did not start"), path: shown,
                            message: "cannot start Spark for \(shown): \(python) did not start: \(error.localizedDescription)")
        }
        let session = SparkSession(process: process, requests: input.fileHandleForWriting,
                                   responses: output.fileHandleForReading, log: log)
        let limit = ProcessWatchdog.sparkStartLimit
        let watchdog = ProcessWatchdog(process, limit: limit)
        let ready = session.readResponse()
        watchdog.disarm()
        if let ready, ready["ready"] as? Bool == true { return session }
        let reason = watchdog.timedOut
            ? "the session did not start within \(ProcessWatchdog.describe(limit)) and was stopped (GOALSPEC_SQL_TIMEOUT=SECONDS allows more)"
            : (ready?["error"] as? String) ?? session.logTail()
        session.stop()
        let missing = ready?["missing"] as? String
        throw DataError(kind: .unreadable(reason), path: shown,
                        message: "cannot start Spark for \(shown): \(reason)",
                        hint: missing == "pyspark"
                            ? "install PySpark (pip install pyspark) for \(python), or set GOALSPEC_PYTHON to a python3 that has it"
                            : "Spark needs Java 17 or later (JAVA_HOME or java on PATH); the session's log is \(log)")
    }

    /// Sends one statement and waits for its rows.
    func query(_ sql: String, within limit: Duration) -> Result<SQLQueryResult, Failure> {
        lock.lock()
        defer { lock.unlock() }
        guard process.isRunning else { return .failure(Failure(message: "the Spark session has ended: " + logTail(), sessionEnded: true)) }
        do {
            let request = try JSONSerialization.data(withJSONObject: ["sql": sql])
            try requests.write(contentsOf: request + Data([0x0A]))
        } catch {
            return .failure(Failure(message: "the Spark session did not take the query: \(error.localizedDescription)", sessionEnded: true))
        }
        let watchdog = ProcessWatchdog(process, limit: limit)
        defer { watchdog.disarm() }
        guard let response = readResponse() else {
            if watchdog.timedOut {
                return .failure(Failure(message: "the query did not finish within \(ProcessWatchdog.describe(limit)), and the Spark session was stopped (GOALSPEC_SQL_TIMEOUT=SECONDS allows more)",
                                        sessionEnded: true))
            }
            return .failure(Failure(message: "the Spark session ended: " + logTail(), sessionEnded: true))
        }
        if let error = response["error"] as? String { return .failure(Failure(message: error, sessionEnded: false)) }
        let columns = response["columns"] as? [String] ?? []
        let rows = (response["rows"] as? [[Any]] ?? []).map { $0.map { $0 as? String } }
        return .success(SQLQueryResult(columns: columns, rows: rows))
    }

    /// The next line of the driver's output as a JSON object; nil at its end.
    private func readResponse() -> [String: Any]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                return (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
            }
            let more = responses.availableData
            if more.isEmpty { return nil }
            buffer.append(more)
        }
    }

    /// The last lines of the session's log, for messages.
    func logTail() -> String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").suffix(3).joined(separator: " / ")
        return lines.isEmpty ? "no output (log \(log))" : lines
    }

    /// Ends the driver: closing its input ends its loop and stops the session.
    func stop() {
        try? requests.close()
        if process.isRunning { process.waitUntilExit() }
    }
}
