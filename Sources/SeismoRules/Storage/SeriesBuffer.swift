import SeismoCore

/// The recent samples of one series, oldest first, in a growable ring: append at the back, evict from the front.
///
/// Appends arrive in time order per series (ingest enforces it; a sample within the out-of-order window is
/// inserted at its place). Memory follows what the rules need to look back over, not the history's length.
struct SeriesBuffer {
    private(set) var times: [Int64] = []
    private(set) var values: [Double] = []
    /// Index of the oldest live sample; everything before it has been evicted.
    private var head = 0

    var count: Int { times.count - head }
    var isEmpty: Bool { head == times.count }
    var newestTime: Int64? { isEmpty ? nil : times[times.count - 1] }

    /// Adds a sample; one older than the newest is inserted in order, one with an equal time replaces it.
    mutating func append(time: Int64, value: Double) {
        if let newest = newestTime, time <= newest {
            let i = index(atOrAfter: time)
            if i < times.count, times[i] == time {
                values[i] = value
            } else {
                times.insert(time, at: i)
                values.insert(value, at: i)
            }
            return
        }
        times.append(time)
        values.append(value)
    }

    /// Drops samples older than `time`, and compacts the storage once half of it is dead.
    mutating func evict(before time: Int64) {
        head = index(atOrAfter: time)
        if head > 64, head * 2 > times.count {
            times.removeFirst(head)
            values.removeFirst(head)
            head = 0
        }
    }

    /// The samples with `range.lowerBound < t <= range.upperBound` (Prometheus range-selector semantics: the left
    /// end is open), oldest first.
    func samples(in range: ClosedRange<Int64>) -> ArraySlice<Int64>.Indices {
        let lower = index(after: range.lowerBound)
        let upper = index(after: range.upperBound)
        return lower..<max(lower, upper)
    }

    func time(at index: Int) -> Int64 { times[index] }
    func value(at index: Int) -> Double { values[index] }

    /// The newest sample with `t <= time` and `t > time - lookback`, if any; none when that sample is a
    /// staleness marker (the series ended there).
    func latest(at time: Int64, lookback: Int64) -> (time: Int64, value: Double)? {
        let i = index(after: time) - 1
        guard i >= head, times[i] > time - lookback, !StaleMarker.isStale(values[i]) else { return nil }
        return (times[i], values[i])
    }

    /// First live index whose time is >= `time`.
    private func index(atOrAfter time: Int64) -> Int {
        var low = head
        var high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// First live index whose time is > `time`.
    private func index(after time: Int64) -> Int {
        var low = head
        var high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] <= time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
