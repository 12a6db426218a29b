/// The settings every detector shares: how far is anomalous, in which direction, after how much learning, and what
/// anomalies do to the baseline.
public struct DetectionPolicy: Equatable, Sendable {
    /// k: a sample is anomalous when it lies more than k standard deviations from the baseline. 0.1 to 10.
    public let threshold: Double
    /// Samples learnt before the first verdict (and again after re-learning). 2 or more, at most the window size.
    public let warmUp: Int
    @usableFromInline let relearnLimit: Int
    public let direction: AnomalyDirection
    /// Keep anomalous samples out of the baseline, so one spike does not widen the band and mask the next.
    public let excludesAnomalies: Bool

    /// After this many consecutive anomalies in the same direction the baseline restarts from the latest sample
    /// (a level shift, not a spike); nil never restarts.
    public var relearnAfter: Int? { relearnLimit == .max ? nil : relearnLimit }

    /// The defaults: k = 3, both directions, warm-up 20, anomalies excluded, re-learn after 5.
    public static let standard = DetectionPolicy(
        uncheckedThreshold: 3, direction: .both, warmUp: 20, excludesAnomalies: true, relearnLimit: 5
    )

    /// - Throws: `DetectorConfigurationError` when k is outside 0.1...10, `warmUp` is below 2 or `relearnAfter`
    ///   below 1.
    public init(
        threshold: Double = 3, direction: AnomalyDirection = .both, warmUp: Int = 20,
        excludesAnomalies: Bool = true, relearnAfter: Int? = 5
    ) throws(DetectorConfigurationError) {
        guard threshold >= 0.1, threshold <= 10 else {
            throw DetectorConfigurationError(parameter: "k", message: "must be between 0.1 and 10, got \(threshold)")
        }
        guard warmUp >= 2 else {
            throw DetectorConfigurationError(parameter: "warm-up", message: "must be at least 2 samples, got \(warmUp)")
        }
        if let relearnAfter, relearnAfter < 1 {
            throw DetectorConfigurationError(
                parameter: "relearn-after", message: "must be at least 1 anomaly, got \(relearnAfter)"
            )
        }
        self.init(
            uncheckedThreshold: threshold, direction: direction, warmUp: warmUp,
            excludesAnomalies: excludesAnomalies, relearnLimit: relearnAfter ?? .max
        )
    }

    private init(
        uncheckedThreshold: Double, direction: AnomalyDirection, warmUp: Int, excludesAnomalies: Bool,
        relearnLimit: Int
    ) {
        threshold = uncheckedThreshold
        self.direction = direction
        self.warmUp = warmUp
        self.excludesAnomalies = excludesAnomalies
        self.relearnLimit = relearnLimit
    }

    /// Throws unless the warm-up fits in a window of `windowSize` samples.
    func validate(windowSize: Int) throws(DetectorConfigurationError) {
        guard windowSize >= 2, windowSize <= 1_000_000 else {
            throw DetectorConfigurationError(parameter: "window", message: "must be 2 to 1000000 samples, got \(windowSize)")
        }
        guard warmUp <= windowSize else {
            throw DetectorConfigurationError(
                parameter: "warm-up", message: "\(warmUp) samples do not fit in a window of \(windowSize)"
            )
        }
    }

    /// The verdict for a sample `deviation` away from a baseline of `mean` and `standardDeviation`.
    ///
    /// With no spread at all, any difference is infinitely many deviations away (z = ±∞, score 1) and none is z = 0:
    /// a metric that was perfectly flat and moves has changed, whatever the size of the move.
    @inlinable @inline(__always)
    public func judge(deviation: Double, mean: Double, standardDeviation: Double) -> Verdict {
        let z: Double
        if standardDeviation > 0 {
            z = deviation / standardDeviation
        } else {
            z = deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity)
        }
        var verdict = Verdict(
            isAnomalous: false, direction: direction, z: z, mean: mean, standardDeviation: standardDeviation
        )
        verdict.isAnomalous = verdict.watchedZ > threshold
        return verdict
    }
}
