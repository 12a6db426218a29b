/// Statistics over the samples of one series whose timestamps lie within `range` of the newest one seen (e.g.
/// the last 5 minutes): a ring of (time, value) pairs, expired from the oldest end as time advances.
///
/// Bounded: at most `maxSamples` samples are kept (default 1,024; 16 bytes each plus 2 bits for min/max). When
/// more than that arrive within the range, the oldest are dropped early and counted in `droppedEarly`, so the
/// window then covers less than `range`. Expiry follows arrival order: a sample that arrived late (an older
/// timestamp than one before it, as the ingest out-of-order window allows) leaves when it reaches the front.
/// A sample already older than the range when it arrives is not added (counted in `tooOld`).
///
/// The statistics are those of `window`, a `WindowedStats` whose capacity is `maxSamples`.
public struct TimeWindowedStats: Sendable {
    /// Length of the window in nanoseconds; a sample at time t is in the window while t > newest − range.
    public let range: Int64
    public let maxSamples: Int
    /// The samples currently in range, with their statistics.
    public private(set) var window: WindowedStats
    @usableFromInline var times: [Int64]
    /// Newest timestamp seen, `Int64.min` before the first sample.
    public private(set) var newest: Int64 = .min
    /// Samples dropped before leaving the range because `maxSamples` were already held.
    public private(set) var droppedEarly: UInt64 = 0
    /// Samples not added because their timestamp was already out of range.
    public private(set) var tooOld: UInt64 = 0

    /// - Parameters:
    ///   - range: window length in nanoseconds (positive).
    ///   - maxSamples: bound on the samples held (1 or more).
    public init(range: Int64, maxSamples: Int = 1024, tracksExtrema: Bool = true) {
        precondition(range > 0, "a time window needs a positive range")
        self.range = range
        self.maxSamples = maxSamples
        window = WindowedStats(capacity: maxSamples, tracksExtrema: tracksExtrema)
        times = Array(repeating: 0, count: maxSamples)
    }

    /// Adds a sample and expires those that fell out of range.
    ///
    /// - Complexity: O(1) amortized (each sample is expired once).
    public mutating func push(_ value: Double, at time: Int64) {
        if time > newest { newest = time }
        let cutoff = cutoffTime
        guard time > cutoff else {
            tooOld &+= 1
            return
        }
        var dropped: UInt64 = 0
        times.withUnsafeMutableBufferPointer { t in
            window.withWindow { w, h in
                while h.count > 0, t[h.oldest] <= cutoff { w.removeOldest(from: &h) }
                if h.count == w.capacity {
                    w.removeOldest(from: &h)
                    dropped = 1
                }
                t[w.wrap(h.oldest &+ h.count)] = time
                w.append(value, into: &h)
            }
        }
        droppedEarly &+= dropped
    }

    /// Expires the samples out of range at time `now` (which also counts as the newest time from then on), for
    /// a series that has gone quiet.
    public mutating func expire(at now: Int64) {
        if now > newest { newest = now }
        let cutoff = cutoffTime
        times.withUnsafeBufferPointer { t in
            window.withWindow { w, h in
                while h.count > 0, t[h.oldest] <= cutoff { w.removeOldest(from: &h) }
            }
        }
    }

    /// Samples at or before this time are out of range.
    var cutoffTime: Int64 {
        let (cutoff, overflow) = newest.subtractingReportingOverflow(range)
        return overflow ? .min : cutoff
    }
}
