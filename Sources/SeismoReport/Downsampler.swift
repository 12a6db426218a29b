/// Keeps a series' shape in a bounded number of points, whatever the length of the replay.
///
/// Time is cut into buckets of equal width; each bucket keeps its lowest and highest value with their times, so a
/// one-sample spike survives any amount of downsampling. When a sample lands beyond `capacity` buckets from the
/// first, the width doubles and neighbouring buckets merge. Samples must come in time order (one older than the
/// newest bucket is folded into it).
///
/// Memory: at most `capacity` buckets. Cost: O(1) amortized per sample.
public struct Downsampler: Sendable, Equatable {
    /// One bucket: the extremes of the samples that fell in it.
    public struct Bucket: Sendable, Equatable {
        public var index: Int64
        /// Time of the bucket's first sample.
        public var firstTime: Int64
        public var lowTime: Int64
        public var low: Double
        public var highTime: Int64
        public var high: Double
    }

    public let capacity: Int
    public private(set) var width: Int64
    public private(set) var origin: Int64?
    public private(set) var buckets: [Bucket] = []

    /// - Parameters:
    ///   - capacity: most buckets kept (the chart gets up to twice as many points).
    ///   - width: initial bucket width in ns; it doubles as needed.
    public init(capacity: Int = 400, width: Int64 = 1_000_000_000) {
        precondition(capacity >= 2 && width > 0, "Downsampler: capacity must be at least 2 and width positive")
        self.capacity = capacity
        self.width = width
    }

    /// Adds a value (`low == high`) or a range (a band's lower and upper edge) at `time`.
    public mutating func append(time: Int64, low: Double, high: Double) {
        guard low.isFinite, high.isFinite else { return }
        let origin = self.origin ?? time
        self.origin = origin
        var index = max(0, (time - origin) / width)
        if let last = buckets.last, index < last.index { index = last.index }
        while index >= Int64(capacity) {
            merge()
            index = max(0, (time - origin) / width)
            if let last = buckets.last, index < last.index { index = last.index }
        }
        if let last = buckets.last, last.index == index {
            if low < last.low { buckets[buckets.count - 1].low = low; buckets[buckets.count - 1].lowTime = time }
            if high > last.high { buckets[buckets.count - 1].high = high; buckets[buckets.count - 1].highTime = time }
        } else {
            buckets.append(Bucket(index: index, firstTime: time, lowTime: time, low: low, highTime: time, high: high))
        }
    }

    /// The values as a line: each bucket's low and high in the order they occurred.
    public var linePoints: [ChartLine.Point] {
        var out: [ChartLine.Point] = []
        out.reserveCapacity(buckets.count * 2)
        for b in buckets {
            if b.lowTime == b.highTime && b.low == b.high {
                out.append(.init(time: b.lowTime, value: b.low))
            } else if b.lowTime <= b.highTime {
                out.append(.init(time: b.lowTime, value: b.low))
                out.append(.init(time: b.highTime, value: b.high))
            } else {
                out.append(.init(time: b.highTime, value: b.high))
                out.append(.init(time: b.lowTime, value: b.low))
            }
        }
        return out
    }

    /// The ranges as a band: per bucket, the lowest lower edge and the highest upper edge, at its first sample.
    public var bandPoints: [ChartLine.BandPoint] {
        buckets.map { .init(time: $0.firstTime, lower: $0.low, upper: $0.high) }
    }

    private mutating func merge() {
        width *= 2
        var merged: [Bucket] = []
        merged.reserveCapacity(buckets.count / 2 + 1)
        for var b in buckets {
            b.index /= 2
            if let last = merged.last, last.index == b.index {
                if b.low < last.low { merged[merged.count - 1].low = b.low; merged[merged.count - 1].lowTime = b.lowTime }
                if b.high > last.high { merged[merged.count - 1].high = b.high; merged[merged.count - 1].highTime = b.highTime }
            } else {
                merged.append(b)
            }
        }
        buckets = merged
    }
}
