import SeismoRing

/// The evaluation thread's end of the verdicts a `DetectorLane` judged on the reader thread: one per detector role of
/// each sample, in sample order, taken one at a time as `DetectionStage` meets those roles.
///
/// The reader pushes a batch of samples and right after it their verdicts (`DetectorHandOff`), so a refill finds them
/// in `ring` or waits the moment until they arrive. The ring is never closed: every verdict the stage asks for
/// belongs to a sample it holds, and so is on its way.
final class VerdictFeed {
    let ring: SPSCRing<DetectorVerdict>
    private let buffer: UnsafeMutableBufferPointer<DetectorVerdict>
    // Touched once per detector role of every sample: without a dynamic exclusivity check. Safe: the feed belongs to
    // the evaluation thread, and `next()` holds no access across a call.
    @exclusivity(unchecked) private var cursor = 0
    @exclusivity(unchecked) private var count = 0

    /// How many verdicts a refill takes from the ring at most.
    static let bufferSize = 1024

    init(ring: SPSCRing<DetectorVerdict>) {
        self.ring = ring
        buffer = .allocate(capacity: Self.bufferSize)
    }

    deinit { buffer.deallocate() }

    /// The next verdict, in the order the lane judged them.
    @inline(__always)
    func next() -> DetectorVerdict {
        if cursor == count { refill() }
        defer { cursor += 1 }
        return buffer[cursor]
    }

    @inline(never)
    private func refill() {
        cursor = 0
        count = ring.popWait(into: buffer)
        precondition(count > 0, "VerdictFeed: the verdict ring was closed while samples still wanted verdicts")
    }
}
