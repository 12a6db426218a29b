import Foundation
import SeismoIngest

/// What a `seismo score` run did, for the summary on stderr.
public struct ScoreSummary: Sendable, Equatable {
    public var format: InputFormat
    public var ingest: IngestStats
    public var series: Int
    /// Samples scored, which is the number of lines written (the CSV header aside).
    public var scored: UInt64
    /// Samples the detector flagged (alert score above 0.5).
    public var anomalies: UInt64
    public var elapsedNanoseconds: UInt64
    /// True when writing the output failed (e.g. the reader of the pipe exited): the run stopped there.
    public var outputFailed: Bool

    public var elapsedSeconds: Double { Double(elapsedNanoseconds) / 1e9 }

    /// One line of counts, then one line per reason that rejected something.
    public func renderText() -> String {
        var out = "seismo score: \(scored) samples scored, \(anomalies) anomalous, \(series) series (format \(format.rawValue))\n"
        out += "  lines     \(ingest.lines) (accepted \(ingest.acceptedLines), rejected \(ingest.rejectedLines), without samples \(ingest.emptyLines))\n"
        for reason in RejectReason.allCases where ingest[reason] > 0 {
            out += "  rejected  \(reason.key): \(ingest[reason])\n"
        }
        let rate = elapsedNanoseconds == 0 ? 0 : Double(scored) / elapsedSeconds
        out += String(format: "  elapsed   %.3f s, %.0f samples/s\n", elapsedSeconds, rate)
        if outputFailed { out += "  output    write failed; stopped early\n" }
        return out
    }
}
