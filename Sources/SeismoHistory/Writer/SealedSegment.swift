/// What the writer remembers of a segment it no longer appends to, for retention.
struct SealedSegment: Equatable {
    var firstSequence: UInt64
    /// Segment plus index file.
    var bytes: Int64
    /// Newest sample time; nil for a segment without blocks.
    var maxTime: Int64?
}
