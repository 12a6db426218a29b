import Foundation
import Metrics
import SeismoRules

/// An alert sink that keeps which alerts are pending and firing now, for the status view and the
/// `seismo_alerts` gauges.
///
/// `receive` runs on the evaluation thread (alert changes are rare next to samples); `active()` on any thread.
public final class AlertTally: AlertSink, @unchecked Sendable {
    private struct Active {
        var alert: String
        var labels: String
        var state: AlertState
        var since: Int64
    }

    private let lock = NSLock()
    /// By alert name and label fingerprint; guarded by `lock`.
    private var byKey: [String: Active] = [:]
    private let pendingGauge: Gauge?
    private let firingGauge: Gauge?
    private let events: [AlertState: Counter]

    /// - Parameter factory: where the `seismo_alerts{state}` gauges and `seismo_alert_events_total{state}`
    ///   counters go; nil records none.
    public init(factory: (any MetricsFactory)? = nil) {
        if let factory {
            pendingGauge = Gauge(label: "seismo_alerts", dimensions: [("state", "pending")], factory: factory)
            firingGauge = Gauge(label: "seismo_alerts", dimensions: [("state", "firing")], factory: factory)
            var events: [AlertState: Counter] = [:]
            for state in [AlertState.pending, .firing, .resolved] {
                events[state] = Counter(label: "seismo_alert_events_total", dimensions: [("state", state.rawValue)], factory: factory)
            }
            self.events = events
            pendingGauge?.record(0)
            firingGauge?.record(0)
        } else {
            pendingGauge = nil
            firingGauge = nil
            events = [:]
        }
    }

    public func receive(_ event: AlertEvent) {
        let key = event.alert + "\u{0}" + event.fingerprint
        lock.lock()
        switch event.state {
        case .pending, .firing:
            let labels = event.labels.filter { $0.name != "alertname" }
                .map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",")
            byKey[key] = Active(alert: event.alert, labels: labels, state: event.state, since: event.time)
        default:
            byKey[key] = nil
        }
        let firing = byKey.values.filter { $0.state == .firing }.count
        let pending = byKey.count - firing
        lock.unlock()
        events[event.state]?.increment()
        firingGauge?.record(firing)
        pendingGauge?.record(pending)
    }

    public func flush() {}

    /// The alerts firing now (sorted by name, then labels) and how many are pending.
    public func active() -> (firing: [StatusSnapshot.FiringAlert], pending: Int) {
        lock.lock()
        let all = Array(byKey.values)
        lock.unlock()
        let firing = all.filter { $0.state == .firing }
            .map { StatusSnapshot.FiringAlert(alert: $0.alert, labels: $0.labels, since: $0.since) }
            .sorted { ($0.alert, $0.labels) < ($1.alert, $1.labels) }
        return (firing, all.count - firing.count)
    }
}
