import Foundation

/// A `Process` handed to the watchdog's timer; only `isRunning` is read from it.
private final class UncheckedProcess: @unchecked Sendable {
    let process: Process
    init(_ process: Process) { self.process = process }
}

/// Ends a child process that runs past its time: SIGTERM at the deadline, SIGKILL two seconds
/// later if it is still there. A client that hangs — a database host that never answers, a
/// Spark driver that never starts — thus ends in an error instead of a run that never returns.
final class ProcessWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var firedAt: ContinuousClock.Instant?
    private var disarmed = false

    /// Whether the deadline passed while the process ran.
    var timedOut: Bool { lock.withLock { fired } }

    /// Watches process `pid` (already running) for `limit`; `group`: signal its whole process
    /// group (a client spawned as the leader of its own), so children it started end too.
    /// `running` tells whether the process is still there.
    init(pid: pid_t, group: Bool, limit: Duration, running: @escaping @Sendable () -> Bool) {
        let target = group ? -pid : pid
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in
            let act = lock.withLock { () -> Bool in
                guard !disarmed, running() else { return false }
                fired = true
                firedAt = .now
                return true
            }
            guard act else { return }
            kill(target, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in
                if lock.withLock({ !disarmed }), running() { kill(target, SIGKILL) }
            }
        }
    }

    /// Watches a Foundation `process` (already running) for `limit`.
    convenience init(_ process: Process, limit: Duration) {
        let box = UncheckedProcess(process)
        self.init(pid: process.processIdentifier, group: false, limit: limit, running: { box.process.isRunning })
    }

    /// Whether the process was ended more than three seconds ago (SIGKILL came one second
    /// before): what it left holding its pipes is not waited for.
    var endedLongAgo: Bool { lock.withLock { firedAt.map { ContinuousClock.now - $0 > .seconds(3) } ?? false } }

    /// Stops watching: the process ended or answered in time.
    func disarm() { lock.withLock { disarmed = true } }

    /// How long one query of an engine's client may take (`GOALSPEC_SQL_TIMEOUT`, in seconds,
    /// overrides it): 15 minutes.
    static var queryLimit: Duration { limit(default: 900) }
    /// How long a Spark session may take to start: 5 minutes, or `GOALSPEC_SQL_TIMEOUT`.
    static var sparkStartLimit: Duration { limit(default: 300) }

    private static func limit(default seconds: Int) -> Duration {
        if let text = ProcessInfo.processInfo.environment["GOALSPEC_SQL_TIMEOUT"], let given = Double(text), given > 0, given < 1e9 {
            return .milliseconds(Int64(given * 1000))
        }
        return .seconds(seconds)
    }

    /// "15 minutes", "90 s": a limit as a message says it.
    static func describe(_ limit: Duration) -> String {
        let s = limit.components.seconds
        return s >= 60 && s % 60 == 0 ? "\(s / 60) minute\(s == 60 ? "" : "s")" : "\(max(1, s)) s"
    }
}
