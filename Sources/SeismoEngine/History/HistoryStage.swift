import SeismoCore
import SeismoHistory
import SeismoIngest
import SeismoRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The history side of `seismo run --data`: writes every sample the evaluation thread takes from the ring, and
/// the clock markers of idle advances and of the run's end, to a `HistoryWriter`; checkpoints the alert state;
/// and, before the run reads input, warms a fresh evaluator up from history and restores the last checkpoint.
///
/// Used by the evaluation thread only (after `Engine.openHistory` made it on the caller's thread, before the
/// thread starts). History ids are the registry's plus one, id 0 being the clock-marker series, so markers need
/// no entry in the run's series registry. A write error stops history writing (reported in the summary); the
/// run itself carries on.
final class HistoryStage {
    let options: HistoryOptions
    private let writer: HistoryWriter
    private(set) var report: HistoryReport
    /// The checkpoint found on opening, until the warm-up restores it.
    private var checkpoint: AlertCheckpoint?
    private var registry: SeriesRegistry?
    private var buffer: UnsafeMutableBufferPointer<Sample>
    private var ackFD: Int32 = -1
    private var acknowledged: UInt64 = .max
    private var lastCheckpoint: UInt64
    private var failed = false

    private static let markerID = SeriesID(0)

    init(options: HistoryOptions) throws(HistoryError) {
        self.options = options
        let (writer, recovery) = try HistoryWriter.open(options.storage)
        self.writer = writer
        report = HistoryReport(directory: options.storage.directory, recovery: recovery, firstSequence: writer.nextSequence)
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
        buffer = .allocate(capacity: 4096)
        lastCheckpoint = Timestamp.monotonic()
        if let path = options.ackFile {
            ackFD = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if ackFD < 0 {
                throw .io(operation: "open", path: path, errno: errno)
            }
            acknowledge()
        }
    }

    deinit {
        buffer.deallocate()
        if ackFD >= 0 { close(ackFD) }
    }

    // MARK: Before the run

    /// Replays, muted, history (all of it, or `options.warmUp` back from the newest sample, at least the rules'
    /// `retention`) into `evaluator`, interning series in `table`, and restores the checkpoint at the position it
    /// covers; then unmutes. Without rules (or with `resume` off) it only records which registry to use.
    func warmUp(_ evaluator: inout Evaluator, table: SeriesTable, retention: Int64?) {
        registry = table.registry
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

    /// Writes `batch` (in arrival order) to history.
    func append(_ batch: UnsafeBufferPointer<Sample>) {
        guard !failed, let registry else { return }
        for (i, sample) in batch.enumerated() {
            buffer[i] = Sample(series: SeriesID(sample.series.rawValue &+ 1), timestamp: sample.timestamp, value: sample.value)
        }
        write(UnsafeBufferPointer(rebasing: buffer[0..<batch.count])) { id in
            id == Self.markerID ? ClockMarker.labels : registry.labels(of: SeriesID(id.rawValue - 1))
        }
        report.samplesWritten &+= UInt64(batch.count)
    }

    /// Records that the evaluator moved its clock to `time` without a sample.
    func record(_ marker: ClockMarker, at time: Int64) {
        guard !failed else { return }
        buffer[0] = Sample(series: Self.markerID, timestamp: time, value: marker.rawValue)
        write(UnsafeBufferPointer(rebasing: buffer[0..<1])) { _ in ClockMarker.labels }
        report.markersWritten &+= 1
    }

    /// The evaluator ran out of input: seal a delayed block, sync when the interval has passed.
    func idle() {
        guard !failed else { return }
        attempt { () throws(HistoryError) in try writer.flushIfDue() }
        acknowledge()
    }

    /// Writes a checkpoint when the interval has passed since the last one.
    func checkpointIfDue(_ evaluator: Evaluator) {
        guard evaluator.rules != nil, Timestamp.monotonic() &- lastCheckpoint >= UInt64(max(options.checkpointInterval, 0)) else { return }
        writeCheckpoint(evaluator)
    }

    /// The run ended (the evaluator has finished): record the end marker, close the writer, checkpoint.
    func finish(_ evaluator: Evaluator) {
        if evaluator.rules != nil, let time = evaluator.eventTime { record(.endOfRun, at: time) }
        if !failed { attempt { () throws(HistoryError) in try writer.close() } }
        acknowledge()
        writeCheckpoint(evaluator)
        report.nextSequence = writer.nextSequence
        report.durableSequence = writer.durableSequence
    }

    private func writeCheckpoint(_ evaluator: Evaluator) {
        lastCheckpoint = Timestamp.monotonic()
        guard !failed, let rules = evaluator.rules else { return }
        let checkpoint = AlertCheckpoint(sequence: writer.nextSequence, eventTime: evaluator.eventTime, rules: rules.checkpoint)
        do throws(CheckpointError) {
            try checkpoint.write(to: options.storage.directory, sync: options.storage.fsync != .never)
            report.checkpoints += 1
        } catch {
            report.warnings.append("checkpoint not written: \(error)")
        }
    }

    private func write(_ samples: UnsafeBufferPointer<Sample>, labels: (SeriesID) -> SeriesLabels) {
        attempt { () throws(HistoryError) in try writer.append(samples, labels: labels) }
        acknowledge()
    }

    private func attempt(_ body: () throws(HistoryError) -> Void) {
        do throws(HistoryError) {
            try body()
        } catch {
            failed = true
            report.failure = error.description
        }
    }

    /// Rewrites the ack file when the durable count moved (one `pwrite`, no sync: the number is a hint for the
    /// feeder, and history itself is what survives).
    private func acknowledge() {
        guard ackFD >= 0 else { return }
        let durable = writer.durableSequence
        guard durable != acknowledged else { return }
        acknowledged = durable
        let text = Array("\(durable)\n".utf8)
        _ = text.withUnsafeBytes { pwrite(ackFD, $0.baseAddress, $0.count, 0) }
    }
}
