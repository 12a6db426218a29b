/// How often each kind of anomaly is injected, and how long the windowed ones last.
///
/// Rates are expected occurrences per 1,000 samples of a series the kind applies to (see
/// `InjectedAnomaly.Kind.applies(to:)`); 0 disables a kind. The schedule is a seeded Poisson process per series,
/// with `warmup` clean samples first and at least `cooldown` clean samples between two anomalies of one series.
public struct AnomalyPlan: Sendable, Equatable {
    public var spikeRate: Double
    public var levelShiftRate: Double
    public var varianceChangeRate: Double
    public var trendChangeRate: Double
    public var errorBurstRate: Double
    /// Length in samples of level shifts, variance changes, trend changes and error bursts. Spikes are one sample.
    public var duration: ClosedRange<Int>
    /// Clean samples at the start of every series, so detectors can learn the baseline.
    public var warmup: Int
    /// Clean samples after each anomaly before the next one of the same series may start.
    public var cooldown: Int

    public init(
        spikeRate: Double = 0.5,
        levelShiftRate: Double = 0.1,
        varianceChangeRate: Double = 0.1,
        trendChangeRate: Double = 0.05,
        errorBurstRate: Double = 0.2,
        duration: ClosedRange<Int> = 20...120,
        warmup: Int = 200,
        cooldown: Int = 100
    ) {
        precondition(duration.lowerBound >= 1, "AnomalyPlan: anomalies last at least one sample")
        precondition(warmup >= 0 && cooldown >= 0, "AnomalyPlan: warmup and cooldown cannot be negative")
        self.spikeRate = spikeRate
        self.levelShiftRate = levelShiftRate
        self.varianceChangeRate = varianceChangeRate
        self.trendChangeRate = trendChangeRate
        self.errorBurstRate = errorBurstRate
        self.duration = duration
        self.warmup = warmup
        self.cooldown = cooldown
    }

    /// No anomalies at all: a clean baseline.
    public static let none = AnomalyPlan(
        spikeRate: 0, levelShiftRate: 0, varianceChangeRate: 0, trendChangeRate: 0, errorBurstRate: 0
    )

    /// The rate of `kind`, per 1,000 samples.
    public func rate(of kind: InjectedAnomaly.Kind) -> Double {
        switch kind {
        case .spike: spikeRate
        case .levelShift: levelShiftRate
        case .varianceChange: varianceChangeRate
        case .trendChange: trendChangeRate
        case .errorBurst: errorBurstRate
        }
    }
}
