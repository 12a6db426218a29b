/// Counters of a `HistoryWriter` since it was opened.
public struct HistoryWriterStatistics: Equatable, Sendable {
    public var samplesWritten: UInt64 = 0
    public var blocksWritten: UInt64 = 0
    /// Bytes appended to segment files (frames and segment headers).
    public var bytesWritten: UInt64 = 0
    public var syncs: UInt64 = 0
    /// Wall time spent in those syncs (journal and directory), ns.
    public var syncNanoseconds: UInt64 = 0
    public var segmentsCreated = 0
    public var segmentsRemoved = 0

    public init() {}
}
