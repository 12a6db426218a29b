import SeismoCore
import Testing

@testable import SeismoDetect

/// `BucketRing` against a model that keeps every event and sums the window afresh: sparse and dense streams, late
/// events, jumps past the whole ring, several tracked windows (one as long as the ring) and rings that are not a
/// multiple of the bitmap's 64-bucket words.
@Suite struct BucketRingTests {
    /// Integer counts, so the ring's running totals must equal the model's sums exactly.
    struct Tally: BucketCounts, Equatable {
        var events = 0
        var weight = 0
        static var zero: Tally { Tally() }
        mutating func add(_ other: Tally) {
            events += other.events
            weight += other.weight
        }
        mutating func subtract(_ other: Tally) {
            events -= other.events
            weight -= other.weight
        }
    }

    @Test(arguments: [
        (UInt64(1), 300, [300]), (2, 300, [300, 60, 5]), (3, 64, [64, 1]), (4, 130, [7, 130, 129]), (5, 1, [1]),
    ] as [(UInt64, Int, [Int])])
    func trackedTotalsMatchAModel(seed: UInt64, capacity: Int, windows: [Int]) {
        var random = SplitMix64(seed: seed)
        var ring = BucketRing<Tally>(resolution: 10, capacity: capacity, trackedWindows: windows)
        var kept: [(index: Int64, tally: Tally)] = []
        var time: Int64 = -5_000
        for step in 0..<20_000 {
            // Mostly small steps (many empty buckets crossed), sometimes a jump past the ring, sometimes late.
            let roll = random.next() % 100
            if roll < 2 {
                time += Int64(capacity) * 10 + Int64(random.next() % 1_000)
            } else if roll < 90 {
                time += Int64(random.next() % UInt64(40 * min(capacity, 8)))
            }
            let late = roll >= 95 ? Int64(random.next() % UInt64(capacity * 12)) : 0
            let at = time - late
            if step % 7 == 6 {
                ring.advance(to: at)
            } else {
                let tally = Tally(events: 1, weight: Int(random.next() % 50))
                if ring.add(tally, at: at) { kept.append((ring.bucketIndex(of: at), tally)) }
            }
            guard let head = ring.head else { continue }
            for (i, length) in windows.enumerated() {
                var expected = Tally.zero
                for event in kept where event.index > head - Int64(length) && event.index <= head {
                    expected.add(event.tally)
                }
                #expect(ring.trackedTotal(i) == expected, "window \(length) at step \(step)")
                // Summed afresh from the occupied buckets (what the periodic recompute and untracked windows use).
                #expect(ring.total(lastBuckets: length) == expected, "sum of \(length) buckets at step \(step)")
                if ring.trackedTotal(i) != expected || ring.total(lastBuckets: length) != expected { return }
            }
            kept.removeAll { $0.index <= head - Int64(capacity) }
        }
    }
}
