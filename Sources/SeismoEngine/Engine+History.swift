import SeismoCore
import SeismoHistory
import SeismoIngest

extension Engine {
    /// Opens `configuration.history` for the next `run`: recovers the directory (cuts a torn tail, writes the
    /// journal's samples, continues the sequence numbers) and reads the alert checkpoint. `run` then replays the
    /// tail of history to warm up before reading input, and writes every sample it evaluates.
    ///
    /// Throws when the directory cannot be opened or repaired; a damaged or mismatched checkpoint is reported in
    /// the returned report's `warnings` and ignored.
    @discardableResult
    public func openHistory() throws(HistoryError) -> HistoryReport {
        guard let options = configuration.history else {
            preconditionFailure("Engine.openHistory: set configuration.history first")
        }
        let stage = try HistoryStage(options: options, registry: registry)
        stage.metrics = configuration.metrics?.history
        history = stage
        return stage.report
    }

    /// What the warm-up added to the evaluator's counters, so the run's summary counts its own input only.
    struct WarmUpCounts {
        var evaluated: UInt64 = 0
        var anomalies: UInt64 = 0
        var ruleErrors: UInt64 = 0
    }

    /// Warms `evaluator` up from history (with rules), before the evaluation thread starts.
    func warmUpFromHistory(_ evaluator: inout Evaluator, table: SeriesTable) -> WarmUpCounts {
        guard let history else { return WarmUpCounts() }
        // At least an hour of history: detectors and classifiers warm up on it too, not only the store.
        let retention = configuration.ruleSet.map { max(3_600 * Timestamp.nanosecondsPerSecond, Evaluator.storeRetention($0)) }
        history.warmUp(&evaluator, table: table, retention: retention)
        return WarmUpCounts(evaluated: evaluator.evaluated, anomalies: evaluator.anomalies, ruleErrors: evaluator.ruleErrors)
    }
}
