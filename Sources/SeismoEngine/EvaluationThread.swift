import Foundation
import SeismoCore
import SeismoRing

/// The consumer side of the ring: a dedicated thread that pops batches and feeds the `Evaluator` until the
/// reader closes the ring and it is drained.
///
/// `@unchecked Sendable`: `evaluator` is touched only by the thread between `start()` and the semaphore signal,
/// and by `join()` after waiting on that semaphore, which orders the two.
final class EvaluationThread: @unchecked Sendable {
    private let ring: SPSCRing<Sample>
    private var evaluator: Evaluator
    private let finished = DispatchSemaphore(value: 0)

    init(ring: SPSCRing<Sample>, evaluator: Evaluator) {
        self.ring = ring
        self.evaluator = evaluator
    }

    func start() {
        let thread = Thread { [self] in
            // Signals are the reader's business: with them blocked here, SIGINT/SIGTERM interrupt the reader's
            // `read` instead of landing on this thread.
            var mask = sigset_t()
            sigemptyset(&mask)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&mask, signal) }
            pthread_sigmask(SIG_BLOCK, &mask, nil)
            let capacity = 4096
            let buffer = UnsafeMutableBufferPointer<Sample>.allocate(capacity: capacity)
            defer { buffer.deallocate() }
            while true {
                let n = ring.popWait(into: buffer)
                if n == 0 { break }
                evaluator.evaluate(UnsafeBufferPointer(rebasing: buffer[0..<n]))
            }
            evaluator.finish()
            finished.signal()
        }
        thread.name = "seismo-evaluator"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the ring to be drained and returns the evaluator's final state.
    func join() -> Evaluator {
        finished.wait()
        return evaluator
    }
}
