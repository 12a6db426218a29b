/// A block of a `HistoryReader`: which of its segments, and where in it.
public struct BlockReference: Equatable, Sendable {
    /// Index into `HistoryReader.segments`.
    public var segment: Int
    public var location: BlockLocation

    public init(segment: Int, location: BlockLocation) {
        self.segment = segment
        self.location = location
    }
}
