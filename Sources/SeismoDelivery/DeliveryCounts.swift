/// What happened to the alerts meant for one Alertmanager, for the run summary.
public struct DeliveryCounts: Sendable, Equatable {
    /// Why an alert was given up without being delivered.
    public enum DropReason: String, Sendable, CaseIterable, Comparable {
        /// The queue was full (`queueCapacity` distinct alerts waiting): the oldest waiting alert went.
        case queueFull = "queue_full"
        /// Every attempt failed (`maxAttempts`).
        case retriesExhausted = "retries_exhausted"
        /// Alertmanager refused the request (HTTP 4xx other than 408 and 429): sending it again would not help.
        case rejected
        /// Still waiting or in flight when the flush timeout at exit ran out.
        case shutdown

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Requests that succeeded.
    public var requests: UInt64 = 0
    /// Alerts in requests that succeeded (a re-send counts again).
    public var alertsSent: UInt64 = 0
    /// Requests that failed (connection error, timeout, HTTP error status).
    public var failedRequests: UInt64 = 0
    /// Alerts given up, by reason.
    public var dropped: [DropReason: UInt64] = [:]

    public init() {}

    /// Alerts given up, whatever the reason.
    public var droppedTotal: UInt64 { dropped.values.reduce(0, +) }

    /// The counts as a JSON object (for `--stats-json`), for the Alertmanager at `url`.
    public func jsonObject(url: String) -> [String: Any] {
        [
            "url": url, "requests": requests, "alerts_sent": alertsSent, "failed_requests": failedRequests,
            "dropped": Dictionary(uniqueKeysWithValues: dropped.map { ($0.key.rawValue, $0.value) }),
        ]
    }

    /// One summary line: `alertmanager URL: N alerts sent in M requests, F failed requests, D dropped (...)`.
    public func renderLine(url: String) -> String {
        var line = "  alertmanager \(url): \(alertsSent) alerts sent in \(requests) requests, "
        line += "\(failedRequests) failed requests, \(droppedTotal) dropped"
        if droppedTotal > 0 {
            let reasons = dropped.keys.sorted().map { "\($0.rawValue) \(dropped[$0]!)" }
            line += " (" + reasons.joined(separator: ", ") + ")"
        }
        return line + "\n"
    }
}
