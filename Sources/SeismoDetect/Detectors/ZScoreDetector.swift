/// Flags samples more than k standard deviations from the mean of the last N samples.
///
/// Each sample is judged against the window of the samples before it, then added to it — unless it is an anomaly
/// and the policy excludes anomalies, so that one spike does not widen the band and hide the next. After
/// `relearnAfter` consecutive anomalies on the same side the window restarts from the latest sample, and warm-up
/// applies again: the series moved to a new level, and the old baseline would flag every sample from now on.
///
/// - Complexity: O(1) per sample, no allocation (see `WindowedStats` for the numerics).
public struct ZScoreDetector: AnomalyDetector {
    public let policy: DetectionPolicy
    @usableFromInline var learnt: WindowedStats
    @usableFromInline var shifts = LevelShiftWatch()

    /// - Throws: `DetectorConfigurationError` when `windowSize` is outside 2...1,000,000 or smaller than the
    ///   policy's warm-up.
    public init(windowSize: Int = 100, policy: DetectionPolicy = .standard) throws(DetectorConfigurationError) {
        try policy.validate(windowSize: windowSize)
        self.policy = policy
        learnt = WindowedStats(capacity: windowSize, tracksExtrema: false)
    }

    /// The baseline: the last `windowSize` samples learnt.
    public var window: WindowedStats { learnt }

    @inlinable
    public mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        assert(value.isFinite, "non-finite values are rejected at ingest and must not reach detectors")
        guard learnt.count >= policy.warmUp else {
            learnt.push(value)
            return .warmingUp(mean: learnt.mean, standardDeviation: learnt.standardDeviation)
        }
        var verdict = policy.judge(
            deviation: learnt.deviation(of: value), mean: learnt.mean, standardDeviation: learnt.standardDeviation
        )
        if shifts.record(verdict, limit: policy.relearnLimit) {
            learnt.removeAll()
            learnt.push(value)
            verdict.relearned = true
        } else if !verdict.isAnomalous || !policy.excludesAnomalies {
            learnt.push(value)
        }
        return verdict
    }
}
