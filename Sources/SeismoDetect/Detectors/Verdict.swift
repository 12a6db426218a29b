#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A detector's judgement of one sample, with the baseline it was judged against (for plotting bands:
/// `mean ± k · standardDeviation`).
public struct Verdict: Equatable, Sendable {
    /// The sample lies more than k standard deviations from the baseline, in a watched direction.
    public var isAnomalous: Bool
    /// No judgement yet: the detector has seen fewer samples than its warm-up since it started or re-learnt.
    public var isWarmingUp: Bool
    /// This anomaly completed a run of `relearnAfter` in one direction: the baseline restarted from this sample.
    public var relearned: Bool
    /// The directions the detector watches; `score` is 0 for deviations the other way.
    public var direction: AnomalyDirection
    /// Signed deviation in standard deviations; ±∞ when the baseline has no spread and the sample differs from it.
    public var z: Double
    /// Baseline level (the median for `RobustDetector`).
    public var mean: Double
    /// Baseline spread (1.4826 · MAD for `RobustDetector`).
    public var standardDeviation: Double

    @inlinable
    public init(
        isAnomalous: Bool, isWarmingUp: Bool = false, relearned: Bool = false, direction: AnomalyDirection = .both,
        z: Double, mean: Double, standardDeviation: Double
    ) {
        self.isAnomalous = isAnomalous
        self.isWarmingUp = isWarmingUp
        self.relearned = relearned
        self.direction = direction
        self.z = z
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    /// The verdict while warming up: no anomaly, score 0, and the baseline learnt so far.
    @inlinable
    public static func warmingUp(mean: Double, standardDeviation: Double) -> Verdict {
        Verdict(isAnomalous: false, isWarmingUp: true, z: 0, mean: mean, standardDeviation: standardDeviation)
    }

    /// z as seen from the watched direction: z above, −z below, |z| for both.
    @inlinable
    public var watchedZ: Double {
        switch direction {
        case .above: z
        case .below: -z
        case .both: abs(z)
        }
    }

    /// 1 − the two-sided Gaussian tail probability of |z|, `1 − erfc(|z|/√2)`, in [0, 1]: 0.683 at one standard
    /// deviation, 0.9973 at three, 1 from about 8.3 on. 0 while warming up and for deviations in a direction not
    /// watched.
    ///
    /// Computed when read (one `erfc`, 5–20 ns depending on branch prediction), so detectors do not pay for it on
    /// samples whose score nobody reads.
    @inlinable
    public var score: Double { Self.score(watchedZ: watchedZ) }

    /// `score` from `watchedZ` alone, for a verdict carried as plain values to the thread that publishes it.
    @inlinable
    public static func score(watchedZ w: Double) -> Double {
        guard w > 0 else { return 0 }
        return 1 - erfc(w * 0.707_106_781_186_547_6)
    }
}
