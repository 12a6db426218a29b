/// One accepted measurement: a series, an event time and a value.
///
/// 24 bytes, trivially copyable, so the ring buffer moves samples with plain memory copies.
public struct Sample: Equatable, Sendable, BitwiseCopyable {
    /// Event time in nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// The measured value; always finite once accepted (see `NonFinitePolicy` in the README).
    public var value: Double
    public var series: SeriesID

    @inlinable
    public init(series: SeriesID, timestamp: Int64, value: Double) {
        self.series = series
        self.timestamp = timestamp
        self.value = value
    }
}
