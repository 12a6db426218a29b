import SeismoCore

/// One series of a workload: what it measures and what the parser of the chosen format will call it.
public struct WorkloadSeries: Sendable, Hashable {
    /// The shapes a workload mixes. Series `i` gets kind `Kind.rotation[i % 10]`, so any ten consecutive series
    /// hold three latencies, two CPU gauges, two counters, two request outcomes and one queue depth.
    public enum Kind: String, CaseIterable, Sendable {
        /// `http_request_duration_ms{host,endpoint}`: request latency in ms, log-normal around a median that
        /// follows the daily cycle. StatsD type `ms`.
        case latency
        /// `system_cpu_percent{host,region}`: CPU usage in percent, daily cycle plus AR(1) noise, clamped to
        /// 0...100. Influx adds the field `load1` (series `system_load1`). StatsD type `g`.
        case cpu
        /// `queue_depth{service,queue}`: messages waiting, an integer gauge with Poisson-like noise. StatsD `g`.
        case queueDepth
        /// `http_requests_total{service,endpoint}`: a monotonic counter whose increments follow the daily cycle,
        /// with occasional resets to 0. StatsD writes the increment since the previous sample with type `c`.
        case counter
        /// `upstream_success{service,dependency}`: one call to a dependency, 1 for success and 0 for failure, so
        /// the mean over a window is the success rate. Influx adds the call's latency as the field `latency_ms`
        /// (series `upstream_latency_ms`; failures are slower). StatsD type `g`.
        case requestOutcome

        static let rotation: [Kind] = [
            .latency, .cpu, .requestOutcome, .counter, .queueDepth, .latency, .requestOutcome, .cpu, .latency, .counter,
        ]

        /// Metric name in every format but untagged Graphite and CSV.
        public var metric: String {
            switch self {
            case .latency: "http_request_duration_ms"
            case .cpu: "system_cpu_percent"
            case .queueDepth: "queue_depth"
            case .counter: "http_requests_total"
            case .requestOutcome: "upstream_success"
            }
        }
    }

    public var kind: Kind
    /// Metric and labels, the same in every format.
    public var canonical: SeriesLabels
    /// The series as the chosen format's parser names it: `canonical` for influx, prometheus, jsonl, statsd
    /// (DogStatsD tags) and tagged Graphite; for untagged Graphite (cpu and counter series) and for CSV, a
    /// dotted path without labels: the metric, then the label values with `/` and other non-name bytes turned
    /// into `_` (`http_requests_total.checkout.api_orders`). Single-series CSV carries no name column: its
    /// parser picks the name, and this is the name the column would have held.
    public var labels: SeriesLabels
    /// Influx only: the series of the line's second field (`system_load1`, `upstream_latency_ms`), nil otherwise.
    public var secondary: SeriesLabels?
    /// Number of samples (data lines) of this series.
    public var sampleCount: Int
}
