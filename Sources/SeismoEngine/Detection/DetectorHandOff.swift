import SeismoCore
import SeismoIngest
import SeismoRing
import SeismoRules

/// The reader thread's side of the detector lane: judges samples with the `DetectorLane`, then pushes them into the
/// sample ring and their verdicts into a ring of their own, for the evaluation thread's `VerdictFeed`.
///
/// Samples first, then their verdicts, in stretches no longer than the sample ring less what the evaluation thread
/// holds of it while it works (`EvaluationThread.chunkLimit`, samples read in place): while the reader waits for
/// room in the sample ring, the evaluation thread works through earlier stretches, whose verdicts are all pushed, and
/// the samples it holds, with the rest of the stretch, fit; while the reader waits for room in the verdict ring, the
/// evaluation thread is reading the samples those verdicts belong to (and holds no verdicts while it waits for
/// more). So neither side ever waits on the other for good, however many detectors a sample feeds. The evaluation
/// thread may meet a sample before its verdicts; the feed then waits the moment it takes the reader to push them.
///
/// Used only when samples are never dropped (`--overflow block`): a sample the sample ring refused would leave its
/// verdicts without a reader.
struct DetectorHandOff {
    private(set) var lane: DetectorLane
    let verdicts: SPSCRing<DetectorVerdict>
    private var pending: [DetectorVerdict] = []

    /// A size for `verdicts`: 16,384 verdicts, 640 KB.
    static let verdictCapacity = 1 << 14

    /// - Parameter verdicts: the ring the evaluation thread's `VerdictFeed` reads.
    init(lane: DetectorLane, verdicts: SPSCRing<DetectorVerdict>) {
        self.lane = lane
        self.verdicts = verdicts
    }

    /// Moves the lane to a reloaded rule set, keeping the state of unchanged detectors.
    mutating func reload(_ ruleSet: RuleSet) {
        lane = DetectorLane(ruleSet: ruleSet, carryingOver: lane)
    }

    /// Judges `batch` and pushes it into `ring`, each stretch before its verdicts, waiting while either ring is full.
    /// Returns the nanoseconds spent waiting.
    mutating func push(_ batch: UnsafeBufferPointer<Sample>, into ring: SPSCRing<Sample>, registry: SeriesRegistry) -> UInt64 {
        guard !lane.isEmpty else { return ring.pushAll(batch) }
        var waited: UInt64 = 0
        let length = max(1, ring.capacity - EvaluationThread.chunkLimit(ringCapacity: ring.capacity))
        var start = 0
        while start < batch.count {
            let stretch = UnsafeBufferPointer(rebasing: batch[start..<min(batch.count, start + length)])
            for sample in stretch {
                lane.judge(sample, registry: registry, into: &pending)
            }
            waited &+= ring.pushAll(stretch)
            if !pending.isEmpty { waited &+= verdicts.pushAll(pending) }
            pending.removeAll(keepingCapacity: true)
            start += stretch.count
        }
        return waited
    }
}
