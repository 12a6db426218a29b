/// The general-purpose detector, and `seismo score`'s default: a forecast of each sample, judged by how wrong
/// such forecasts usually are.
///
/// 1. **Forecast**: Holt's linear exponential smoothing, a level and a slope each updated from the forecast error
///    (level weight α from a half-life of 10 samples, slope weight 0.1 · α). It follows wandering levels, ramps and
///    daily cycles within a few samples, where the median of a window lags a whole half window behind.
/// 2. **Robust scale of the forecast errors**: the median and MAD of the last N forecast errors (as
///    `RobustDetector`, on errors instead of values). z = `(error − median) / (1.4826 · MAD)`: spikes and heavy tails
///    in the past barely move it, and unlike an exponentially weighted variance it does not collapse after a calm
///    hour and make the next small wiggle look huge.
///
/// A spike or the start of a level shift is a large forecast error; a slope or a cycle is not, as long as it is
/// smooth. Anomalies are kept out of the forecast and the errors (unless the policy says otherwise), and after
/// `relearnAfter` anomalies on one side both restart from the latest sample, as in the other detectors, so a
/// level shift is flagged at its start and then learnt. A slow drift that the forecast follows is not flagged.
///
/// `Verdict.mean` is the forecast corrected by the median error and `standardDeviation` the robust error spread,
/// so `mean ± k · standardDeviation` is the band a sample must leave to be flagged.
///
/// Why this design, and the default k = 4.5 rather than 3: see the labelled evaluation in the Benchmarks
/// package (`DetectorEvaluation`), where it had the best NAB-style score of the detectors and variants tried.
///
/// - Complexity: per sample, O(N) branch-free comparisons (O(log N) beyond 256 values) and one O(N) memory move
///   (`SortedWindow` of errors), plus O(1) for the forecast; 16 bytes per window value plus about 150 bytes.
public struct EnsembleDetector: AnomalyDetector {
    /// The default policy: `DetectionPolicy.standard` with k = 4.5.
    public static let defaultPolicy = try! DetectionPolicy(threshold: 4.5)

    public let policy: DetectionPolicy
    /// Weight of the newest sample in the forecast's level, from `halfLife`.
    public let alpha: Double
    /// Weight of the newest forecast error in the forecast's slope, relative to `alpha` (0: no slope, a plain EWMA).
    public let trendWeight: Double
    /// The forecast's smoothed level and slope (Holt's linear method); 0 before the first sample.
    @usableFromInline var smoothed = 0.0
    @usableFromInline var slope = 0.0
    @usableFromInline var forecastCount = 0
    /// The last N forecast errors, sorted too.
    public private(set) var errors: SortedWindow
    @usableFromInline var shifts = LevelShiftWatch()

    /// - Parameters:
    ///   - windowSize: forecast errors remembered for the scale.
    ///   - halfLife: samples over which the forecast level's weights halve.
    ///   - trendWeight: weight of the forecast error in the slope, relative to the level's α; 0 gives a plain
    ///     EWMA forecast.
    /// - Throws: `DetectorConfigurationError` when `windowSize` is outside 2...1,000,000 or smaller than the
    ///   policy's warm-up, or `halfLife` is below 0.1.
    public init(
        windowSize: Int = 300, halfLife: Double = 10, trendWeight: Double = 0.1,
        policy: DetectionPolicy = EnsembleDetector.defaultPolicy
    ) throws(DetectorConfigurationError) {
        try policy.validate(windowSize: windowSize)
        self.policy = policy
        alpha = try EWMADetector(halfLife: halfLife).alpha
        self.trendWeight = trendWeight
        errors = SortedWindow(capacity: windowSize)
    }

    public var windowSize: Int { errors.capacity }

    /// The forecast of the next sample (corrected by the median error) and the robust spread of the errors.
    public var baseline: (forecast: Double, standardDeviation: Double) {
        let (median, spread) = errors.robustBaseline
        return (forecast + median, spread)
    }

    /// The forecast of the next sample, before correction: smoothed level plus slope.
    public var forecast: Double { smoothed + slope }

    public mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        assert(value.isFinite, "non-finite values are rejected at ingest and must not reach detectors")
        let error = value - forecast
        guard forecastCount >= policy.warmUp else {
            learn(value, error: error)
            let (expected, spread) = baseline
            return .warmingUp(mean: expected, standardDeviation: spread)
        }
        let (median, spread) = errors.robustBaseline
        var verdict = Verdict(
            isAnomalous: false, direction: policy.direction, z: Self.z(error - median, spread),
            mean: forecast + median, standardDeviation: spread
        )
        verdict.isAnomalous = verdict.watchedZ > policy.threshold
        if shifts.record(verdict, limit: policy.relearnLimit) {
            errors.removeAll()
            smoothed = 0
            slope = 0
            forecastCount = 0
            learn(value, error: 0)
            verdict.relearned = true
        } else if !verdict.isAnomalous || !policy.excludesAnomalies {
            learn(value, error: error)
        }
        return verdict
    }

    /// Updates the forecast with a value and remembers its forecast error (none for the first value after a
    /// start, which had no forecast: it becomes the level).
    @inline(__always)
    mutating func learn(_ value: Double, error: Double) {
        guard forecastCount > 0 else {
            smoothed = value
            forecastCount = 1
            return
        }
        errors.push(error)
        forecastCount &+= 1
        smoothed = smoothed + slope + alpha * error
        slope = slope + alpha * trendWeight * error
    }

    /// z of a deviation, with the zero-spread rule of `DetectionPolicy.judge`.
    @inline(__always)
    static func z(_ deviation: Double, _ spread: Double) -> Double {
        if spread > 0 { return deviation / spread }
        return deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity)
    }
}

extension SortedWindow {
    /// Median and robust standard deviation: 1.4826 · MAD, or 1.2533 · the mean absolute deviation from the
    /// median when more than half the window is one value (MAD 0); (0, 0) when empty.
    var robustBaseline: (median: Double, standardDeviation: Double) {
        guard let median else { return (0, 0) }
        let mad = medianAbsoluteDeviation(around: median)
        if mad > 0 { return (median, 1.4826 * mad) }
        return (median, 1.253_314_137_315_500_3 * meanAbsoluteDeviation(from: median))
    }
}
