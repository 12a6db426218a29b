/// Counts that can be summed into a bucket and taken out again when the bucket leaves a window.
protocol BucketCounts: Sendable {
    static var zero: Self { get }
    mutating func add(_ other: Self)
    mutating func subtract(_ other: Self)
}

/// A ring of fixed-width event-time buckets with running totals over a few "tracked" trailing windows.
///
/// The ring holds `capacity` buckets of `resolution` nanoseconds each; the newest bucket, `head`, is the one holding
/// the latest event time seen. A tracked window of `k` buckets covers the buckets `head − k + 1 ... head`: the current,
/// partial bucket and the `k − 1` before it, so between `(k − 1)·resolution` and `k·resolution` of event time.
///
/// Adding counts is O(number of tracked windows). Moving the head forward costs O(tracked windows) per occupied
/// bucket that leaves a window, plus a bit test per 64 buckets crossed: a bitmap marks the buckets holding counts, so
/// the empty ones a sparse stream leaves (a dependency called every few seconds, in a window of one-second
/// buckets) are skipped. Every `capacity` buckets crossed the tracked totals are recomputed from the
/// buckets, so floating-point fields in `Counts` cannot drift however long the ring runs (integer fields never do).
/// Memory is `capacity` buckets, whatever the number of events.
struct BucketRing<Counts: BucketCounts>: Sendable {
    let resolution: Int64
    let capacity: Int
    /// Length in buckets of each tracked window; each is in `1...capacity`.
    let trackedWindows: [Int]

    private var buckets: [Counts]
    private var trackedTotals: [Counts]
    /// Bit `s` set: `buckets[s]` may hold counts; clear: it is zero.
    private var occupied: [UInt64]
    /// Bucket index (`floor(time / resolution)`) of the newest bucket; nil until the first event.
    private(set) var head: Int64?
    private var crossedSinceRecompute = 0

