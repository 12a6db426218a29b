import SeismoCore
import SeismoHistory
import SeismoIngest
import SeismoRules

/// The history side of `seismo run --data`: hands every sample the evaluation thread takes from the ring, and
/// the clock markers of idle advances and of the run's end, to a `HistoryWriterThread`; checkpoints the alert
/// state; and, before the run reads input, warms a fresh evaluator up from history and restores the last
/// checkpoint.
///
/// Made on the caller's thread by `Engine.openHistory`, warmed up there, then used by the evaluation thread only.
/// History ids are the registry's plus one, id 0 being the clock-marker series, so markers need no entry in the
/// run's series registry. A write error stops history writing (reported in the summary); the run carries on.
final class HistoryStage {
    let options: HistoryOptions
    private let thread: HistoryWriterThread
    /// Self-metrics of the writer; set before the thread starts (`Engine.openHistory`).
    var metrics: HistoryMetrics? {
        get { thread.metrics }
        set { thread.metrics = newValue }
    }
    private let acknowledgement: HistoryAcknowledgement?
    private(set) var report: HistoryReport
    /// The checkpoint found on opening, until the warm-up restores it.
    private var checkpoint: AlertCheckpoint?
    private var buffer: UnsafeMutableBufferPointer<Sample>
    private var lastCheckpoint: UInt64
    private let registry: SeriesRegistry

    private static let markerID = SeriesID(0)

    init(options: HistoryOptions, registry: SeriesRegistry) throws(HistoryError) {
        self.options = options
        self.registry = registry
        let (writer, recovery) = try HistoryWriter.open(options.storage)
        report = HistoryReport(directory: options.storage.directory, recovery: recovery, firstSequence: writer.nextSequence)
        acknowledgement = try options.ackFile.map { path throws(HistoryError) in try HistoryAcknowledgement(path: path) }
        acknowledgement?.update(writer.durableSequence)
        thread = HistoryWriterThread(writer: writer, capacity: 1 << 18, acknowledgement: acknowledgement) { id in
            id == Self.markerID ? ClockMarker.labels : registry.labels(of: SeriesID(id.rawValue - 1))
        }
        do throws(CheckpointError) {
            checkpoint = try AlertCheckpoint.read(from: options.storage.directory)
        } catch {
            report.warnings.append("checkpoint ignored: \(error)")
        }
        if let checkpoint, checkpoint.sequence > writer.nextSequence {
            report.warnings.append(
                "checkpoint ignored: it covers sequence numbers up to \(checkpoint.sequence), history only to \(writer.nextSequence)"
            )
            self.checkpoint = nil
        }
        buffer = .allocate(capacity: 1 << 12)
        lastCheckpoint = Timestamp.monotonic()
    }

    deinit {
        buffer.deallocate()
    }

    // MARK: Before the run

    /// Replays, muted, history (all of it, or `options.warmUp` back from the newest sample, at least the rules'
    /// `retention`) into `evaluator`, interning series in `table`, and restores the checkpoint at the position it
    /// covers; then unmutes and starts the writer thread. Without rules (`retention` nil) or with `resume` off,
    /// it only starts the thread.
    func warmUp(_ evaluator: inout Evaluator, table: SeriesTable, retention: Int64?) {
        defer { thread.start() }
        guard options.resume, let retention, report.firstSequence > 0 else { return }
        let reader: HistoryReader
        do throws(HistoryError) {
            reader = try HistoryReader(directory: options.storage.directory)
        } catch {
            report.warnings.append("warm-up skipped: \(error)")
            return
        }
        let newest = reader.segments.compactMap(\.timeRange?.upperBound).max() ?? .min
        var playback = HistoryPlayback()
        if let span = options.warmUp, newest != .min { playback.from = newest &- max(span, retention) }
        if let checkpoint {
            playback.restoreAt = checkpoint.sequence
            playback.restore = { [self] evaluator in
                guard evaluator.rules != nil else { return }
                report.restoredAlerts = evaluator.rules!.restore(checkpoint.rules)
                report.restoredCheckpoint = checkpoint.sequence
            }
        }
        evaluator.muted = true
        let source = evaluator.source
        playback.play(reader, into: &evaluator) { labels in try? table.intern(labels) }
        evaluator.muted = false
        evaluator.source = source
        checkpoint = nil
        report.warmUpSamples = playback.samples + playback.markers
        for damage in playback.damage { report.warnings.append("warm-up: \(damage)") }
    }

    // MARK: On the evaluation thread

    /// Hands `batch` (in arrival order) to the writer thread.
    func append(_ batch: UnsafeBufferPointer<Sample>) {
        for (i, sample) in batch.enumerated() {
            buffer[i] = Sample(series: SeriesID(sample.series.rawValue &+ 1), timestamp: sample.timestamp, value: sample.value)
        }
        thread.push(UnsafeBufferPointer(rebasing: buffer[0..<batch.count]))
        report.samplesWritten &+= UInt64(batch.count)
    }

    /// Records that the evaluator moved its clock to `time` without a sample.
    func record(_ marker: ClockMarker, at time: Int64) {
        buffer[0] = Sample(series: Self.markerID, timestamp: time, value: marker.rawValue)
        thread.push(UnsafeBufferPointer(rebasing: buffer[0..<1]))
        report.markersWritten &+= 1
    }

    /// Writes a checkpoint when the interval has passed since the last one. It covers what was handed to the
    /// writer thread; should the process die before that is appended, the next run finds the checkpoint ahead of
    /// history and ignores it (the warm-up alone then rebuilds the state).
    func checkpointIfDue(_ evaluator: Evaluator) {
        guard evaluator.rules != nil, Timestamp.monotonic() &- lastCheckpoint >= UInt64(max(options.checkpointInterval, 0)) else { return }
        writeCheckpoint(evaluator, sequence: report.firstSequence + thread.pushed)
    }

    /// The run ended (the evaluator has finished): record the end marker, wait for the writer thread, close the
    /// writer, checkpoint.
    func finish(_ evaluator: Evaluator) {
        if evaluator.rules != nil, let time = evaluator.eventTime { record(.endOfRun, at: time) }
        thread.join()
        let writer = thread.writer
        var failure = thread.failure
        if failure == nil {
            do throws(HistoryError) { try writer.close() } catch { failure = error }
        }
        acknowledgement?.update(writer.durableSequence)
        if let failure {
            report.failure = failure.description
        } else {
            writeCheckpoint(evaluator, sequence: writer.nextSequence)
        }
        report.nextSequence = writer.nextSequence
        report.durableSequence = writer.durableSequence
    }

    private func writeCheckpoint(_ evaluator: Evaluator, sequence: UInt64) {
        lastCheckpoint = Timestamp.monotonic()
        guard let rules = evaluator.rules else { return }
        let checkpoint = AlertCheckpoint(sequence: sequence, eventTime: evaluator.eventTime, rules: rules.checkpoint)
        do throws(CheckpointError) {
            try checkpoint.write(to: options.storage.directory, sync: options.storage.fsync != .never)
            report.checkpoints += 1
        } catch {
            report.warnings.append("checkpoint not written: \(error)")
        }
    }
}
