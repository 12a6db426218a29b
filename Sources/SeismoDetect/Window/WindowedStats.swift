/// Statistics over the last N values of one series (a count window, default 100): mean and variance in O(1) per
/// value, min and max in amortized O(1), quantiles on demand in O(N).
///
/// Mean and variance stay exact to about 1e-12 relative however long the stream and whatever its level
/// (values like 1e9 + small noise included): see `ShiftedMoments`. Time plays no part: a gap between samples is
/// just the next sample.
///
/// A value type: copies are independent (the storage is copied on first write). `WindowStore` keeps many such
/// windows in shared flat storage, for less overhead per series.
public struct WindowedStats: Sendable {
    /// The N of "last N values".
    public let capacity: Int
    public let tracksExtrema: Bool
    @usableFromInline var values: [Double]
    @usableFromInline var extremaBits: [UInt64]
    @usableFromInline var header = WindowHeader()
    /// 1/capacity and 1/(capacity − 1): the reciprocals a full window needs, so reads do not divide.
    @usableFromInline let fullReciprocal: Double
    @usableFromInline let fullDegreesReciprocal: Double

    /// A window over the last `capacity` values (1 or more). Without `tracksExtrema`, `min` and `max` scan the
    /// window (O(N)) instead of costing a little on every `push`.
    public init(capacity: Int = 100, tracksExtrema: Bool = true) {
        precondition(capacity >= 1, "a window needs a capacity of at least 1")
        self.capacity = capacity
        self.tracksExtrema = tracksExtrema
        fullReciprocal = 1 / Double(capacity)
        fullDegreesReciprocal = capacity > 1 ? 1 / Double(capacity - 1) : 0
        values = Array(repeating: 0, count: capacity)
        extremaBits = tracksExtrema ? Array(repeating: 0, count: 2 * SlidingWindow.words(capacity: capacity)) : []
    }

    /// Adds a value, evicting the oldest when the window is full.
    ///
    /// - Complexity: O(1) amortized; no allocation once the storage is unique.
    @inlinable @inline(__always)
    public mutating func push(_ value: Double) {
        withWindow { $0.push(value, into: &$1) }
    }

    /// Empties the window.
    @inlinable
    public mutating func removeAll() {
        withWindow { $0.removeAll(&$1) }
    }

    @inlinable
    public var count: Int { header.count }

    @inlinable
    public var isFull: Bool { header.count == capacity }

    /// Mean of the values in the window (0 when empty).
    @inlinable @inline(__always)
    public var mean: Double { header.moments.mean(count: header.count, reciprocal: reciprocal) }

    /// Sample variance (divisor n − 1); 0 with fewer than two values.
    @inlinable @inline(__always)
    public var variance: Double {
        let n = header.count
        let degrees = n == capacity ? fullDegreesReciprocal : 1 / Double(n &- 1)
        return header.moments.variance(count: n, reciprocal: reciprocal, degreesReciprocal: degrees)
    }

    @inlinable @inline(__always)
    var reciprocal: Double { header.count == capacity ? fullReciprocal : 1 / Double(header.count) }

    @inlinable @inline(__always)
    public var standardDeviation: Double { variance.squareRoot() }

    /// `value − mean`, keeping the digits that subtracting a rounded mean would lose (see `ShiftedMoments`).
    @inlinable @inline(__always)
    public func deviation(of value: Double) -> Double {
        header.moments.deviation(of: value, count: header.count, reciprocal: reciprocal)
    }

    /// The value the next `push` evicts once the window is full; nil when empty.
    public var oldest: Double? {
        header.count > 0 ? readWindow { $0.value(at: 0, header) } : nil
    }

    /// Smallest value in the window, nil when empty.
    public var min: Double? { readWindow { $0.minimum(header) } }

    /// Largest value in the window, nil when empty.
    public var max: Double? { readWindow { $0.maximum(header) } }

    /// Count, mean, variance, min and max together; nil when empty.
    public var summary: WindowSummary? {
        guard let min, let max else { return nil }
        return WindowSummary(count: count, mean: mean, variance: variance, min: min, max: max)
    }

    /// The q-quantile (0...1) with linear interpolation between closest ranks (as Prometheus'
    /// `quantile_over_time`); nil when empty.
    ///
    /// - Complexity: O(N) expected: selection over a scratch copy (on the stack for small windows).
    public func quantile(_ q: Double) -> Double? {
        guard header.count > 0 else { return nil }
        return withSortableCopy { Selection.quantile(q, in: $0) }
    }

    /// The values, oldest first.
    public var elements: [Double] { readWindow { w in (0..<header.count).map { w.value(at: $0, header) } } }

    /// Calls `body` with a scratch copy of the window's values, in no particular order after `body` reorders it.
    @inlinable
    public func withSortableCopy<R>(_ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        let h = header
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: h.count) { scratch in
            readWindow { $0.copy(h, to: scratch.baseAddress!) }
            return body(scratch)
        }
    }

    // MARK: Scoped access to the unsafe layer

    @inlinable @inline(__always)
    mutating func withWindow<R>(_ body: (SlidingWindow, inout WindowHeader) -> R) -> R {
        let capacity = self.capacity
        return values.withUnsafeMutableBufferPointer { v in
            if extremaBits.isEmpty {
                return body(SlidingWindow(values: v.baseAddress!, extrema: nil, capacity: capacity), &header)
            }
            return extremaBits.withUnsafeMutableBufferPointer { e in
                body(SlidingWindow(values: v.baseAddress!, extrema: e.baseAddress!, capacity: capacity), &header)
            }
        }
    }

    /// Read-only access: the view's methods used here do not write through its pointers.
    @inlinable
    func readWindow<R>(_ body: (SlidingWindow) -> R) -> R {
        values.withUnsafeBufferPointer { v in
            let values = UnsafeMutablePointer(mutating: v.baseAddress!)
            if extremaBits.isEmpty {
                return body(SlidingWindow(values: values, extrema: nil, capacity: capacity))
            }
            return extremaBits.withUnsafeBufferPointer { e in
                body(SlidingWindow(values: values, extrema: UnsafeMutablePointer(mutating: e.baseAddress!), capacity: capacity))
            }
        }
    }

    /// Traps when the ring, the moments or the extrema deques are inconsistent (for tests).
    public func checkInvariants() {
        readWindow { $0.checkInvariants(header) }
    }
}
