import Foundation

extension HistoryReport {
    /// The summary lines for history, after the run's own.
    func renderText() -> String {
        var out = "  history   \(directory): wrote \(samplesWritten) samples and \(markersWritten) clock markers, "
        out += "sequence \(firstSequence)..<\(nextSequence), durable below \(durableSequence)\n"
        out += "  recovery  \(tornBytes) torn bytes cut (segment \(recovery.truncatedBytes), journal \(recovery.journalTruncatedBytes)), "
        out += "\(recovery.journalSamples) journaled samples recovered, \(recovery.damage.count) damaged blocks\n"
        if warmUpSamples > 0 || restoredCheckpoint != nil {
            out += "  resumed   \(warmUpSamples) history records replayed to warm up"
            if let restoredCheckpoint { out += ", \(restoredAlerts) alerts restored from the checkpoint at sequence \(restoredCheckpoint)" }
            out += "\n"
        }
        for warning in warnings { out += "  warning   \(warning)\n" }
        if let failure { out += "  FAILED    history writing stopped: \(failure)\n" }
        return out
    }

    /// The same facts for `--stats-json` (the `history` key).
    var jsonObject: [String: Any] {
        [
            "directory": directory,
            "first_sequence": firstSequence,
            "next_sequence": nextSequence,
            "durable_sequence": durableSequence,
            "samples_written": samplesWritten,
            "markers_written": markersWritten,
            "torn_bytes": tornBytes,
            "segment_truncated_bytes": recovery.truncatedBytes,
            "journal_truncated_bytes": recovery.journalTruncatedBytes,
            "journal_samples_recovered": recovery.journalSamples,
            "damaged_blocks": recovery.damage.count,
            "warm_up_records": warmUpSamples,
            "restored_alerts": restoredAlerts,
            "restored_checkpoint": restoredCheckpoint.map { NSNumber(value: $0) } ?? NSNull(),
            "checkpoints": checkpoints,
            "warnings": warnings,
            "failure": failure ?? NSNull(),
        ]
    }
}
