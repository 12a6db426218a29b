import SeismoCore

/// One block read back: its header, its series dictionary and its samples in arrival order.
///
/// `samples[i].series` is a *block-local* index into `series`, not a run's `SeriesID`: replay maps it with
/// `series[sample.series.index].labels` (or `remapped(to:)` with ids from its own series table).
public struct DecodedBlock: Equatable, Sendable {
    public var header: BlockHeader
    public var series: [BlockSeries]
    /// In the order the writer received them. For input in timestamp order that is timestamp order, ties in
    /// dictionary order; samples that arrived out of order come back exactly where they arrived.
    public var samples: [Sample]

    public init(header: BlockHeader, series: [BlockSeries], samples: [Sample]) {
        self.header = header
        self.series = series
        self.samples = samples
    }

    /// The samples with block-local indices replaced by `ids[index]` (one id per dictionary entry).
    public func remapped(to ids: [SeriesID]) -> [Sample] {
        precondition(ids.count == series.count, "DecodedBlock.remapped: pass one id per dictionary entry")
        return samples.map { Sample(series: ids[$0.series.index], timestamp: $0.timestamp, value: $0.value) }
    }

    /// The samples with the ids they had when written.
    public var samplesWithWrittenIDs: [Sample] { remapped(to: series.map(\.id)) }
}
