/// Where and how a `HistoryWriter` keeps history.
public struct HistoryConfiguration: Sendable, Equatable {
    /// The history directory; created (with parents) when missing.
    public var directory: String
    public var fsync: FsyncMode = .interval(nanoseconds: 1_000_000_000)
    /// A block is sealed and written once it holds `minBlockSamples` samples *and* `samplesPerSeries` per series
    /// on average, or `maxBlockSamples` samples whatever the series. Compression needs many samples per series in
    /// a block (each block repeats its series' labels and starts each column afresh): with 100 series, blocks of
    /// 32k samples take 1.26 bytes/sample, with 14,000 series 6.5 bytes/sample, against 1.5 once blocks grow to
    /// 128 samples per series. Memory: 24 bytes per open sample, about four times that while encoding.
    public var minBlockSamples = 32_768
    public var samplesPerSeries = 128
    public var maxBlockSamples = 1 << 20
    /// If set, a non-empty open block is also sealed once this many nanoseconds (monotonic clock) have passed
    /// since its first sample, checked on `append` and `flushIfDue`, so that readers of the segments see recent
    /// samples sooner. Not needed for safety (the journal keeps the open block), and costly in size: a block of
    /// 1k samples over 140 series takes 3.7 bytes/sample, of 128 samples 17.6. Off by default.
    public var maxBlockDelay: Int64?
    /// A segment is sealed (and a new one started) before a block would take it past this many bytes…
    public var maxSegmentBytes: Int64 = 64 << 20
    /// …or stretch its samples over more than this many nanoseconds of event time.
    public var maxSegmentSpan: Int64 = 2 * 3_600_000_000_000
    public var retention = RetentionPolicy()
    public var valueEncoding: ValueEncoding = .automatic
    /// zstd level, 1 (fastest) … 19.
    public var compressionLevel: Int32 = 3

    public init(directory: String) {
        self.directory = directory
    }
}
