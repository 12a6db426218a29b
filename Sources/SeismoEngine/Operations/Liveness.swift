import Atomics
import SeismoCore

/// Whether the evaluation thread is still making progress, for `/healthz`.
///
/// The evaluation thread beats once per loop turn: after every batch, and at least every millisecond while it
/// waits for input. A thread stuck in one batch (or dead) stops beating; `check` then reports it.
public final class Liveness: Sendable {
    private let lastBeat = ManagedAtomic<UInt64>(0)

    /// Silence after which the evaluator counts as stalled, ns.
    public let stallAfter: UInt64

    public init(stallAfter: UInt64 = 10 * 1_000_000_000) {
        self.stallAfter = stallAfter
    }

    /// The evaluation thread is alive at `now` (monotonic ns).
    public func beat(now: UInt64 = Timestamp.monotonic()) {
        lastBeat.store(now, ordering: .relaxed)
    }

    /// nil when healthy at `now` (monotonic ns), else what is wrong. Before the first beat the run is starting
    /// and counts as healthy.
    public func problem(now: UInt64 = Timestamp.monotonic()) -> String? {
        let last = lastBeat.load(ordering: .relaxed)
        guard last != 0, now > last, now - last > stallAfter else { return nil }
        return "evaluator stalled: no progress for \((now - last) / 1_000_000) ms"
    }
}
