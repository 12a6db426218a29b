import SeismoRing

/// The evaluation thread's end of the verdicts a `DetectorLane` judged on the reader thread: one per detector role of
/// each sample, in sample order, taken one at a time as `DetectionStage` meets those roles.
///
/// The reader pushes a batch of samples and right after it their verdicts (`DetectorHandOff`), so a refill finds them
/// in `ring` or waits the moment until they arrive. The ring is never closed: every verdict the stage asks for
/// belongs to a sample it holds, and so is on its way.
final class VerdictFeed {
    let ring: SPSCRing<DetectorVerdict>
    /// The verdicts lent by the ring (`SPSCRing.lend(upTo:)`), read in place: copying them out cost the evaluation
    /// thread about 1% of its work.
    // Touched once per detector role of every sample: without a dynamic exclusivity check. Safe: the feed belongs to
    // the evaluation thread, and `next()` holds no access across a call.
    @exclusivity(unchecked) private var lent = UnsafeBufferPointer<DetectorVerdict>(start: nil, count: 0)
    @exclusivity(unchecked) private var cursor = 0

    /// How many verdicts the feed holds in the ring at most.
    static let lendSize = 1024

    init(ring: SPSCRing<DetectorVerdict>) {
        self.ring = ring
    }

    /// The next verdict, in the order the lane judged them.
    @inline(__always)
    func next() -> DetectorVerdict {
        if cursor == lent.count { refill() }
        defer { cursor += 1 }
        return lent[cursor]
    }

    /// Hands the verdicts read back to the ring, then waits for the next ones. Holds none while it waits, so the reader
    /// always has the whole ring to push them into.
    @inline(never)
    private func refill() {
        ring.release(lent.count)
        cursor = 0
        lent = ring.lendWait(upTo: Self.lendSize)
        precondition(!lent.isEmpty, "VerdictFeed: the verdict ring was closed while samples still wanted verdicts")
    }
}
