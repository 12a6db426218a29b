import Atomics

/// How far a replay has got, in history blocks: written by the replaying thread, read by a progress bar.
public final class ReplayProgress: Sendable {
    private let done = ManagedAtomic<Int>(0)
    private let total = ManagedAtomic<Int>(0)

    public init() {}

    /// The share of blocks replayed, 0...1; nil until the replay knows how many blocks it will read.
    public var fraction: Double? {
        let total = total.load(ordering: .relaxed)
        guard total > 0 else { return nil }
        return min(1, Double(done.load(ordering: .relaxed)) / Double(total))
    }

    func begin(blocks: Int) {
        done.store(0, ordering: .relaxed)
        total.store(blocks, ordering: .relaxed)
    }

    func blockDone() {
        done.wrappingIncrement(ordering: .relaxed)
    }
}
