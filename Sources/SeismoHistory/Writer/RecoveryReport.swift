/// What `HistoryWriter.open` found and repaired.
public struct RecoveryReport: Equatable, Sendable {
    /// Segment files found.
    public var segments = 0
    /// The last segment, checked block by block (every checksum) because it may end in a torn write.
    public var checkedSegment: String?
    /// Complete blocks in the checked segment.
    public var blocksRecovered = 0
    /// Bytes cut from the checked segment's end: a block (or segment header) whose write was cut short.
    /// Complete blocks are never cut.
    public var truncatedBytes: Int64 = 0
    /// Damaged blocks *before* the last complete one in the checked segment: kept on disk, skipped by readers.
    public var damage: [HistoryError] = []
    /// Samples of the open block recovered from the journal (and written as a block of their own).
    public var journalSamples = 0
    /// Bytes at the journal's end that held no complete record: an append whose write was cut short.
    public var journalTruncatedBytes: Int64 = 0
    /// Sequence numbers found neither in blocks nor in the journal: only possible after a machine crash under
    /// `.interval` or `.never`, when the kernel had written back the journal's replacement but not the blocks
    /// it replaced. nil when there is no gap.
    public var lostSequences: Range<UInt64>?
    /// Sealed segments that had no valid index file and got one.
    public var indexesRebuilt = 0
    /// Segments deleted by the retention policy.
    public var segmentsRemoved = 0
    /// The sequence number the next appended sample gets: one past the last recovered sample, journal included.
    public var nextSequence: UInt64 = 0

    public init() {}
}
