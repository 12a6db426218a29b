/// One sample of an input series, at its time from the start of the test (step index × the test's interval).
public struct InputSample: Equatable, Sendable {
    /// Nanoseconds after the test's start (time 0, the Unix epoch in promtool).
    public var offset: Int64
    /// The sample value; NaN for a staleness marker.
    public var value: Double
    /// A staleness marker (`stale`): the series ends here instead of fading out over the lookback.
    public var isStale: Bool

    public init(offset: Int64, value: Double, isStale: Bool = false) {
        self.offset = offset
        self.value = value
        self.isStale = isStale
    }

    /// NaN equals NaN, so expected samples can be written with `.nan`.
    public static func == (lhs: InputSample, rhs: InputSample) -> Bool {
        lhs.offset == rhs.offset && lhs.isStale == rhs.isStale
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}
