import CoreMetrics

/// The delivery's self-metrics for one Alertmanager, recorded through swift-metrics (the executable picks the
/// backend). Every metric carries the label `alertmanager="<url>"`.
///
/// - `seismo_alertmanager_sends_total`: requests made.
/// - `seismo_alertmanager_send_failures_total`: requests that failed (connection error, timeout, HTTP error).
/// - `seismo_alertmanager_alerts_sent_total`: alerts in requests that succeeded.
/// - `seismo_alertmanager_alerts_dropped_total{reason}`: alerts given up (`queue_full`, `retries_exhausted`,
///   `rejected`, `shutdown`).
/// - `seismo_alertmanager_send_duration_seconds`: how long each request took (a timer).
/// - `seismo_alertmanager_queue_length`: alerts waiting (a gauge).
struct AlertmanagerMetrics: Sendable {
    let sends: Counter
    let failures: Counter
    let alertsSent: Counter
    let dropped: [DeliveryCounts.DropReason: Counter]
    let duration: CoreMetrics.Timer
    let queueLength: Gauge

    init(url: String, factory: any MetricsFactory) {
        let target = [("alertmanager", url)]
        sends = Counter(label: "seismo_alertmanager_sends_total", dimensions: target, factory: factory)
        failures = Counter(label: "seismo_alertmanager_send_failures_total", dimensions: target, factory: factory)
        alertsSent = Counter(label: "seismo_alertmanager_alerts_sent_total", dimensions: target, factory: factory)
        var dropped: [DeliveryCounts.DropReason: Counter] = [:]
        for reason in DeliveryCounts.DropReason.allCases {
            dropped[reason] = Counter(
                label: "seismo_alertmanager_alerts_dropped_total", dimensions: target + [("reason", reason.rawValue)],
                factory: factory
            )
        }
        self.dropped = dropped
        duration = CoreMetrics.Timer(
            label: "seismo_alertmanager_send_duration_seconds", dimensions: target, factory: factory
        )
        queueLength = Gauge(label: "seismo_alertmanager_queue_length", dimensions: target, factory: factory)
    }
}
