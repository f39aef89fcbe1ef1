import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the recursive passes (parser, checker, evaluator, formatter) on a thread of their own
/// with a large stack, so that the library works the same when it is called from a worker
/// thread with a small stack (512 KiB is common) as from the main thread. The depth limits
/// (`SpecParser.maxTreeDepth`, `Checker.maxCheckDepth`) are sized for this stack in debug builds.
enum DeepStack {
    /// The stacks tried for the worker thread, largest first: address space only, touched as far
    /// as the recursion goes. Under a tight address-space limit (`ulimit -v`) the thread may not
    /// start with the first; with none of them the work runs on the caller's thread.
    static let stackSizes = [256 << 20, 64 << 20, 16 << 20]
    private static let marker = "goalspec.deepstack"

    /// Whether the caller already runs on a deep-stack thread.
    static var isDeep: Bool { Thread.current.threadDictionary[marker] != nil }

    /// `body`'s result, computed on a deep-stack thread (or right here when already on one, or
    /// when no such thread can be started).
    static func run<T>(_ body: () -> T) -> T {
        if isDeep { return body() }
        return withoutActuallyEscaping(body) { escaping in
            let box = Box(body: escaping)
            for size in stackSizes where startAndJoin(box, stackSize: size) {
                if let result = box.result { return result }
            }
            return escaping()
        }
    }

    /// Runs `box` on a new thread with `stackSize` bytes of stack and waits for it; false when
    /// the thread could not be created.
    private static func startAndJoin<T>(_ box: Box<T>, stackSize: Int) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return false }
        let context = Unmanaged.passRetained(box as AnyObject).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        #else
        var thread = pthread_t()
        #endif
        let created = pthread_create(&thread, &attributes, { raw in
            #if canImport(Darwin)
            let object = Unmanaged<AnyObject>.fromOpaque(raw).takeRetainedValue()
            #else
            guard let raw else { return nil }
            let object = Unmanaged<AnyObject>.fromOpaque(raw).takeRetainedValue()
            #endif
            Thread.current.threadDictionary[DeepStack.marker] = true
            (object as? Computing)?.compute()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<AnyObject>.fromOpaque(context).release()
            return false
        }
        #if canImport(Darwin)
        guard let thread else { return false }
        #endif
        pthread_join(thread, nil)
        return true
    }

    private protocol Computing: AnyObject { func compute() }

    /// Carries the closure and its result across the thread; accessed by one thread at a time
    /// (the caller waits in `pthread_join`).
    private final class Box<T>: Computing, @unchecked Sendable {
        private var body: (() -> T)?
        var result: T?
        init(body: @escaping () -> T) { self.body = body }

        /// Runs the body once and lets go of it, so that it does not outlive
        /// `withoutActuallyEscaping`.
        func compute() {
            guard let b = body else { return }
            body = nil
            result = b()
        }
    }
}
