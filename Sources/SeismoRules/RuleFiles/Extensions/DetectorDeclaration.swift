import SeismoDetect

/// `detectors:` in a group: one streaming anomaly detector per series the selector matches.
///
/// Each matched series gets its own detector (a copy of the declared one) that judges every new sample against the
/// baseline learnt from the series' own past. The verdicts are published as series (see `ExtensionSeries`):
/// `seismo_anomaly{detector="<name>", <series labels>}` is 1 while the latest sample is anomalous, with the score,
/// z and baseline beside it, so alerting on an anomaly is an ordinary alerting rule.
public struct DetectorDeclaration: Equatable, Sendable {
    /// The detector algorithm and its own parameter.
    public enum Kind: Equatable, Sendable {
        /// Mean and standard deviation of the last `window` samples (`ZScoreDetector`).
        case zscore(window: Int)
        /// Exponentially weighted mean and variance, newest sample weighted `alpha` (`EWMADetector`).
        case ewma(alpha: Double)
        /// Median and MAD of the last `window` samples (`RobustDetector`).
        case robust(window: Int)

        /// The `kind:` spelling: `zscore`, `ewma` or `robust`.
        public var name: String {
            switch self {
            case .zscore: "zscore"
            case .ewma: "ewma"
            case .robust: "robust"
            }
        }
    }

    /// The `detector` label of the outputs; unique among the detectors of all loaded files.
    public var name: String
    public var kind: Kind
    /// The series to watch, e.g. `http_request_duration_ms{endpoint="/api/checkout"}` (no `offset` or `@`).
    public var selector: VectorSelector
    /// Sensitivity (k), direction, warm-up, anomaly exclusion and re-learning.
    public var policy: DetectionPolicy
    /// Labels added to every output series.
    public var labels: [String: String]
    /// Where the declaration starts in its file.
    public var position: RuleFilePosition

    public init(
        name: String, kind: Kind, selector: VectorSelector, policy: DetectionPolicy = .standard,
        labels: [String: String] = [:], position: RuleFilePosition
    ) {
        self.name = name
        self.kind = kind
        self.selector = selector
        self.policy = policy
        self.labels = labels
        self.position = position
    }
}
