/// Flags samples more than k robust standard deviations from the median of the last N samples, the spread
/// being 1.4826 · MAD (the median absolute deviation from the median, scaled to equal σ for Gaussian data).
///
/// A few spikes move neither the median nor the MAD, so this suits spiky series where a z-score's mean and σ
/// would be dragged along. When more than half the window is one value the MAD is 0; the spread then falls back
/// to 1.2533 · the mean absolute deviation from the median (σ for Gaussian data, and nonzero as long as any
/// value differs), and only a window with no spread at all uses the zero-spread rule of `DetectionPolicy.judge`.
/// Exclusion and re-learning work as in `ZScoreDetector`.
///
/// - Complexity: per sample, O(N) branch-free comparisons (O(log N) beyond 256 values) and one O(N) memory move
///   (`SortedWindow`); 16 bytes per window value.
public struct RobustDetector: AnomalyDetector {
    public let policy: DetectionPolicy
    /// The baseline: the last `windowSize` samples learnt, in arrival and in sorted order.
    public private(set) var window: SortedWindow
    @usableFromInline var shifts = LevelShiftWatch()

    /// - Throws: `DetectorConfigurationError` when `windowSize` is outside 2...1,000,000 or smaller than the
    ///   policy's warm-up.
    public init(windowSize: Int = 100, policy: DetectionPolicy = .standard) throws(DetectorConfigurationError) {
        try policy.validate(windowSize: windowSize)
        self.policy = policy
        window = SortedWindow(capacity: windowSize)
    }

    /// Median and robust standard deviation of the window; (0, 0) when empty.
    public var baseline: (median: Double, standardDeviation: Double) { window.robustBaseline }

    public mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        assert(value.isFinite, "non-finite values are rejected at ingest and must not reach detectors")
        guard window.count >= policy.warmUp else {
            window.push(value)
            let (median, spread) = baseline
            return .warmingUp(mean: median, standardDeviation: spread)
        }
        let (median, spread) = baseline
        var verdict = policy.judge(deviation: value - median, mean: median, standardDeviation: spread)
        if shifts.record(verdict, limit: policy.relearnLimit) {
            window.removeAll()
            window.push(value)
            verdict.relearned = true
        } else if !verdict.isAnomalous || !policy.excludesAnomalies {
            window.push(value)
        }
        return verdict
    }
}
