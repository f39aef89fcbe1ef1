import Foundation

/// Runs the recursive passes (parser, checker, evaluator, formatter) on a thread of their own
/// with a large stack, so that the library works the same when it is called from a worker
/// thread with a small stack (512 KiB is common) as from the main thread. The depth limits
/// (`SpecParser.maxTreeDepth`, `Checker.maxCheckDepth`) are sized for this stack in debug builds.
enum DeepStack {
    /// The stack of the worker thread: address space only, touched as far as the recursion goes.
    static let stackSize = 256 << 20
    private static let marker = "goalspec.deepstack"

    /// Whether the caller already runs on a deep-stack thread.
    static var isDeep: Bool { Thread.current.threadDictionary[marker] != nil }

    /// `body`'s result, computed on a deep-stack thread (or right here when already on one).
    static func run<T>(_ body: () -> T) -> T {
        if isDeep { return body() }
        return withoutActuallyEscaping(body) { escaping in
            let box = Box(body: escaping)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                Thread.current.threadDictionary[marker] = true
                box.compute()
                done.signal()
            }
            thread.stackSize = stackSize
            thread.start()
            done.wait()
            guard let result = box.result else { return escaping() }
            return result
        }
    }

    /// Carries the closure and its result across the thread; accessed by one thread at a time
    /// (the caller waits on the semaphore).
    private final class Box<T>: @unchecked Sendable {
        private var body: (() -> T)?
        var result: T?
        init(body: @escaping () -> T) { self.body = body }

        /// Runs the body once and lets go of it, so that it does not outlive
        /// `withoutActuallyEscaping` (the thread may still hold the box).
        func compute() {
            guard let b = body else { return }
            body = nil
            result = b()
        }
    }
}
