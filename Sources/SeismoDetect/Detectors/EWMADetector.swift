#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Flags samples more than k standard deviations from an exponentially weighted mean, with an exponentially
/// weighted variance: a baseline that follows slow drifts quickly and needs no window.
///
/// The first `warmUp` samples seed mean and variance exactly (plain running mean and sample variance); from then
/// on each learnt sample x moves them by `δ = x − mean`, `mean += α·δ`, `variance = (1 − α)(variance + α·δ²)`.
/// Weights are per sample, not per unit of time: a gap between samples of any length is one step, so the baseline
/// does not depend on timestamp quality. Anomaly exclusion and re-learning work as in `ZScoreDetector`
/// (re-learning restarts the seed from the latest sample).
///
/// The mean is one rounded double, so z is relatively precise to about ulp(mean)/σ: 2e-5 for values of 1e9 with
/// noise of 0.01, where `ZScoreDetector` stays exact to 1e-12.
///
/// - Complexity: O(1) per sample, 48 bytes of state besides the policy.
public struct EWMADetector: AnomalyDetector {
    /// Weight of the newest sample, in (0, 1).
    public let alpha: Double
    public let policy: DetectionPolicy
    @usableFromInline var ewMean: Double = 0
    @usableFromInline var ewVariance: Double = 0
    @usableFromInline var learnt: Int = 0
    @usableFromInline var seedM2: Double = 0
    @usableFromInline var shifts = LevelShiftWatch()

    /// - Throws: `DetectorConfigurationError` when `alpha` is outside (0, 1).
    public init(alpha: Double = 0.1, policy: DetectionPolicy = .standard) throws(DetectorConfigurationError) {
        guard alpha > 0, alpha < 1 else {
            throw DetectorConfigurationError(parameter: "alpha", message: "must be between 0 and 1 (exclusive), got \(alpha)")
        }
        self.alpha = alpha
        self.policy = policy
    }

    /// A detector whose weights halve every `halfLife` samples: α = 1 − 2^(−1/halfLife).
    ///
    /// - Throws: `DetectorConfigurationError` unless `halfLife` is at least 0.1 samples (and finite).
    public init(halfLife: Double, policy: DetectionPolicy = .standard) throws(DetectorConfigurationError) {
        guard halfLife >= 0.1, halfLife.isFinite else {
            throw DetectorConfigurationError(parameter: "half-life", message: "must be at least 0.1 samples, got \(halfLife)")
        }
        try self.init(alpha: 1 - exp2(-1 / halfLife), policy: policy)
    }

    /// Baseline level.
    public var mean: Double { ewMean }
    /// Baseline variance.
    public var variance: Double { ewVariance }
    /// Samples learnt since the start or the last re-learn, up to `policy.warmUp`.
    public var count: Int { learnt }

    @inlinable
    public var standardDeviation: Double { ewVariance.squareRoot() }

    @inlinable
    public mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        assert(value.isFinite, "non-finite values are rejected at ingest and must not reach detectors")
        guard learnt >= policy.warmUp else {
            learn(value)
            return .warmingUp(mean: ewMean, standardDeviation: standardDeviation)
        }
        var verdict = policy.judge(deviation: value - ewMean, mean: ewMean, standardDeviation: standardDeviation)
        if shifts.record(verdict, limit: policy.relearnLimit) {
            ewMean = 0
            ewVariance = 0
            seedM2 = 0
            learnt = 0
            learn(value)
            verdict.relearned = true
        } else if !verdict.isAnomalous || !policy.excludesAnomalies {
            learn(value)
        }
        return verdict
    }

    @inlinable
    mutating func learn(_ x: Double) {
        let delta = x - ewMean
        if learnt < policy.warmUp {
            learnt &+= 1
            ewMean += delta / Double(learnt)
            seedM2 += delta * (x - ewMean)
            ewVariance = learnt > 1 ? seedM2 / Double(learnt &- 1) : 0
        } else {
            ewMean += alpha * delta
            ewVariance = (1 - alpha) * (ewVariance + alpha * delta * delta)
        }
    }
}
