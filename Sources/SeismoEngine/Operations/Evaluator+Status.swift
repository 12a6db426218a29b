import SeismoCore
import SeismoRules

extension Evaluator {
    /// What the status view needs from the evaluation thread: SLO budgets and unhealthy dependencies as the
    /// store holds them at the event clock. Visits only the SLO and health series.
    func status() -> StatusBoard.EvaluationStatus {
        var status = StatusBoard.EvaluationStatus(evaluated: evaluated, eventTime: eventTime)
        guard let store, let now = eventTime else { return status }
        let lookback = 5 * 60 * Timestamp.nanosecondsPerSecond
        for id in store.series(named: ExtensionSeries.sloBudgetRemaining) {
            guard let latest = store.latest(id, at: now, lookback: lookback) else { continue }
            let labels = store.labels(of: id)
            status.slos.append(.init(name: Self.displayName(labels, key: "slo"), budgetRemaining: latest.value))
        }
        for id in store.series(named: ExtensionSeries.healthState) {
            guard let latest = store.latest(id, at: now, lookback: lookback), latest.value == 3 else { continue }
            status.unhealthy.append(Self.displayName(store.labels(of: id), key: "health"))
        }
        status.slos.sort { $0.name < $1.name }
        status.unhealthy.sort()
        return status
    }

    /// `value-of-key{other="labels"}`: the SLO's or classifier's name with the labels that split it.
    static func displayName(_ labels: SeriesLabels, key: String) -> String {
        let others = labels.labels.filter { $0.name != key }
        let name = labels[key] ?? labels.metric
        guard !others.isEmpty else { return name }
        return name + "{" + others.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
    }
}
