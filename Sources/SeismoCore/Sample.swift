/// One accepted measurement: a series, an event time and a value.
///
/// 24 bytes, trivially copyable, so the ring buffer moves samples with plain memory copies. The input line number
/// rides in what would otherwise be padding, so alerts can name the line that caused them.
public struct Sample: Equatable, Sendable, BitwiseCopyable {
    /// Event time in nanoseconds since the Unix epoch.
    public var timestamp: Int64
    /// The measured value; always finite once accepted (see `NonFinitePolicy` in the README).
    public var value: Double
    public var series: SeriesID
    /// The input line the sample came from, modulo 2^32 (0 when unknown, e.g. replayed or synthetic samples).
    public var line: UInt32

    @inlinable
    public init(series: SeriesID, timestamp: Int64, value: Double, line: UInt32 = 0) {
        self.series = series
        self.timestamp = timestamp
        self.value = value
        self.line = line
    }
}
