/// A detector's judgement of one sample, with the baseline it was judged against (for plotting bands:
/// `mean ± k · standardDeviation`).
public struct Verdict: Equatable, Sendable {
    /// The sample lies more than k standard deviations from the baseline, in a watched direction.
    public var isAnomalous: Bool
    /// No judgement yet: the detector has seen fewer samples than its warm-up since it started or re-learnt.
    public var isWarmingUp: Bool
    /// This anomaly completed a run of `relearnAfter` in one direction: the baseline restarted from this sample.
    public var relearned: Bool
    /// 1 − the two-sided Gaussian tail probability of |z|, in [0, 1]; 0 while warming up and for deviations in a
    /// direction not watched.
    public var score: Double
    /// Signed deviation in standard deviations; ±∞ when the baseline has no spread and the sample differs from it.
    public var z: Double
    /// Baseline level (the median for `RobustDetector`).
    public var mean: Double
    /// Baseline spread (1.4826 · MAD for `RobustDetector`).
    public var standardDeviation: Double

    @inlinable
    public init(
        isAnomalous: Bool, isWarmingUp: Bool = false, relearned: Bool = false, score: Double, z: Double,
        mean: Double, standardDeviation: Double
    ) {
        self.isAnomalous = isAnomalous
        self.isWarmingUp = isWarmingUp
        self.relearned = relearned
        self.score = score
        self.z = z
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The verdict while warming up: no anomaly, score 0, and the baseline learnt so far.
    @inlinable
    public static func warmingUp(mean: Double, standardDeviation: Double) -> Verdict {
        Verdict(isAnomalous: false, isWarmingUp: true, score: 0, z: 0, mean: mean, standardDeviation: standardDeviation)
    }
}
