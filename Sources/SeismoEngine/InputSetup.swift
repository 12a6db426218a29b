import Logging
import SeismoIngest

/// The reading side `Engine` and `Scorer` both start from: a line reader on the input, its format (sniffed from
/// the first lines when `.auto`), a parse context that interns series into a registry, and the reject log.
struct InputSetup {
    let reader: LineReader
    let format: InputFormat
    let context: ParseContext
    let log: RejectLog

    init(
        fd: Int32, format: InputFormat, precision: TimestampPrecision, limits: IngestLimits, readSize: Int,
        rejectsShownPerReason: Int, registry: SeriesRegistry, rejectOutput: @escaping (String) -> Void, logger: Logger
    ) {
        reader = LineReader(fd: fd, maxLineLength: limits.maxLineLength, chunkSize: readSize)
        self.format = format.resolved(reading: reader, logger: logger)
        context = ParseContext(series: SeriesTable(limits: limits, registry: registry), precision: precision)
        log = RejectLog(perReason: rejectsShownPerReason, write: rejectOutput)
    }
}
