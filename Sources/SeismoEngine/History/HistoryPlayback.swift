import SeismoCore
import SeismoHistory

/// Feeds history to an `Evaluator` in original arrival order: samples (filtered by time and series), and the
/// clock markers the live run recorded, each applied where it stands.
///
/// Shared by `seismo replay` and by the warm-up of a restarted `seismo run --data`. Samples carry their
/// sequence number plus one as their line, and the evaluator's source is set to the segment file name (or the
/// journal's, for the samples replay takes from it), so alert provenance names the history position that caused
/// an event. Memory is bounded by one decoded block, and the journal's tail when it is played.
struct HistoryPlayback {
    /// Only samples (and markers) with a timestamp in `from...to` are played.
    var from: Int64 = .min
    var to: Int64 = .max
    /// Samples below this sequence number are skipped.
    var startSequence: UInt64 = 0
    /// Series the selector does not match are skipped; markers always play.
    var match: ((SeriesLabels) -> Bool)?
    /// Called once, before the first sample at or past `restoreAt`, or at the end when no sample is.
    var restoreAt: UInt64?
    var restore: ((inout Evaluator) -> Void)?
    /// Told how many blocks there are and each one done, for a progress bar.
    var progress: ReplayProgress?

    /// Samples handed to the evaluator, markers applied, samples filtered out (time, selector, unknown series).
    private(set) var samples: UInt64 = 0
    private(set) var markers: UInt64 = 0
    private(set) var filtered: UInt64 = 0
    /// Damaged blocks skipped, each naming its segment and offset, in the order met.
    private(set) var damage: [HistoryError] = []
    /// One past the last sequence number seen.
    private(set) var endSequence: UInt64 = 0

    private static let batchSize = 4096

    /// Plays `reader`'s history into `evaluator`, then `journal` when given (samples past the blocks, see
    /// `HistoryReader.journalTail()`). `intern` gives the evaluator's id for a label set (registered in the
    /// evaluator's registry), nil to skip the series.
    mutating func play(
        _ reader: HistoryReader, journal: JournalTail? = nil, into evaluator: inout Evaluator,
        intern: (SeriesLabels) -> SeriesID?
    ) {
        damage = reader.damage
        var restored = restoreAt == nil
        var buffer: [Sample] = []
        buffer.reserveCapacity(Self.batchSize)
        func flush(_ evaluator: inout Evaluator) {
            guard !buffer.isEmpty else { return }
            buffer.withUnsafeBufferPointer { evaluator.evaluate($0) }
            samples &+= UInt64(buffer.count)
            buffer.removeAll(keepingCapacity: true)
        }
        /// Plays one stored sample: `id` is the evaluator's series (nil: filtered out), unless it is a clock marker.
        func offer(_ sample: Sample, sequence: UInt64, id: SeriesID?, isMarker: Bool, into evaluator: inout Evaluator) {
            guard sequence >= startSequence else { return }
            if !restored, let restoreAt, sequence >= restoreAt {
                flush(&evaluator)
                restore?(&evaluator)
                restored = true
            }
            guard sample.timestamp >= from, sample.timestamp <= to else {
                filtered &+= 1
                return
            }
            if isMarker {
                flush(&evaluator)
                apply(ClockMarker(value: sample.value), at: sample.timestamp, to: &evaluator)
                markers &+= 1
                return
            }
            guard let id else {
                filtered &+= 1
                return
            }
            buffer.append(Sample(
                series: id, timestamp: sample.timestamp, value: sample.value,
                line: UInt32(truncatingIfNeeded: sequence &+ 1)
            ))
            if buffer.count == Self.batchSize { flush(&evaluator) }
        }
        /// Plays a block's samples (or the journal's, shaped as a block), numbered on from `first`.
        func play(_ stored: [Sample], first: UInt64, series labels: [SeriesLabels], into evaluator: inout Evaluator) {
            // Per series, the evaluator's id (nil for a clock marker or a series `match` leaves out).
            let series = labels.map { labels in
                let marker = labels == ClockMarker.labels
                return (id: marker || match?(labels) == false ? nil : intern(labels), isMarker: marker)
            }
            for (i, sample) in stored.enumerated() {
                let (id, isMarker) = series[sample.series.index]
                offer(sample, sequence: first + UInt64(i), id: id, isMarker: isMarker, into: &evaluator)
            }
            flush(&evaluator)
        }
        let references = reader.blocks(from: from, to: to)
        progress?.begin(blocks: references.count)
        for reference in references {
            defer { progress?.blockDone() }
            let block: DecodedBlock
            do throws(HistoryError) {
                block = try reader.read(reference)
            } catch {
                damage.append(error)
                continue
            }
            evaluator.source = reader.segments[reference.segment].name
            endSequence = max(endSequence, block.header.endSequence)
            play(block.samples, first: block.header.firstSequence, series: block.series.map(\.labels), into: &evaluator)
        }
        if let journal, !journal.samples.isEmpty {
            evaluator.source = JournalTail.fileName
            let (series, stored) = journal.asBlock()
            play(stored, first: journal.firstSequence, series: series, into: &evaluator)
            endSequence = max(endSequence, journal.firstSequence + UInt64(stored.count))
        }
        if !restored { restore?(&evaluator) }
    }

    private func apply(_ marker: ClockMarker, at time: Int64, to evaluator: inout Evaluator) {
        switch marker {
        case .idleAdvance:
            evaluator.advanceClock(to: time)
        case .endOfRun:
            evaluator.advanceClock(to: time)
            evaluator.finish()
        }
    }
}
