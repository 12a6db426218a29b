import SeismoCore

/// What a parser writes into: the series table, the samples of the current batch, and the settings that shape
/// how values are read. Owned by the ingest thread.
public struct ParseContext {
    public let series: SeriesTable
    public var precision: TimestampPrecision
    /// Timestamp given to samples whose line carries none (wall time when the chunk was read), in ns.
    public var arrivalTime: Int64
    /// Accepted and pending samples of the current batch; the `Ingestor` hands them on and clears them.
    public var samples: [Sample] = []
    /// Influx string fields and other values that are valid but carry no number; not rejections.
    public var ignoredValues: Int = 0
    /// The number of the line being parsed (modulo 2^32), stamped on each sample `emit` adds; 0 when unknown.
    public var line: UInt32 = 0

    public init(series: SeriesTable, precision: TimestampPrecision = .ns, arrivalTime: Int64 = 0) {
        self.series = series
        self.precision = precision
        self.arrivalTime = arrivalTime
        samples.reserveCapacity(4096)
    }

    public var limits: IngestLimits { series.limits }

    /// Adds one sample of the line being parsed. A non-finite value rejects the whole line.
    @inlinable
    public mutating func emit(series: SeriesID, timestamp: Int64, value: Double) throws(LineRejection) {
        guard value.isFinite else {
            throw LineRejection(.nonFinite, "value is NaN or infinite")
        }
        samples.append(Sample(series: series, timestamp: timestamp, value: value, line: line))
    }

    /// Scales an integer timestamp in `precision` units to nanoseconds, rejecting overflow.
    @inlinable
    public func scaledTimestamp(_ raw: Int64) throws(LineRejection) -> Int64 {
        let (ns, overflow) = raw.multipliedReportingOverflow(by: precision.multiplier)
        if overflow { throw LineRejection(.badTimestamp, "timestamp out of range for \(precision.rawValue) precision") }
        return ns
    }
}
