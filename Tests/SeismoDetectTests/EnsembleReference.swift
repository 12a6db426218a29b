import SeismoDetect

/// `EnsembleDetector`'s slow reference: keeps every forecast error learnt since the last restart and recomputes
/// the robust error scale from the whole window for each sample, following the documented rules. The forecast is
/// Holt's recurrence itself, so forecast errors match bit for bit and the comparison checks the window, the
/// judging, the exclusion and the restarts.
struct EnsembleReference {
    let window: Int
    let alpha: Double
    let policy: DetectionPolicy
    let beta: Double
    private var errors: [Double] = []
    private var smoothed = 0.0
    private var slope = 0.0
    private var forecastCount = 0
    private var run = 0
    private var runAbove = false

    init(window: Int, halfLife: Double, trendWeight: Double, policy: DetectionPolicy) throws {
        self.window = window
        alpha = try EWMADetector(halfLife: halfLife).alpha
        beta = trendWeight
        self.policy = policy
    }

    struct Judgement: CustomStringConvertible {
        var isWarmingUp = false
        var isAnomalous = false
        var relearned = false
        var z = 0.0
        var watched = 0.0
        var description: String { "warm-up \(isWarmingUp) anomalous \(isAnomalous) relearned \(relearned) z \(z)" }
    }

    mutating func observe(_ x: Double) -> Judgement {
        let error = x - (smoothed + slope)
        guard forecastCount >= policy.warmUp else {
            learn(x, error: error)
            return Judgement(isWarmingUp: true)
        }
        let recent = Array(errors.suffix(window))
        let median = ReferenceStatistics.median(recent)
        let absolute = recent.map { abs($0 - median) }
        let mad = ReferenceStatistics.median(absolute)
        let spread = mad > 0 ? 1.4826 * mad : 1.253_314_137_315_500_3 * ReferenceStatistics.sum(absolute) / Double(recent.count)
        let z = Self.z(error - median, spread)
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
            errors = []
            smoothed = 0
            slope = 0
            forecastCount = 0
            learn(x, error: 0)
        } else if !anomalous || !policy.excludesAnomalies {
            learn(x, error: error)
        }
        return Judgement(isAnomalous: anomalous, relearned: relearned, z: z, watched: watched)
    }

    private mutating func learn(_ x: Double, error: Double) {
        if forecastCount == 0 {
            smoothed = x
        } else {
            errors.append(error)
            smoothed = smoothed + slope + alpha * error
            slope = slope + alpha * beta * error
        }
        forecastCount += 1
    }

    static func z(_ deviation: Double, _ spread: Double) -> Double {
        spread > 0 ? deviation / spread : (deviation == 0 ? 0 : (deviation > 0 ? .infinity : -.infinity))
    }
}
