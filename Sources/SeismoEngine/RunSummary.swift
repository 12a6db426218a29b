import Foundation
import SeismoIngest

/// What a run did, for the end-of-run summary on stderr and `--stats-json`.
public struct RunSummary: Sendable, Equatable {
    public var format: InputFormat
    public var ingest: IngestStats
    public var series: Int
    public var bytesRead: UInt64
    /// Samples the evaluator received and processed.
    public var evaluated: UInt64
    /// Samples dropped because the ring was full (`--on-overflow drop` only).
    public var dropped: UInt64
    /// Total time the reader waited on a full ring, in ns (`--on-overflow block`).
    public var producerWaitNanoseconds: UInt64
    /// Deepest the ring got, in samples.
    public var ringHighWater: Int
    /// Samples the built-in z-score detector flagged; with rule files, anomalous verdicts of the declared detectors.
    public var anomalies: UInt64
    /// Series the rule files' detectors, health classifiers and SLOs published; nil without rule files.
    public var derivedSeries: Int? = nil
    /// Alert state changes written (nil without rules).
    public var alertEvents: UInt64? = nil
    /// Rule evaluations that failed (e.g. many-to-many matching) and were skipped.
    public var ruleErrors: UInt64 = 0
    /// Rule reloads (SIGHUP) that took effect, and those refused because a file had an error.
    public var ruleReloads: UInt64 = 0
    public var failedRuleReloads: UInt64 = 0
    /// Event time of the newest sample evaluated, ns since the epoch (nil when no sample was accepted).
    public var eventTime: Int64?
    public var elapsedNanoseconds: UInt64
    /// True when the run stopped on SIGINT/SIGTERM rather than at end of input.
    public var interrupted: Bool
    /// What history recovered, replayed and wrote (`--data`); nil without.
    public var history: HistoryReport? = nil

    public var elapsedSeconds: Double { Double(elapsedNanoseconds) / 1e9 }
    public var linesPerSecond: Double { elapsedNanoseconds == 0 ? 0 : Double(ingest.lines) / elapsedSeconds }

    /// The human summary, one fact per line.
    public func renderText() -> String {
        var out = "seismo: \(interrupted ? "stopped by signal" : "end of input") (format \(format.rawValue))\n"
        out += "  lines     \(ingest.lines) (accepted \(ingest.acceptedLines), rejected \(ingest.rejectedLines), without samples \(ingest.emptyLines))\n"
        out += "  samples   \(ingest.samples) (evaluated \(evaluated), dropped \(dropped))\n"
        out += "  series    \(series)\n"
        if ingest.ignoredValues > 0 { out += "  ignored   \(ingest.ignoredValues) non-numeric values (string fields)\n" }
        for reason in RejectReason.allCases where ingest[reason] > 0 {
            out += "  rejected  \(reason.key): \(ingest[reason])\n"
        }
        out += "  anomalies \(anomalies)\n"
        if let derivedSeries { out += "  derived   \(derivedSeries) series (detector, health and SLO outputs)\n" }
        if let alertEvents { out += "  alerts    \(alertEvents) state changes, \(ruleErrors) failed rule evaluations\n" }
        if ruleReloads + failedRuleReloads > 0 {
            out += "  reloads   \(ruleReloads) ok, \(failedRuleReloads) failed (rules kept)\n"
        }
        out += String(format: "  elapsed   %.3f s, %.0f lines/s\n", elapsedSeconds, linesPerSecond)
        out += String(format: "  ring      high-water %d samples, reader waited %.3f s\n", ringHighWater, Double(producerWaitNanoseconds) / 1e9)
        if let history { out += history.renderText() }
        return out
    }

    /// The same facts as a JSON object with stable keys.
    public func renderJSON(adding extra: [String: Any] = [:]) -> String {
        var rejects: [String: UInt64] = [:]
        for reason in RejectReason.allCases { rejects[reason.key] = ingest[reason] }
        var object: [String: Any] = [
            "format": format.rawValue,
            "lines": ingest.lines,
            "accepted_lines": ingest.acceptedLines,
            "rejected_lines": ingest.rejectedLines,
            "empty_lines": ingest.emptyLines,
            "samples": ingest.samples,
            "evaluated_samples": evaluated,
            "dropped_samples": dropped,
            "ignored_values": ingest.ignoredValues,
            "series": series,
            "bytes_read": bytesRead,
            "rejects": rejects,
            "anomalies": anomalies,
            "derived_series": derivedSeries.map { NSNumber(value: $0) } ?? NSNull(),
            "alert_events": alertEvents.map { NSNumber(value: $0) } ?? NSNull(),
            "rule_errors": ruleErrors,
            "rule_reloads": ruleReloads,
            "failed_rule_reloads": failedRuleReloads,
            "event_time_ns": eventTime.map { NSNumber(value: $0) } ?? NSNull(),
            "elapsed_seconds": elapsedSeconds,
            "lines_per_second": linesPerSecond,
            "ring_high_water": ringHighWater,
            "producer_wait_seconds": Double(producerWaitNanoseconds) / 1e9,
            "interrupted": interrupted,
            "history": history.map { $0.jsonObject } ?? NSNull(),
        ]
        object.merge(extra) { _, added in added }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
