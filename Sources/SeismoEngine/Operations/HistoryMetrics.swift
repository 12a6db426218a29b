import Foundation
import Metrics
import SeismoHistory

/// Metrics of the history writer: bytes, samples and blocks written, syncs and how long they took.
///
/// The history writer thread (`--data`) calls `record(_:)` with the writer's `statistics` after each append or
/// idle tick; it publishes the difference since the previous call. Sync durations come from the statistics too:
/// when several syncs happened between two calls (group commit under `--fsync always`), each is recorded with
/// their mean duration. Thread-safe.
public final class HistoryMetrics: @unchecked Sendable {
    private let bytesWritten: Counter
    private let samplesWritten: Counter
    private let blocksWritten: Counter
    private let syncs: Counter
    private let segmentsCreated: Counter
    private let segmentsRemoved: Counter
    private let syncDuration: Metrics.Timer
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var last = HistoryWriterStatistics()

    public init(factory: any MetricsFactory) {
        bytesWritten = Counter(label: "seismo_history_bytes_written_total", factory: factory)
        samplesWritten = Counter(label: "seismo_history_samples_written_total", factory: factory)
        blocksWritten = Counter(label: "seismo_history_blocks_written_total", factory: factory)
        syncs = Counter(label: "seismo_history_syncs_total", factory: factory)
        segmentsCreated = Counter(label: "seismo_history_segments_created_total", factory: factory)
        segmentsRemoved = Counter(label: "seismo_history_segments_removed_total", factory: factory)
        syncDuration = Metrics.Timer(label: "seismo_history_fsync_duration_seconds", factory: factory)
    }

    /// Publishes what grew since the previous call. A writer reopened (statistics back at zero) starts over.
    public func record(_ statistics: HistoryWriterStatistics) {
        lock.lock()
        defer { lock.unlock() }
        func add(_ counter: Counter, _ now: UInt64, _ before: UInt64) {
            if now > before { counter.increment(by: Int64(now - before)) }
        }
        if statistics.bytesWritten < last.bytesWritten { last = HistoryWriterStatistics() }
        add(bytesWritten, statistics.bytesWritten, last.bytesWritten)
        add(samplesWritten, statistics.samplesWritten, last.samplesWritten)
        add(blocksWritten, statistics.blocksWritten, last.blocksWritten)
        add(syncs, statistics.syncs, last.syncs)
        if statistics.syncs > last.syncs {
            let count = statistics.syncs - last.syncs
            let mean = (statistics.syncNanoseconds &- last.syncNanoseconds) / count
            for _ in 0..<min(count, 64) { recordSync(nanoseconds: mean) }
        }
        add(segmentsCreated, UInt64(statistics.segmentsCreated), UInt64(max(0, last.segmentsCreated)))
        add(segmentsRemoved, UInt64(statistics.segmentsRemoved), UInt64(max(0, last.segmentsRemoved)))
        last = statistics
    }

    /// One `fsync` (or `fdatasync`) took this long.
    public func recordSync(nanoseconds: UInt64) {
        syncDuration.recordNanoseconds(Int64(clamping: nanoseconds))
    }
}
