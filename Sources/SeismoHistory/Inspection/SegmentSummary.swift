/// What `seismo history ls` shows for one segment: its time range, distinct series, samples and size.
public struct SegmentSummary: Equatable, Sendable {
    /// The segment's file name, `seg-<first sequence>.sz`.
    public var name: String
    public var firstSequence: UInt64
    /// One past the last sample's sequence number (`firstSequence` for an empty segment).
    public var endSequence: UInt64
    /// Earliest and latest sample time (ns since the epoch) over its readable blocks; nil without any.
    public var timeRange: ClosedRange<Int64>?
    public var blocks: Int
    /// Distinct series (by labels) in its readable blocks.
    public var series: Int
    public var samples: Int
    /// Bytes of the segment file and its index file.
    public var bytes: Int64
    /// Whether the segment has a valid index (sealed); the segment being written has none.
    public var indexed: Bool
    /// Damage met while listing (unreadable blocks are not counted above).
    public var damage: [HistoryError]

    /// Bytes per sample, or nil without samples.
    public var bytesPerSample: Double? { samples > 0 ? Double(bytes) / Double(samples) : nil }
}
