/// The general-purpose detector: a sample is anomalous when it is far both from the robust baseline of the last
/// N samples (median and MAD, as `RobustDetector`) and from a fast exponentially weighted baseline (as
/// `EWMADetector`), the two judgements combined into one z.
///
/// Each baseline fails in its own way, and the combination keeps what they agree on:
/// - the median/MAD of a long window shrugs off spikes and heavy tails, but lags a series that wanders or follows
///   a daily cycle, so on a slope every sample looks far from the window's median;
/// - the EWMA follows wandering levels and cycles within a few samples, but its variance collapses in quiet
///   stretches, so a small wiggle after a calm hour looks huge.
///
/// The combined z is the geometric mean of the two (signed; 0 when they disagree on the side): a spike or the
/// onset of a level shift is far from both and scores as high as either alone, a slope or a wiggle is far from
/// only one and is damped. Anomalies are kept out of both baselines (unless the policy says otherwise), and after
/// `relearnAfter` anomalies on one side both restart from the latest sample, as in the other detectors.
///
/// `Verdict.mean` and `standardDeviation` are the robust baseline's (median and 1.4826 · MAD).
///
/// - Complexity: O(log N) comparisons and one O(N) memory move per sample (`SortedWindow`), plus O(1) for the
///   EWMA; 16 bytes per window value plus about 150 bytes.
public struct EnsembleDetector: AnomalyDetector {
    /// How the two baselines' z-scores are combined (for comparing variants; the default is `.geometricMean`).
    public enum Combination: String, Sendable, CaseIterable {
        /// The robust baseline alone.
        case robust
        /// Anomalous when either baseline says so (more recall, more false alarms).
        case maximum
        /// The signed geometric mean: both must agree, strongly for one makes up for weakly for the other.
        case geometricMean
        /// Anomalous only when both baselines say so.
        case minimum
    }

    public let policy: DetectionPolicy
    public let combination: Combination
    /// The long, robust baseline.
    public private(set) var window: SortedWindow
    /// The fast baseline (only its learning is used; its own judging and re-learning are not).
    public private(set) var fast: EWMADetector
    @usableFromInline var shifts = LevelShiftWatch()

    /// - Parameters:
    ///   - windowSize: samples in the robust baseline.
    ///   - halfLife: samples over which the fast baseline's weights halve.
    /// - Throws: `DetectorConfigurationError` when `windowSize` is outside 2...1,000,000 or smaller than the
    ///   policy's warm-up, or `halfLife` is below 0.1.
    public init(
        windowSize: Int = 200, halfLife: Double = 10, policy: DetectionPolicy = .standard,
        combination: Combination = .geometricMean
    ) throws(DetectorConfigurationError) {
        try policy.validate(windowSize: windowSize)
        self.policy = policy
        self.combination = combination
        window = SortedWindow(capacity: windowSize)
        fast = try EWMADetector(halfLife: halfLife, policy: policy)
    }

    /// Median and robust standard deviation of the window; (0, 0) when empty.
    public var baseline: (median: Double, standardDeviation: Double) { window.robustBaseline }

    public mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        assert(value.isFinite, "non-finite values are rejected at ingest and must not reach detectors")
        let (median, spread) = window.robustBaseline
        guard window.count >= policy.warmUp else {
            window.push(value)
            fast.learn(value)
            return .warmingUp(mean: median, standardDeviation: spread)
        }
        let robust = Self.z(value - median, spread)
        let recent = Self.z(value - fast.mean, fast.standardDeviation)
        var verdict = Verdict(
            isAnomalous: false, direction: policy.direction, z: combine(robust, recent), mean: median,
            standardDeviation: spread
        )
        verdict.isAnomalous = verdict.watchedZ > policy.threshold
        if shifts.record(verdict, limit: policy.relearnLimit) {
            window.removeAll()
            window.push(value)
            fast.restart()
            fast.learn(value)
            verdict.relearned = true
        } else if !verdict.isAnomalous || !policy.excludesAnomalies {
            window.push(value)
            fast.learn(value)
        }
        return verdict
    }

    /// z of a deviation, with the zero-spread rule of `DetectionPolicy.judge`.
    @inlinable @inline(__always)
    static func z(_ deviation: Double, _ spread: Double) -> Double {
        if spread > 0 { return deviation / spread }
        return deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity)
    }

    @inlinable
    func combine(_ a: Double, _ b: Double) -> Double {
        switch combination {
        case .robust: return a
        case .maximum: return abs(a) >= abs(b) ? a : b
        case .minimum:
            guard (a > 0) == (b > 0), a != 0, b != 0 else { return 0 }
            return abs(a) <= abs(b) ? a : b
        case .geometricMean:
            guard (a > 0) == (b > 0), a != 0, b != 0 else { return 0 }
            let magnitude = (abs(a) * abs(b)).squareRoot()
            return a > 0 ? magnitude : -magnitude
        }
    }
}

extension EWMADetector {
    /// Forgets everything learnt: the next sample starts a new seed.
    mutating func restart() {
        ewMean = 0
        ewVariance = 0
        seedM2 = 0
        learnt = 0
    }
}

extension SortedWindow {
    /// Median and robust standard deviation: 1.4826 · MAD, or 1.2533 · the mean absolute deviation from the
    /// median when more than half the window is one value (MAD 0); (0, 0) when empty.
    var robustBaseline: (median: Double, standardDeviation: Double) {
        guard let median, let mad = medianAbsoluteDeviation else { return (0, 0) }
        if mad > 0 { return (median, 1.4826 * mad) }
        return (median, 1.253_314_137_315_500_3 * meanAbsoluteDeviation(from: median))
    }
}
