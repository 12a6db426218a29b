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
/// Adding counts is O(number of tracked windows). Moving the head forward costs O(tracked windows) per bucket crossed,
/// at most `capacity` buckets per move. Every `capacity` buckets crossed the tracked totals are recomputed from the
/// buckets, so floating-point fields in `Counts` cannot drift however long the ring runs (integer fields never do).
/// Memory is `capacity` buckets, whatever the number of events.
struct BucketRing<Counts: BucketCounts>: Sendable {
    let resolution: Int64
    let capacity: Int
    /// Length in buckets of each tracked window; each is in `1...capacity`.
    let trackedWindows: [Int]

    private var buckets: [Counts]
    private var trackedTotals: [Counts]
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
        buckets[slot(index)].add(counts)
        for (i, length) in trackedWindows.enumerated() where index > head - Int64(length) {
            trackedTotals[i].add(counts)
        }
        return true
    }

    /// Moves the head to the bucket of `time` if that is newer, expiring what leaves each window.
    mutating func advance(to time: Int64) {
        advance(toIndex: bucketIndex(of: time))
    }

    /// The sum of the newest `count` buckets (the current one included). O(count).
    func total(lastBuckets count: Int) -> Counts {
        precondition((1...capacity).contains(count), "a window of \(count) buckets does not fit a ring of \(capacity)")
        var sum = Counts.zero
        guard let head else { return sum }
        for index in (head - Int64(count) + 1)...head { sum.add(buckets[slot(index)]) }
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
            crossedSinceRecompute = 0
            self.head = index
            return
        }
        let windows = trackedWindows
        // Through buffer pointers: indexing the arrays in the loop checked their uniqueness at every access. Slots
        // move with the head, one at a time, instead of a division per bucket.
        let count = capacity
        var headSlot = slot(head)
        buckets.withUnsafeMutableBufferPointer { buckets in
            trackedTotals.withUnsafeMutableBufferPointer { totals in
                for _ in 0..<Int(steps) {
                    headSlot += 1
                    if headSlot == count { headSlot = 0 }
                    // Take out the bucket that falls off each window before its slot is reused: with a window as
                    // long as the ring, that bucket is the very slot the new head takes over.
                    for i in windows.indices {
                        var leaving = headSlot - windows[i]
                        if leaving < 0 { leaving += count }
                        totals[i].subtract(buckets[leaving])
                    }
                    buckets[headSlot] = .zero
                }
            }
        }
        self.head = head + steps
        crossedSinceRecompute += Int(steps)
        if crossedSinceRecompute >= capacity {
            crossedSinceRecompute = 0
            for (i, length) in trackedWindows.enumerated() { trackedTotals[i] = total(lastBuckets: length) }
        }
    }
}
