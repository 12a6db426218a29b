import SeismoRules
import Synchronization

/// Hands reloaded rule sets from the reader thread to the evaluation thread, each tagged with the number of
/// samples pushed into the ring before it, so the evaluator switches rules exactly between those samples and the
/// next whatever the batching: the output does not depend on when the thread looks.
final class RuleMailbox: Sendable {
    private let pending = Mutex<[(ruleSet: RuleSet, after: UInt64)]>([])

    /// Queues `ruleSet` to take effect after the first `samples` samples pushed.
    func post(_ ruleSet: RuleSet, after samples: UInt64) {
        pending.withLock { $0.append((ruleSet, samples)) }
    }

    /// The sample count after which the oldest queued rule set takes effect; nil when none is queued.
    var nextBoundary: UInt64? { pending.withLock { $0.first?.after } }

    /// Removes and returns the oldest queued rule set.
    func take() -> RuleSet? {
        pending.withLock { $0.isEmpty ? nil : $0.removeFirst().ruleSet }
    }
}
