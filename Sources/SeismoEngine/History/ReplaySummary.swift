import Foundation
import SeismoHistory

/// What a replay did, for the summary on stderr.
public struct ReplaySummary: Sendable, Equatable {
    /// Samples evaluated, clock markers applied, samples left out by `--from`/`--to`/`--match`.
    public var samples: UInt64
    public var markers: UInt64
    public var filtered: UInt64
    /// Input series met.
    public var series: Int
    public var anomalies: UInt64
    public var alertEvents: UInt64
    public var ruleErrors: UInt64
    /// Blocks skipped as damaged (each names its segment and offset), in the order met.
    public var damage: [HistoryError]
    /// Samples read from the journal past the blocks (the open block of a run still going or killed), before
    /// `--from`/`--to`/`--match`; bytes at the journal's end that were not a complete, intact record (a write the
    /// kill cut short); sequence numbers between the blocks and the journal that neither held.
    public var journalSamples = 0
    public var journalUnreadableBytes: Int64 = 0
    public var journalGap: Range<UInt64>?
    /// Newest event time reached, ns.
    public var eventTime: Int64?
    public var elapsedNanoseconds: UInt64

    public var samplesPerSecond: Double {
        elapsedNanoseconds == 0 ? 0 : Double(samples) / (Double(elapsedNanoseconds) / 1e9)
    }

    /// The human summary, one fact per line.
    public func renderText() -> String {
        var out = "seismo: replay done\n"
        out += "  samples   \(samples) evaluated, \(filtered) filtered out, \(markers) clock markers\n"
        out += "  series    \(series)\n"
        out += "  anomalies \(anomalies)\n"
        out += "  alerts    \(alertEvents) state changes, \(ruleErrors) failed rule evaluations\n"
        out += "  damage    \(damage.count) blocks skipped\n"
        if journalSamples > 0 || journalUnreadableBytes > 0 {
            out += "  journal   \(journalSamples) samples past the blocks, \(journalUnreadableBytes) bytes unreadable at its end\n"
        }
        out += String(format: "  elapsed   %.3f s, %.0f samples/s\n", Double(elapsedNanoseconds) / 1e9, samplesPerSecond)
        return out
    }
}
