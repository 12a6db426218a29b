import SeismoCore
import SeismoHistory

/// Feeds history to an `Evaluator` in original arrival order: samples (filtered by time and series), and the
/// clock markers the live run recorded, each applied where it stands.
///
/// Shared by `seismo replay` and by the warm-up of a restarted `seismo run --data`. Samples carry their
/// sequence number plus one as their line, and the evaluator's source is set to the segment file name, so alert
/// provenance names the history position that caused an event. Memory is bounded by one decoded block.
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

    /// Plays `reader`'s history into `evaluator`. `intern` gives the evaluator's id for a label set (registered
    /// in the evaluator's registry), nil to skip the series.
    mutating func play(_ reader: HistoryReader, into evaluator: inout Evaluator, intern: (SeriesLabels) -> SeriesID?) {
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
            var ids: [SeriesID?] = []
            var isMarker: [Bool] = []
            ids.reserveCapacity(block.series.count)
            for entry in block.series {
                let marker = entry.labels == ClockMarker.labels
                isMarker.append(marker)
                ids.append(marker || match?(entry.labels) == false ? nil : intern(entry.labels))
            }
            let first = block.header.firstSequence
            endSequence = max(endSequence, block.header.endSequence)
            for (i, sample) in block.samples.enumerated() {
                let sequence = first + UInt64(i)
                guard sequence >= startSequence else { continue }
                if !restored, let restoreAt, sequence >= restoreAt {
                    flush(&evaluator)
                    restore?(&evaluator)
                    restored = true
                }
                guard sample.timestamp >= from, sample.timestamp <= to else {
                    filtered &+= 1
                    continue
                }
                let local = sample.series.index
                if isMarker[local] {
                    flush(&evaluator)
                    apply(ClockMarker(value: sample.value), at: sample.timestamp, to: &evaluator)
                    markers &+= 1
                    continue
                }
                guard let id = ids[local] else {
                    filtered &+= 1
                    continue
                }
                buffer.append(Sample(
                    series: id, timestamp: sample.timestamp, value: sample.value,
                    line: UInt32(truncatingIfNeeded: sequence &+ 1)
                ))
                if buffer.count == Self.batchSize { flush(&evaluator) }
            }
            flush(&evaluator)
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
