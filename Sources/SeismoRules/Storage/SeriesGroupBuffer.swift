import SeismoCore

/// The recent rows of a group of derived series that are always written together (a detector's five outputs):
/// a time and `width` values per row, oldest first, so publishing the whole group costs one store access and one
/// cache line or two instead of `width` of each.
///
/// A value a row leaves out is `absent` (a NaN no input or computation produces); readers skip it, so each column
/// reads exactly as the series would on its own: `latest` finds the newest present value, a range read returns the
/// present values, staleness markers are treated as in `SeriesBuffer`.
///
/// Like `SeriesBuffer`, one of the store's unsafe layers: rows sit in one manually allocated block of 64-bit words
/// (the time's bits, then the values' bits); the owner never copies a buffer out and calls `deallocate()` once.
struct SeriesGroupBuffer {
    /// The value of a column a row does not write: a NaN payload reserved for this (arithmetic only produces the
    /// default NaN or propagates an input's, and inputs never hold this one; `append` maps it to a plain NaN).
    static let absent = Double(bitPattern: absentBits)
    static let absentBits: UInt64 = 0x7FF0_0000_0000_0A85

    /// Values per row.
    let width: Int
    private var base: UnsafeMutablePointer<UInt64>?
    private var newest: Int64 = 0
    // Live rows are `head..<end`; everything before `head` has been evicted.
    private var head = 0
    private var end = 0
    private var capacity = 0

    init(width: Int) {
        precondition(width > 0, "SeriesGroupBuffer: a group needs at least one column")
        self.width = width
    }

    private var stride: Int { width + 1 }

    /// Frees the block. The owner calls it once, when the buffer is discarded.
    mutating func deallocate() {
        base?.deallocate()
        base = nil
        head = 0
        end = 0
        capacity = 0
    }

    private func time(_ row: Int) -> Int64 { Int64(bitPattern: base![row * stride]) }

    private func bits(_ row: Int, _ column: Int) -> UInt64 { base![row * stride + 1 + column] }

    /// Adds a row: `values[c]` for column c, or `absent` to leave the column out. A row older than the newest is
    /// inserted in order; one with an equal time overwrites the columns it writes and keeps the others.
    ///
    /// - Complexity: amortized O(width) in order; O(log n + k · width) for a late row k places from the end.
    mutating func append(time: Int64, values: UnsafeBufferPointer<Double>) {
        precondition(values.count == width, "SeriesGroupBuffer: \(values.count) values for \(width) columns")
        if end > head, time <= newest {
            let i = index(atOrAfter: time)
            if i < end, self.time(i) == time {
                let row = base! + i * stride + 1
                for c in 0..<width where values[c].bitPattern != Self.absentBits { row[c] = values[c].bitPattern }
                return
            }
            let offset = i - head
            if end == capacity { makeRoom() }
            let at = head + offset
            (base! + (at + 1) * stride).update(from: base! + at * stride, count: (end - at) * stride)
            write(row: at, time: time, values: values)
            end += 1
            return
        }
        if end == capacity { makeRoom() }
        write(row: end, time: time, values: values)
        end += 1
        newest = time
    }

    private func write(row: Int, time: Int64, values: UnsafeBufferPointer<Double>) {
        let p = base! + row * stride
        p[0] = UInt64(bitPattern: time)
        for c in 0..<width { p[1 + c] = values[c].bitPattern }
    }

    /// Makes room for one more row at the end: slides the live rows to the front when at most half the block is
    /// live, otherwise moves them to a block twice the size.
    private mutating func makeRoom() {
        let live = end - head
        if head > 0, live * 2 <= capacity {
            base!.update(from: base! + head * stride, count: live * stride)
        } else {
            let newCapacity = Swift.max(8, capacity * 2)
            let block = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity * stride)
            if let base {
                block.initialize(from: base + head * stride, count: live * stride)
                base.deallocate()
            }
            base = block
            capacity = newCapacity
        }
        head = 0
        end = live
        checkInvariants()
    }

    /// Drops rows older than `time`. The space is reused by later appends.
    mutating func evict(before time: Int64) {
        head = index(atOrAfter: time)
        if head == end {
            head = 0
            end = 0
        }
        checkInvariants()
    }

    /// The newest present value of `column` with `t <= time` and `t > time - lookback`, if any; none when that
    /// value is a staleness marker.
    func latest(_ column: Int, at time: Int64, lookback: Int64) -> (time: Int64, value: Double)? {
        var i = index(after: time) - 1
        while i >= head {
            let t = self.time(i)
            guard t > time - lookback else { return nil }
            let bits = bits(i, column)
            if bits != Self.absentBits {
                return bits == StaleMarker.bitPattern ? nil : (t, Double(bitPattern: bits))
            }
            i -= 1
        }
        return nil
    }

    /// Appends the present values of `column` with `start < t <= end` to `points`, oldest first, staleness markers
    /// left out.
    func appendPoints(_ column: Int, from start: Int64, through end: Int64, to points: inout [RangeSeries.Point]) {
        let lower = index(after: start)
        let upper = Swift.max(lower, index(after: end))
        for i in lower..<upper {
            let bits = bits(i, column)
            if bits != Self.absentBits, bits != StaleMarker.bitPattern {
                points.append(RangeSeries.Point(time: time(i), value: Double(bitPattern: bits)))
            }
        }
    }

    /// First live row whose time is >= `time`.
    private func index(atOrAfter time: Int64) -> Int {
        RowSearch.partitionPoint(head, end) { self.time($0) < time }
    }

    /// First live row whose time is > `time`.
    private func index(after time: Int64) -> Int {
        if end > head, newest <= time { return end }
        return RowSearch.partitionPoint(head, end) { self.time($0) <= time }
    }

    /// Bounds and order of the live rows; compiled out of release builds.
    func checkInvariants() {
        #if DEBUG
        precondition(0 <= head && head <= end && end <= capacity, "SeriesGroupBuffer: bounds \(head) \(end) \(capacity)")
        precondition(capacity == 0 || base != nil, "SeriesGroupBuffer: capacity without a block")
        precondition(end == head || time(end - 1) == newest, "SeriesGroupBuffer: newest time out of date")
        if end - head > 1 {
            for i in head + 1..<end { precondition(time(i - 1) < time(i), "SeriesGroupBuffer: out of order at \(i)") }
        }
        #endif
    }
}
