import SeismoCore

/// One anomaly the generator put into the stream: the ground truth for scoring detectors.
public struct InjectedAnomaly: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Sendable {
        /// One sample far from its neighbours (for counters: one interval with a burst of increments).
        case spike
        /// The level moves by several standard deviations for the window, then returns.
        case levelShift
        /// The noise grows several-fold for the window; the level stays.
        case varianceChange
        /// A ramp away from the baseline over the window (a leak, a growing backlog), then back.
        case trendChange
        /// The error rate of a dependency's calls jumps for the window.
        case errorBurst

        /// Whether this kind is injected into series of `kind`: error bursts only into request outcomes,
        /// the others into every other kind.
        public func applies(to kind: WorkloadSeries.Kind) -> Bool {
            switch self {
            case .errorBurst: kind == .requestOutcome
            default: kind != .requestOutcome
            }
        }
    }

    /// The series as the format's parser names it (see `WorkloadSeries.labels`).
    public var series: SeriesLabels
    /// Position of the series in `WorkloadGenerator.series`.
    public var seriesIndex: Int
    public var kind: Kind
    /// Timestamp of the first affected sample, ns, truncated to the format's resolution as written
    /// (ms for prometheus, jsonl and csv, s for graphite). StatsD lines carry no timestamp: this is the
    /// nominal event time and `samples` is the reliable locator.
    public var start: Int64
    /// Timestamp of the last affected sample (equal to `start` for a spike), same conventions.
    public var end: Int64
    /// Ordinals of the affected samples within the series (sample 0 is the series' first line).
    public var samples: ClosedRange<Int>

    public init(series: SeriesLabels, seriesIndex: Int, kind: Kind, start: Int64, end: Int64, samples: ClosedRange<Int>) {
        self.series = series
        self.seriesIndex = seriesIndex
        self.kind = kind
        self.start = start
        self.end = end
        self.samples = samples
    }

    /// `spike http_request_duration_ms{endpoint="/api/cart",host="web-01"} samples 272...376`.
    public var description: String { "\(kind.rawValue) \(series) samples \(samples.lowerBound)...\(samples.upperBound)" }
}
