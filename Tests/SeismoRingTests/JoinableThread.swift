import Foundation

/// Runs a closure on a new Foundation `Thread`; `join()` waits for it to finish and returns its result.
///
/// The result crosses threads under an `NSCondition` (a pthread mutex and condition variable), so the thread
/// sanitizer sees the hand-over and only reports races inside the code under test.
final class JoinableThread<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var result: Result?
    private var finished = false

    init(name: String, _ body: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let value = body()
            condition.lock()
            result = value
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// Waits for the closure to return and gives back what it returned.
    func join() -> Result {
        condition.lock()
        defer { condition.unlock() }
        while !finished { condition.wait() }
        return result!
    }
}
