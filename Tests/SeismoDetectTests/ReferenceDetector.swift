import SeismoDetect

/// The detectors' slow reference: keeps every learnt value since the last re-learn and recomputes the baseline
/// from scratch for each sample, following the documented rules (judge, then learn unless excluded; re-learn after
/// a run of anomalies on one side).
struct ReferenceDetector {
    enum Kind {
        case zScore(window: Int)
        case robust(window: Int)
        case ewma(alpha: Double)
    }

    struct Judgement: CustomStringConvertible {
        var isWarmingUp: Bool
        var isAnomalous: Bool
        var relearned: Bool
        var z: Double
        var watched: Double
        var description: String { "warm-up \(isWarmingUp) anomalous \(isAnomalous) relearned \(relearned) z \(z)" }
    }

    let kind: Kind
    let policy: DetectionPolicy
    private(set) var learnt: [Double] = []
    private var run = 0
    private var runAbove = false

    init(_ kind: Kind, policy: DetectionPolicy) {
        self.kind = kind
        self.policy = policy
    }

    /// Baseline level, spread, and the deviation of `x` from the level.
    func baseline(for x: Double) -> (level: Double, spread: Double, deviation: Double) {
        switch kind {
        case .zScore(let window):
            let w = Array(learnt.suffix(window))
            return (ReferenceStatistics.mean(w), ReferenceStatistics.variance(w).squareRoot(),
                    ReferenceStatistics.deviation(of: x, from: w))
        case .robust(let window):
            let w = Array(learnt.suffix(window))
            let median = ReferenceStatistics.median(w)
            let absolute = w.map { abs($0 - median) }
            let mad = ReferenceStatistics.median(absolute)
            let spread = mad > 0 ? 1.4826 * mad : 1.253_314_137_315_500_3 * ReferenceStatistics.sum(absolute) / Double(w.count)
            return (median, spread, x - median)
        case .ewma(let alpha):
            let seed = Array(learnt.prefix(policy.warmUp))
            var mean = ReferenceStatistics.mean(seed)
            var variance = ReferenceStatistics.variance(seed)
            for y in learnt.dropFirst(policy.warmUp) {
                let delta = y - mean
                mean += alpha * delta
                variance = (1 - alpha) * (variance + alpha * delta * delta)
            }
            return (mean, variance.squareRoot(), x - mean)
        }
    }

    mutating func observe(_ x: Double) -> Judgement {
        guard learnt.count >= policy.warmUp, !isRestartingWindow else {
            learnt.append(x)
            return Judgement(isWarmingUp: true, isAnomalous: false, relearned: false, z: 0, watched: 0)
        }
        let (_, spread, deviation) = baseline(for: x)
        let z = spread > 0 ? deviation / spread : (deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity))
        let watched = switch policy.direction {
        case .above: z
        case .below: -z
        case .both: abs(z)
        }
        let anomalous = watched > policy.threshold
        var relearned = false
        if anomalous {
            if run > 0, (z > 0) == runAbove { run += 1 } else { run = 1; runAbove = z > 0 }
            if let limit = policy.relearnAfter, run >= limit {
                run = 0
                relearned = true
            }
        } else {
            run = 0
        }
        if relearned {
            learnt = [x]
        } else if !anomalous || !policy.excludesAnomalies {
            learnt.append(x)
        }
        return Judgement(isWarmingUp: false, isAnomalous: anomalous, relearned: relearned, z: z, watched: watched)
    }

    /// Window detectors count warm-up in window samples; a window never holds more than its size, which is at
    /// least the warm-up, so only the count matters.
    private var isRestartingWindow: Bool { false }
}
