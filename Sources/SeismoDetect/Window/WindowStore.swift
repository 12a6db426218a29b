import SeismoCore

/// Count windows for many series in flat shared storage: one `[Double]` holding every series' ring back to back,
/// one array of min/max bitmaps and one of headers, all indexed by the dense `SeriesID`.
///
/// Per series that is `capacity` doubles, 2 bits per value for min/max, and a 56-byte header: 888 bytes for a
/// 100-value window (`bytesPerSeries`), with no per-series allocation or object header. The arrays grow on
/// demand as new series appear (amortized doubling; `reserveCapacity(series:)` avoids the slack).
///
/// Same statistics and guarantees as `WindowedStats`.
public struct WindowStore: Sendable {
    public let capacity: Int
    public let tracksExtrema: Bool
    @usableFromInline let words: Int
    @usableFromInline var values: [Double] = []
    @usableFromInline var extremaBits: [UInt64] = []
    @usableFromInline var headers: [WindowHeader] = []

    public init(capacity: Int = 100, tracksExtrema: Bool = true) {
        precondition(capacity >= 1, "a window needs a capacity of at least 1")
        self.capacity = capacity
        self.tracksExtrema = tracksExtrema
        words = tracksExtrema ? SlidingWindow.words(capacity: capacity) : 0
    }

    /// Bytes of storage one series takes in a store of this shape (values, extrema bitmaps, header).
    public static func bytesPerSeries(capacity: Int, tracksExtrema: Bool = true) -> Int {
        let words = tracksExtrema ? SlidingWindow.words(capacity: capacity) : 0
        return capacity * MemoryLayout<Double>.stride + 2 * words * MemoryLayout<UInt64>.stride
            + MemoryLayout<WindowHeader>.stride
    }

    public var bytesPerSeries: Int { Self.bytesPerSeries(capacity: capacity, tracksExtrema: tracksExtrema) }

    /// Number of series slots (one past the highest series index pushed to).
    public var seriesCount: Int { headers.count }

    /// Reserves storage for `series` slots so growth does not over-allocate.
    public mutating func reserveCapacity(series: Int) {
        values.reserveCapacity(series * capacity)
        extremaBits.reserveCapacity(series * 2 * words)
        headers.reserveCapacity(series)
    }

    /// Adds a value to the series' window, evicting its oldest value when full; creates the slot on first use.
    ///
    /// - Complexity: O(1) amortized.
    @inlinable
    public mutating func push(_ value: Double, for series: SeriesID) {
        let slot = series.index
        if slot >= headers.count { grow(to: slot + 1) }
        withWindow(slot) { window, header in window.push(value, into: &header) }
    }

    /// Empties the series' window.
    public mutating func removeAll(for series: SeriesID) {
        guard series.index < headers.count else { return }
        withWindow(series.index) { window, header in window.removeAll(&header) }
    }

    /// Number of values in the series' window (0 for a series never pushed to).
    public func count(for series: SeriesID) -> Int {
        series.index < headers.count ? headers[series.index].count : 0
    }

    /// Count, mean, sample variance, min and max of the series' window; nil when empty.
    ///
    /// - Complexity: O(1) amortized with `tracksExtrema`, O(N) without.
    public func summary(for series: SeriesID) -> WindowSummary? {
        guard series.index < headers.count else { return nil }
        let h = headers[series.index]
        guard h.count > 0 else { return nil }
        return readWindow(series.index) { w in
            WindowSummary(
                count: h.count, mean: h.moments.mean(count: h.count), variance: h.moments.variance(count: h.count),
                min: w.minimum(h)!, max: w.maximum(h)!
            )
        }
    }

    /// The q-quantile (0...1) of the series' window, interpolated as `WindowedStats.quantile`; nil when empty.
    ///
    /// - Complexity: O(N) expected, on a scratch copy.
    public func quantile(_ q: Double, for series: SeriesID) -> Double? {
        guard series.index < headers.count else { return nil }
        let h = headers[series.index]
        guard h.count > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: h.count) { scratch in
            readWindow(series.index) { $0.copy(h, to: scratch.baseAddress!) }
            return Selection.quantile(q, in: scratch)
        }
    }

    /// Traps when a slot's ring or extrema deques are inconsistent (for tests).
    public func checkInvariants(for series: SeriesID) {
        readWindow(series.index) { $0.checkInvariants(headers[series.index]) }
    }

    // MARK: Storage

    @usableFromInline
    mutating func grow(to slots: Int) {
        let added = slots - headers.count
        values.append(contentsOf: repeatElement(0, count: added * capacity))
        extremaBits.append(contentsOf: repeatElement(0, count: added * 2 * words))
        headers.append(contentsOf: repeatElement(WindowHeader(), count: added))
    }

    @inlinable
    mutating func withWindow<R>(_ slot: Int, _ body: (SlidingWindow, inout WindowHeader) -> R) -> R {
        let capacity = self.capacity
        let words = self.words
        return values.withUnsafeMutableBufferPointer { v in
            extremaBits.withUnsafeMutableBufferPointer { e in
                headers.withUnsafeMutableBufferPointer { hs in
                    let window = SlidingWindow(
                        values: v.baseAddress! + slot &* capacity,
                        extrema: words == 0 ? nil : e.baseAddress! + slot &* 2 &* words,
                        capacity: capacity
                    )
                    return body(window, &hs[slot])
                }
            }
        }
    }

    /// Read-only access: the view's methods used here do not write through its pointers.
    @inlinable
    func readWindow<R>(_ slot: Int, _ body: (SlidingWindow) -> R) -> R {
        let capacity = self.capacity
        let words = self.words
        return values.withUnsafeBufferPointer { v in
            extremaBits.withUnsafeBufferPointer { e in
                body(SlidingWindow(
                    values: UnsafeMutablePointer(mutating: v.baseAddress! + slot &* capacity),
                    extrema: words == 0 ? nil : UnsafeMutablePointer(mutating: e.baseAddress! + slot &* 2 &* words),
                    capacity: capacity
                ))
            }
        }
    }
}