    init(resolution: Int64, capacity: Int, trackedWindows: [Int]) {
        precondition(resolution > 0 && capacity > 0, "BucketRing needs a positive resolution and capacity")
        precondition(trackedWindows.allSatisfy { (1...capacity).contains($0) }, "tracked windows must fit the ring")
        self.resolution = resolution
        self.capacity = capacity
        self.trackedWindows = trackedWindows
        buckets = Array(repeating: .zero, count: capacity)
        trackedTotals = Array(repeating: .zero, count: trackedWindows.count)
        occupied = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    /// The bucket index of an event time, rounding toward minus infinity so negative times bucket correctly.
    func bucketIndex(of time: Int64) -> Int64 {
        let q = time / resolution
        return (time % resolution < 0) ? q - 1 : q
    }

    /// The running total of tracked window `i`.
    func trackedTotal(_ i: Int) -> Counts { trackedTotals[i] }

    /// Adds `counts` to the bucket of `time`, moving the head forward if `time` is newer.
    ///
    /// - Returns: false if `time` is older than the ring holds (the counts are dropped).
    mutating func add(_ counts: Counts, at time: Int64) -> Bool {
        let index = bucketIndex(of: time)
        advance(toIndex: index)
        let head = self.head!
        guard index > head - Int64(capacity) else { return false }
        let s = slot(index)
        // One access each: plain indexing (a buffer-pointer closure here was called out of line).
        buckets[s].add(counts)
        occupied[s >> 6] |= 1 << UInt64(s & 63)
        let age = head - index
        let windows = trackedWindows.count
        trackedTotals.withUnsafeMutableBufferPointer { totals in
            for i in 0..<windows where age < Int64(trackedWindows[i]) { totals[i].add(counts) }
        }
        return true
    }

    /// Moves the head to the bucket of `time` if that is newer, expiring what leaves each window.
    mutating func advance(to time: Int64) {
        advance(toIndex: bucketIndex(of: time))
    }

    /// The sum of the newest `count` buckets (the current one included), in index order. O(count / 64) bit tests
    /// plus O(occupied buckets): the empty ones are skipped, which leaves the sum unchanged (adding zero counts is
    /// exact, and a sum that starts at zero is never −0).
    func total(lastBuckets count: Int) -> Counts {
        precondition((1...capacity).contains(count), "a window of \(count) buckets does not fit a ring of \(capacity)")
        var sum = Counts.zero
        guard let head else { return sum }
        buckets.withUnsafeBufferPointer { buckets in
            occupied.withUnsafeBufferPointer { occupied in
                Self.forEachOccupiedSlot(after: head - Int64(count), through: head, capacity: capacity, occupied) { slot in
                    sum.add(buckets[slot])
                }
            }
        }
        return sum
    }

    private func slot(_ index: Int64) -> Int {
        let r = Int(index % Int64(capacity))
        return r < 0 ? r + capacity : r
    }

    private mutating func advance(toIndex index: Int64) {
        guard let head else {
            self.head = index
            return
        }
        guard index > head else { return }
        let (steps, overflow) = index.subtractingReportingOverflow(head)
        if overflow || steps >= Int64(capacity) {
            for i in buckets.indices { buckets[i] = .zero }
            for i in trackedTotals.indices { trackedTotals[i] = .zero }
            for i in occupied.indices { occupied[i] = 0 }
            crossedSinceRecompute = 0
            self.head = index
            return
        }
        // Through buffer pointers: indexing the arrays in the loops checked their uniqueness at every access.
        let windowCount = trackedWindows.count
        let capacity = self.capacity
        buckets.withUnsafeMutableBufferPointer { buckets in
            trackedTotals.withUnsafeMutableBufferPointer { totals in
                occupied.withUnsafeMutableBufferPointer { occupied in
                    // What leaves each window: the buckets of indices (head − length, index − length], those up to
                    // the old head only (later ones are new and empty), each taken out in index order, as a bucket
                    // at a time would. Their slots are not reused until the second pass.
                    for i in 0..<windowCount {
                        let length = trackedWindows[i]
                        let lower = head - Int64(length)
                        let upper = min(index - Int64(length), head)
                        Self.forEachOccupiedSlot(after: lower, through: upper, capacity: capacity, UnsafeBufferPointer(occupied)) { slot in
                            totals[i].subtract(buckets[slot])
                        }
                    }
                    // The new buckets (head, index] reuse the slots of the buckets `capacity` before them: empty those.
                    Self.forEachOccupiedSlot(after: head, through: index, capacity: capacity, UnsafeBufferPointer(occupied)) { slot in
                        buckets[slot] = .zero
                        occupied[slot >> 6] &= ~(1 << UInt64(slot & 63))
                    }
                }
            }
        }
        self.head = index
        crossedSinceRecompute += Int(steps)
        if crossedSinceRecompute >= capacity {
            crossedSinceRecompute = 0
            for (i, length) in trackedWindows.enumerated() { trackedTotals[i] = total(lastBuckets: length) }
        }
    }

    /// Calls `body` with the slot of each occupied bucket among the indices `lower + 1 ... upper` (at most
    /// `capacity` of them), in index order.
    @inline(__always)
    private static func forEachOccupiedSlot(
        after lower: Int64, through upper: Int64, capacity: Int, _ occupied: UnsafeBufferPointer<UInt64>,
        _ body: (Int) -> Void
    ) {
        guard upper > lower else { return }
        var remaining = Int(upper - lower)
        let first = Int((lower + 1) % Int64(capacity))
        var start = first < 0 ? first + capacity : first
        while remaining > 0 {
            // Up to the end of the ring, then on from slot 0.
            let end = start + min(remaining, capacity - start)
            remaining -= end - start
            var bit = start
            while bit < end {
                let word = occupied[bit >> 6] >> UInt64(bit & 63)
                if word == 0 {
                    bit = (bit | 63) + 1
                    continue
                }
                bit += word.trailingZeroBitCount
                guard bit < end else { break }
                body(bit)
                bit += 1
            }
            start = 0
        }
    }
}
