import ArgumentParser
import SeismoCore
import SeismoEngine
import SeismoIngest

/// Input options shared by the commands that read metric streams.
struct IngestOptions: ParsableArguments {
    @Option(help: "Input format: auto, influx, prometheus, graphite, statsd, jsonl or csv.")
    var format: InputFormat = .auto

    @Option(help: "Unit of line-protocol timestamps: ns, us, ms or s.")
    var precision: TimestampPrecision = .ns

    @Option(help: "Longest accepted line in bytes; longer lines are skipped and counted.")
    var maxLineLength = 64 * 1024

    @Option(help: "Most labels per series.")
    var maxLabels = 64

    @Option(help: "Longest metric or label name in bytes.")
    var maxLabelNameLength = 256

    @Option(help: "Longest label value in bytes.")
    var maxLabelValueLength = 4096

    @Option(help: "Most distinct series; samples of further new series are rejected.")
    var maxSeries = 1_000_000

    @Option(help: "Accept samples up to this much older than their series' newest (e.g. 30s, 5m).")
    var oooWindow = "0s"

    @Option(help: "How many rejected lines of each reason to show on stderr.")
    var showRejects = 5

    func validate() throws {
        guard maxLineLength > 0, maxLineLength <= 1 << 26 else {
            throw ValidationError("--max-line-length must be between 1 and 67108864")
        }
        guard maxLabels >= 0 else { throw ValidationError("--max-labels must not be negative") }
        guard maxLabelNameLength > 0, maxLabelValueLength > 0 else {
            throw ValidationError("--max-label-name-length and --max-label-value-length must be positive")
        }
        // Series ids above 2^31 are reserved for derived series (rule and detector outputs).
        guard maxSeries > 0, maxSeries <= Int(Int32.max) else {
            throw ValidationError("--max-series must be between 1 and \(Int32.max)")
        }
        do { _ = try PromDuration.nanoseconds(oooWindow) } catch { throw ValidationError("--ooo-window: \(error)") }
        guard showRejects >= 0 else { throw ValidationError("--show-rejects must not be negative") }
    }

    /// The limits these options describe.
    var limits: IngestLimits {
        var limits = IngestLimits()
        limits.maxLineLength = maxLineLength
        limits.maxLabels = maxLabels
        limits.maxLabelNameLength = maxLabelNameLength
        limits.maxLabelValueLength = maxLabelValueLength
        limits.maxSeries = maxSeries
        limits.outOfOrderWindow = (try? PromDuration.nanoseconds(oooWindow)) ?? 0
        return limits
    }
}
