import SeismoIngest

/// The reader's hook into self-metrics and the status board: called once per read chunk with the running totals.
///
/// Exists only when the run has metrics or a status board, so a plain run pays nothing.
struct ProgressPublisher {
    private var cursor: IngestMetricsCursor?
    private let board: StatusBoard?

    init?(configuration: EngineConfiguration, ringCapacity: Int) {
        guard configuration.metrics != nil || configuration.statusBoard != nil else { return nil }
        cursor = configuration.metrics.map { IngestMetricsCursor(metrics: $0, ringCapacity: ringCapacity) }
        board = configuration.statusBoard
    }

    mutating func publish(
        stats: IngestStats, bytesRead: UInt64, dropped: UInt64, waitedNanoseconds: UInt64,
        ringDepth: Int, ringHighWater: Int, series: Int
    ) {
        cursor?.publish(
            stats: stats, bytesRead: bytesRead, dropped: dropped, waitedNanoseconds: waitedNanoseconds,
            ringDepth: ringDepth, ringHighWater: ringHighWater, series: series
        )
        board?.publish(StatusBoard.IngestProgress(
            lines: stats.lines, samples: stats.samples, rejected: stats.rejectedLines, bytesRead: bytesRead, series: series
        ))
    }
}
