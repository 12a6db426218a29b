import SeismoCore

/// The recent samples of one series, oldest first: append at the back, evict from the front.
///
/// Appends arrive in time order per series (ingest enforces it; a sample within the out-of-order window is
/// inserted at its place). Memory follows what the rules need to look back over, not the history's length.
///
/// This is the store's one unsafe layer. Samples sit as (time, value) pairs in one manually allocated block; the
/// bounds and the newest time live in the buffer itself (32 bytes, two to a cache line), not in a heap header.
/// With tens of thousands of series appended to in turn, the blocks' tails are cache and TLB misses: an in-order
/// append reads only the buffer and then writes the tail, and a write that misses does not stall the thread the
/// way a read does. (Two Swift arrays read five lines per append: a header and a tail each, plus the entry.)
///
/// The buffer owns its block but is a plain copyable value so it can live in an array: its owner (`SeriesStore`)
/// never copies one out, and calls `deallocate()` exactly once. Reads go through scoped accessors.
struct SeriesBuffer {
    private var base: UnsafeMutablePointer<RangeSeries.Point>?
    /// Time of the newest live sample; meaningless while empty.
    private var newest: Int64 = 0
    // Live samples are `base[head..<end]`; everything before `head` has been evicted. 32-bit to keep the buffer
    // at 32 bytes: a series holds what the retention covers, far below 2^31 samples.
    private var head32: Int32 = 0
    private var end32: Int32 = 0
    private var capacity32: Int32 = 0
    /// Whether a staleness marker was ever appended: readers that leave markers out can copy blocks otherwise.
    private(set) var mayHoldStaleMarkers = false

    private var head: Int {
        get { Int(head32) }
        set { head32 = Int32(newValue) }
    }
    private var end: Int {
        get { Int(end32) }
        set { end32 = Int32(newValue) }
    }
    private var capacity: Int {
        get { Int(capacity32) }
        set { capacity32 = Int32(newValue) }
    }

    var count: Int { end - head }
    var isEmpty: Bool { head == end }
    var newestTime: Int64? { isEmpty ? nil : newest }

    /// Frees the block. The owner calls it once, when the buffer is discarded.
    mutating func deallocate() {
        base?.deallocate()
        base = nil
        head = 0
        end = 0
        capacity = 0
    }

    /// Adds a sample; one older than the newest is inserted in order, one with an equal time replaces it.
    ///
    /// - Complexity: amortized O(1) in order; O(log n + k) for a late sample k places from the end.
    mutating func append(time: Int64, value: Double) {
        if StaleMarker.isStale(value) { mayHoldStaleMarkers = true }
        if end > head, time <= newest {
            insert(time: time, value: value)
            return
        }
        if end == capacity { makeRoom() }
        base![end] = RangeSeries.Point(time: time, value: value)
        end += 1
        newest = time
    }

    private mutating func insert(time: Int64, value: Double) {
        let i = index(atOrAfter: time)
        if i < end, base![i].time == time {
            base![i].value = value
            return
        }
        let offset = i - head
        if end == capacity { makeRoom() }
        let at = head + offset
        (base! + at + 1).update(from: base! + at, count: end - at)
        base![at] = RangeSeries.Point(time: time, value: value)
        end += 1
    }

    /// Makes room for one more sample at the end: slides the live samples to the front when at most half the
    /// block is live, otherwise moves them to a block twice the size.
    private mutating func makeRoom() {
        let live = end - head
        if head > 0, live * 2 <= capacity {
            base!.update(from: base! + head, count: live)
        } else {
            let newCapacity = Swift.max(8, capacity * 2)
            precondition(newCapacity <= Int(Int32.max), "SeriesBuffer: more than 2^31 samples in one series")
            let block = UnsafeMutablePointer<RangeSeries.Point>.allocate(capacity: newCapacity)
            if let base {
                block.initialize(from: base + head, count: live)
                base.deallocate()
            }
            base = block
            capacity = newCapacity
        }
        head = 0
        end = live
        checkInvariants()
    }

    /// Drops samples older than `time`. The space is reused by later appends.
    mutating func evict(before time: Int64) {
        head = index(atOrAfter: time)
        if head == end {
            head = 0
            end = 0
        }
        checkInvariants()
    }

    /// Calls `body` with the samples with `range.lowerBound < t <= range.upperBound` (Prometheus range-selector
    /// semantics: the left end is open), oldest first, staleness markers included. The pointer is valid only
    /// inside `body`, which must not modify the buffer.
    func withSamples<R>(in range: ClosedRange<Int64>, _ body: (UnsafeBufferPointer<RangeSeries.Point>) -> R) -> R {
        let lower = index(after: range.lowerBound)
        let upper = Swift.max(lower, index(after: range.upperBound))
        return body(UnsafeBufferPointer(start: base.map { $0 + lower }, count: upper - lower))
    }

    /// The newest sample with `t <= time` and `t > time - lookback`, if any; none when that sample is a
    /// staleness marker (the series ended there).
    func latest(at time: Int64, lookback: Int64) -> (time: Int64, value: Double)? {
        let i = index(after: time) - 1
        guard i >= head else { return nil }
        let point = base![i]
        guard point.time > time - lookback, !StaleMarker.isStale(point.value) else { return nil }
        return (point.time, point.value)
    }

    /// First live index whose time is >= `time`.
    private func index(atOrAfter time: Int64) -> Int {
        RowSearch.partitionPoint(head, end) { base![$0].time < time }
    }

    /// First live index whose time is > `time`.
    private func index(after time: Int64) -> Int {
        // Rule reads are mostly at or after the newest sample: answer those without a search.
        if end > head, newest <= time { return end }
        return RowSearch.partitionPoint(head, end) { base![$0].time <= time }
    }

    /// Bounds and order of the live samples; compiled out of release builds.
    func checkInvariants() {
        #if DEBUG
        precondition(0 <= head && head <= end && end <= capacity, "SeriesBuffer: bounds \(head) \(end) \(capacity)")
        precondition(capacity == 0 || base != nil, "SeriesBuffer: capacity without a block")
        precondition(end == head || base![end - 1].time == newest, "SeriesBuffer: newest time out of date")
        if let base, end - head > 1 {
            for i in head + 1..<end { precondition(base[i - 1].time < base[i].time, "SeriesBuffer: out of order at \(i)") }
        }
        #endif
    }
}
