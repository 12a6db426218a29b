import SeismoCore

/// One entry of a block's series dictionary: the series' id when it was written, and its labels.
///
/// Ids are only meaningful within the run that wrote them (another run interns series in another order); the
/// labels are the identity to match on across runs.
public struct BlockSeries: Equatable, Sendable {
    public var id: SeriesID
    public var labels: SeriesLabels

    public init(id: SeriesID, labels: SeriesLabels) {
        self.id = id
        self.labels = labels
    }
}
