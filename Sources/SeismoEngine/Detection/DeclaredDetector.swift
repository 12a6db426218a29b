import SeismoDetect
import SeismoRules

/// One series' anomaly detector of any of the three kinds a `detectors:` declaration may name.
///
/// An enum rather than an `any AnomalyDetector`, so the per-sample call is a switch and the detector's state sits
/// inline in the stage's array, with no existential box or dynamic dispatch on the hot path.
enum DeclaredDetector {
    case zscore(ZScoreDetector)
    case ewma(EWMADetector)
    case robust(RobustDetector)
    /// Only while a payload is out being mutated, so its window storage is never copied (swift-nio's idiom).
    case modifying

    /// A fresh detector as the declaration describes it; every series bound to the declaration gets a copy.
    ///
    /// The rule-file reader already built each declared detector once to validate it, so a failure here is a
    /// programming error, not bad input.
    init(_ declaration: DetectorDeclaration) {
        do {
            switch declaration.kind {
            case .zscore(let window):
                self = .zscore(try ZScoreDetector(windowSize: window, policy: declaration.policy))
            case .ewma(let alpha):
                self = .ewma(try EWMADetector(alpha: alpha, policy: declaration.policy))
            case .robust(let window):
                self = .robust(try RobustDetector(windowSize: window, policy: declaration.policy))
            }
        } catch {
            preconditionFailure("detector \"\(declaration.name)\" was loaded with an invalid configuration: \(error)")
        }
    }

    /// Judges `value`, then learns from it (see `AnomalyDetector.observe`).
    mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        switch self {
        case .zscore(var detector):
            self = .modifying
            let verdict = detector.observe(value, at: time)
            self = .zscore(detector)
            return verdict
        case .ewma(var detector):
            self = .modifying
            let verdict = detector.observe(value, at: time)
            self = .ewma(detector)
            return verdict
        case .robust(var detector):
            self = .modifying
            let verdict = detector.observe(value, at: time)
            self = .robust(detector)
            return verdict
        case .modifying:
            preconditionFailure("DeclaredDetector re-entered while modifying its state")
        }
    }
}
