import SeismoDetect
import SeismoRules

/// One series' anomaly detector of any of the three kinds a `detectors:` declaration may name.
///
/// Concrete detectors rather than an `any AnomalyDetector`, so the per-sample call is a branch and the detector's
/// state sits inline in the stage's array, with no existential box or dynamic dispatch on the hot path. Exactly one
/// of the three is set: optionals rather than an enum's payloads, because `zscore!.observe(…)` mutates in place,
/// where taking a payload out of an enum and putting it back copies it (a retain and a release of each of its
/// window arrays on every sample).
struct DeclaredDetector {
    private var zscore: ZScoreDetector?
    private var ewma: EWMADetector?
    private var robust: RobustDetector?

    /// A fresh detector as the declaration describes it; every series bound to the declaration gets a copy.
    ///
    /// The rule-file reader already built each declared detector once to validate it, so a failure here is a
    /// programming error, not bad input.
    init(_ declaration: DetectorDeclaration) {
        do {
            switch declaration.kind {
            case .zscore(let window):
                zscore = try ZScoreDetector(windowSize: window, policy: declaration.policy)
            case .ewma(let alpha):
                ewma = try EWMADetector(alpha: alpha, policy: declaration.policy)
            case .robust(let window):
                robust = try RobustDetector(windowSize: window, policy: declaration.policy)
            }
        } catch {
            preconditionFailure("detector \"\(declaration.name)\" was loaded with an invalid configuration: \(error)")
        }
    }

    /// Judges `value`, then learns from it (see `AnomalyDetector.observe`).
    mutating func observe(_ value: Double, at time: Int64) -> Verdict {
        if zscore != nil { return zscore!.observe(value, at: time) }
        if robust != nil { return robust!.observe(value, at: time) }
        return ewma!.observe(value, at: time)
    }
}
