import SeismoCore

/// What a directory's journal holds past the end of its blocks: the open block of a run that is still going, or
/// of one that was killed before writing it, with the labels of its series.
///
/// Recovery writes these samples as blocks when a writer opens the directory; `seismo replay` plays them after the
/// blocks (`HistoryReader.journalTail()`), so a killed run's last samples replay without reopening the directory.
public struct JournalTail: Sendable {
    /// The journal's file name in a history directory, which replay names as the source of these samples.
    public static let fileName = Journal.name

    /// The sequence number of `samples[0]`; the others follow one by one.
    public private(set) var firstSequence: UInt64
    /// In arrival order. Their series ids are the journal's own, named in `labels` (they mean other series in
    /// another run: map them by label set).
    public private(set) var samples: [Sample] = []
    public private(set) var labels: [UInt32: SeriesLabels] = [:]
    /// Sequence numbers between the blocks' end and the first sample here that neither holds (a crash lost them,
    /// or blocks were written after the blocks were listed); nil when there is no gap.
    public private(set) var lostSequences: Range<UInt64>?
    /// Bytes after the last complete, intact record (a torn or damaged record and what follows it).
    public let unreadableBytes: Int64

    /// The samples of `records` (in file order) numbered `next` and up. Records continue one another and define
    /// their series before using them; anything else is not the journal as the writer wrote it, so reading stops
    /// at the first record that breaks either rule.
    init(records: [JournalRecord], after next: UInt64, unreadableBytes: Int64) {
        firstSequence = next
        self.unreadableBytes = unreadableBytes
        var expected: UInt64?
        for record in records {
            for definition in record.definitions { labels[definition.id.rawValue] = definition.labels }
            if let expected, record.firstSequence != expected { break }
            guard record.samples.allSatisfy({ labels[$0.series.rawValue] != nil }) else { break }
            expected = record.endSequence
            guard record.endSequence > next else { continue }
            if samples.isEmpty, record.firstSequence > next {
                lostSequences = next..<record.firstSequence
                firstSequence = record.firstSequence
            }
            let skip = record.firstSequence < next ? Int(next - record.firstSequence) : 0
            samples += record.samples[skip...]
        }
    }

    /// The samples shaped as a decoded block's (`DecodedBlock`): the series in order of first appearance, and the
    /// samples with their index among them as series id. What replay and export read, so they treat the journal
    /// as one more block; recovery keeps the journal's own ids (`samples`, `labels`).
    public func asBlock() -> (series: [SeriesLabels], samples: [Sample]) {
        var index: [UInt32: UInt32] = [:]
        var series: [SeriesLabels] = []
        let local = samples.map { sample in
            let key = sample.series.rawValue
            let i = index[key] ?? {
                let i = UInt32(series.count)
                index[key] = i
                series.append(labels[key]!)
                return i
            }()
            return Sample(series: SeriesID(i), timestamp: sample.timestamp, value: sample.value)
        }
        return (series, local)
    }

    /// Distinct series among `samples`.
    public var seriesCount: Int { Set(samples.map(\.series)).count }

    /// The earliest and the latest timestamp of `samples`; nil without samples.
    public var timeRange: ClosedRange<Int64>? {
        guard let low = samples.map(\.timestamp).min(), let high = samples.map(\.timestamp).max() else { return nil }
        return low...high
    }

    /// The tail of the journal in `directory` past sequence number `next`; an absent journal reads as empty.
    static func read(in directory: Directory, after next: UInt64) throws(HistoryError) -> JournalTail {
        let (records, unreadable) = try Journal.records(in: directory)
        return JournalTail(records: records, after: next, unreadableBytes: unreadable)
    }
}
