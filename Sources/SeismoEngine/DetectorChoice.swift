import Foundation
import SeismoDetect

/// Which detector `seismo score` runs on every series (`--detector`).
public enum DetectorChoice: String, CaseIterable, Sendable {
    /// The general-purpose default: `ensemble`.
    case auto
    /// `EnsembleDetector`: EWMA forecast, robust scale of its errors, level safety net.
    case ensemble
    /// `ZScoreDetector`: mean and standard deviation of the last N samples.
    case zscore
    /// `EWMADetector`: exponentially weighted mean and variance.
    case ewma
    /// `RobustDetector`: median and MAD of the last N samples.
    case robust
}

/// The detector parameters a command line may set; nil keeps the chosen detector's default.
public struct DetectorParameters: Sendable, Equatable {
    /// Samples in the window (zscore, robust, ensemble). Defaults: 100, or 300 for the ensemble.
    public var window: Int?
    /// k (0.1 to 10). Defaults: 3, or 4.5 for the ensemble.
    public var sensitivity: Double?
    public var direction: AnomalyDirection = .both
    /// Samples learnt before the first verdict (default 20).
    public var warmUp: Int?
    /// EWMA weight of the newest sample; exclusive with `halfLife`.
    public var alpha: Double?
    /// Samples over which EWMA weights halve (ewma and ensemble; default 10 for both).
    public var halfLife: Double?
    /// Consecutive anomalies on one side before the baseline restarts (default 5); `.max` never restarts.
    public var relearnAfter: Int?
    /// Learn from anomalous samples too (by default they are kept out of the baseline).
    public var keepAnomalies = false

    public init() {}
}

/// A detector of any supported kind, built from a choice and its parameters, as a value the scorer can switch on
/// once and then run specialized.
public enum ConfiguredDetector: Sendable {
    case ensemble(EnsembleDetector)
    case zscore(ZScoreDetector)
    case ewma(EWMADetector)
    case robust(RobustDetector)

    /// - Throws: `DetectorConfigurationError` naming the parameter that is out of range (as the command line spells
    ///   it: `window`, `k`, `warm-up`, `alpha`, `half-life`, `relearn-after`), or one that the detector does not take.
    public init(_ choice: DetectorChoice, _ parameters: DetectorParameters) throws(DetectorConfigurationError) {
        let p = parameters
        let ensemble = choice == .auto || choice == .ensemble
        if p.window != nil, choice == .ewma {
            throw DetectorConfigurationError(parameter: "window", message: "the ewma detector has no window (use --half-life or --alpha)")
        }
        if p.alpha != nil || p.halfLife != nil, choice == .zscore || choice == .robust {
            throw DetectorConfigurationError(parameter: p.alpha != nil ? "alpha" : "half-life", message: "only the ewma and ensemble detectors take it")
        }
        if p.alpha != nil, p.halfLife != nil {
            throw DetectorConfigurationError(parameter: "alpha", message: "give --alpha or --half-life, not both")
        }
        let policy = try DetectionPolicy(
            threshold: p.sensitivity ?? (ensemble ? EnsembleDetector.defaultPolicy.threshold : 3),
            direction: p.direction, warmUp: p.warmUp ?? 20, excludesAnomalies: !p.keepAnomalies,
            relearnAfter: p.relearnAfter == .max ? nil : p.relearnAfter ?? 5
        )
        switch choice {
        case .auto, .ensemble:
            var halfLife = p.halfLife ?? 10
            if let alpha = p.alpha {
                guard alpha > 0, alpha < 1 else {
                    throw DetectorConfigurationError(parameter: "alpha", message: "must be between 0 and 1 (exclusive), got \(alpha)")
                }
                halfLife = -1 / log2(1 - alpha)  // α = 1 − 2^(−1/halfLife)
            }
            self = .ensemble(try EnsembleDetector(windowSize: p.window ?? 300, halfLife: halfLife, policy: policy))
        case .zscore: self = .zscore(try ZScoreDetector(windowSize: p.window ?? 100, policy: policy))
        case .robust: self = .robust(try RobustDetector(windowSize: p.window ?? 100, policy: policy))
        case .ewma:
            if let alpha = p.alpha {
                self = .ewma(try EWMADetector(alpha: alpha, policy: policy))
            } else {
                self = .ewma(try EWMADetector(halfLife: p.halfLife ?? 10, policy: policy))
            }
        }
    }

    /// The detector's k, which `Verdict.alertScore(threshold:)` is calibrated to.
    public var threshold: Double {
        switch self {
        case .ensemble(let d): d.policy.threshold
        case .zscore(let d): d.policy.threshold
        case .ewma(let d): d.policy.threshold
        case .robust(let d): d.policy.threshold
        }
    }
}
