/// The general-purpose detector, and `seismo score`'s default: three views of a series combined into one z.
///
/// 1. **Forecast**: an exponentially weighted mean (as `EWMADetector`, half-life 10 samples) predicts the next
///    sample; it follows wandering levels and daily cycles within a few samples.
/// 2. **Robust scale of the forecast errors**: the median and MAD of the last N forecast errors (as
///    `RobustDetector`, on errors instead of values) say how wrong the forecast usually is. The main z is
///    `(error − median) / (1.4826 · MAD)`: spikes and heavy tails in the past barely move it, and unlike an
///    exponentially weighted variance it does not collapse after a calm hour.
/// 3. **Level**: the mean and standard deviation of the last N values. Half the level z stands in when it is
///    larger, a safety net for slow drifts that the forecast follows and so never finds surprising.
///
/// The combined z is the forecast-error z, or half the level z when that is larger in magnitude. A spike or the
/// start of a level shift is a large forecast error; a slope or a cycle is not, as long as it is smooth.
/// Anomalies are kept out of all three views (unless the policy says otherwise), and after `relearnAfter`
/// anomalies on one side they restart from the latest sample, as in the other detectors.
///
/// `Verdict.mean` is the forecast corrected by the median error, `standardDeviation` the robust error spread,
/// so `mean ± k · standardDeviation` is the band a sample must leave to be flagged (when the level term does not
/// dominate).
///
/// Why this design, and the default k = 4.5 rather than 3: see the labelled evaluation in the Benchmarks
/// package (`DetectorEvaluation`), where it had the best NAB-style score of the detectors and variants tried.
///
/// - Complexity: O(log N) comparisons and one O(N) memory move per sample (`SortedWindow` of errors), plus O(1)
///   for the forecast and the level; 24 bytes per window value plus about 250 bytes.
public struct EnsembleDetector: AnomalyDetector {
    /// The default policy: `DetectionPolicy.standard` with k = 4.5.
    public static let defaultPolicy = try! DetectionPolicy(threshold: 4.5)

    public let policy: DetectionPolicy
    /// The forecast (only its learning is used; its own judging and re-learning are not).
    public private(set) var forecast: EWMADetector
    /// The last N forecast errors, sorted too.
    public private(set) var errors: SortedWindow
    /// The last N values learnt.
    public private(set) var level: WindowedStats
    @usableFromInline var shifts = LevelShiftWatch()

    /// - Parameters:
    ///   - windowSize: forecast errors and values remembered for the scale and the level.
    ///   - halfLife: samples over which the forecast's weights halve.
    /// - Throws: `DetectorConfigurationError` when `windowSize` is outside 2...1,000,000 or smaller than the
    ///   policy's warm-up, or `halfLife` is below 0.1.
    public init(
        windowSize: Int = 300, halfLife: Double = 10, policy: DetectionPolicy = EnsembleDetector.defaultPolicy
    ) throws(DetectorConfigurationError) {
        try policy.validate(windowSize: windowSize)
        self.policy = policy
        forecast = try EWMADetector(halfLife: halfLife, policy: policy)
        errors = SortedWindow(capacity: windowSize)
        level = WindowedStats(capacity: windowSize, tracksExtrema: false)
    }

    public var windowSize: Int { level.capacity }

    /// The forecast of the next sample (corrected by the median error) and the robust spread of the errors.
    public var baseline: (forecast: Double, standardDeviation: Double) {
        let (median, spread) = errors.robustBaseline
        return (forecast.mean + median, spread)
    }

    public mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        assert(value.isFinite, "non-finite values are rejected at ingest and must not reach detectors")
        let error = value - forecast.mean
        guard level.count >= policy.warmUp else {
            learn(value, error: error)
            let (expected, spread) = baseline
            return .warmingUp(mean: expected, standardDeviation: spread)
        }
        let (median, spread) = errors.robustBaseline
        let surprise = Self.z(error - median, spread)
        let drift = 0.5 * Self.z(level.deviation(of: value), level.standardDeviation)
        var verdict = Verdict(
            isAnomalous: false, direction: policy.direction, z: abs(surprise) >= abs(drift) ? surprise : drift,
            mean: forecast.mean + median, standardDeviation: spread
        )
        verdict.isAnomalous = verdict.watchedZ > policy.threshold
        if shifts.record(verdict, limit: policy.relearnLimit) {
            errors.removeAll()
            level.removeAll()
            forecast.restart()
            learn(value, error: 0)
            verdict.relearned = true
        } else if !verdict.isAnomalous || !policy.excludesAnomalies {
            learn(value, error: error)
        }
        return verdict
    }

    /// Adds a value to the level and the forecast, and its forecast error to the errors (none for the first
    /// value after a start, which had no forecast).
    @inline(__always)
    mutating func learn(_ value: Double, error: Double) {
        if forecast.count > 0 { errors.push(error) }
        level.push(value)
        forecast.learn(value)
    }

    /// z of a deviation, with the zero-spread rule of `DetectionPolicy.judge`.
    @inline(__always)
    static func z(_ deviation: Double, _ spread: Double) -> Double {
        if spread > 0 { return deviation / spread }
        return deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity)
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
