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
    private let mailbox: RuleMailbox

    /// Wall time without input after which the event clock advances by the silence (rules only).
    private let idleAdvanceAfter: Int64
    /// Batch durations and evaluated samples go here, once per batch.
    private let metrics: EngineMetrics?
    /// Gets the evaluator's `status()` about once a second.
    private let board: StatusBoard?
    /// Writes each batch to history before it is evaluated (`--data`); nil without.
    private let history: HistoryStage?
    /// Beaten once per loop turn (`/healthz`); nil without.
    private let liveness: Liveness?

    init(
        ring: SPSCRing<Sample>, evaluator: Evaluator, idleAdvanceAfter: Int64, history: HistoryStage? = nil,
        metrics: EngineMetrics? = nil, board: StatusBoard? = nil, liveness: Liveness? = nil,
        mailbox: RuleMailbox = RuleMailbox()
    ) {
        self.ring = ring
        self.mailbox = mailbox
        self.evaluator = evaluator
        self.idleAdvanceAfter = idleAdvanceAfter
        self.history = history
        self.metrics = metrics
        self.board = board
        self.liveness = liveness
    }

    func start() {
        let thread = Thread { [self] in
            // Signals are the reader's business: with them blocked here, SIGINT/SIGTERM interrupt the reader's
            // `read` instead of landing on this thread.
            var mask = sigset_t()
            sigemptyset(&mask)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&mask, signal) }
            pthread_sigmask(SIG_BLOCK, &mask, nil)
            let chunk = Self.chunkLimit(ringCapacity: ring.capacity)
            var lastInput = Timestamp.monotonic()
            var idleNanoseconds: UInt64 = 0
            var pause: UInt32 = 20  // µs, doubling to 1 ms while the ring stays empty
            var nextStatus: UInt64 = 0
            while true {
                liveness?.beat()
                // A reloaded rule set takes effect exactly after the samples pushed before it: read no further.
                var limit = chunk
                if let boundary = mailbox.nextBoundary {
                    if evaluator.evaluated >= boundary {
                        if let ruleSet = mailbox.take() { evaluator.reload(ruleSet) }
                        continue
                    }
                    limit = Int(min(UInt64(chunk), boundary - evaluator.evaluated))
                }
                // Evaluated where the reader put them, and handed back after: copying each batch out of the ring
                // cost the evaluation thread about 2% of its work.
                var batch = ring.lend(upTo: limit)
                if batch.isEmpty {
                    // Out of input: show the alerts held back, then wait. `close()` comes after the last push,
                    // so one more look after seeing it closed drains everything.
                    evaluator.idle()
                    if ring.isClosed {
                        batch = ring.lend(upTo: limit)
                        if batch.isEmpty { break }
                    } else {
                        usleep(pause)
                        pause = min(pause * 2, 1000)
                        let now = Timestamp.monotonic()
                        if let board, now >= nextStatus {
                            board.publish(evaluator.status())
                            nextStatus = now + 1_000_000_000
                        }
                        if now - lastInput - idleNanoseconds >= UInt64(idleAdvanceAfter) {
                            let elapsed = now - lastInput - idleNanoseconds
                            idleNanoseconds += elapsed
                            if let now = evaluator.advanceIdle(by: Int64(elapsed)) { history?.record(.idleAdvance, at: now) }
                        }
                        continue
                    }
                }
                pause = 20
                lastInput = Timestamp.monotonic()
                idleNanoseconds = 0
                let n = batch.count
                history?.append(batch)
                evaluator.evaluate(batch)
                ring.release(n)
                if metrics != nil || board != nil {
                    let now = Timestamp.monotonic()
                    metrics?.evaluationBatch.recordNanoseconds(Int64(now - lastInput))
                    metrics?.samplesEvaluated.increment(by: Int64(n))
                    if let board, now >= nextStatus {
                        board.publish(evaluator.status())
                        nextStatus = now + 1_000_000_000
                    }
                }
                history?.checkpointIfDue(evaluator)
            }
            evaluator.finish()
            history?.finish(evaluator)
            board?.publish(evaluator.status())
            finished.signal()
        }
        thread.name = "seismo-evaluator"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The most samples the thread holds in the ring at a time (`SPSCRing.lend(upTo:)`): at most half the ring, so
    /// the reader always has the other half to push into (see `DetectorHandOff`, whose stretches rely on it).
    static func chunkLimit(ringCapacity: Int) -> Int {
        max(1, min(4096, ringCapacity / 2))
    }

    /// Waits for the ring to be drained and returns the evaluator's final state.
    func join() -> Evaluator {
        finished.wait()
        return evaluator
    }
}
