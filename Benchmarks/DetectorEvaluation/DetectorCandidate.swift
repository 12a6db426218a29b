import SeismoDetect

/// A named detector configuration to evaluate, with the threshold its `alertScore` is calibrated to.
struct DetectorCandidate {
    var name: String
    var threshold: Double
    var make: () throws -> any AnomalyDetector

    /// Each detector at its defaults (k = 3, both directions, warm-up 20, anomalies excluded, re-learn after 5).
    static var standard: [DetectorCandidate] {
        [
            DetectorCandidate(name: "zscore (window 100)", threshold: 3) { try ZScoreDetector(windowSize: 100) },
            DetectorCandidate(name: "ewma (half-life 10)", threshold: 3) { try EWMADetector(halfLife: 10) },
            DetectorCandidate(name: "robust (window 100)", threshold: 3) { try RobustDetector(windowSize: 100) },
            DetectorCandidate(name: "ensemble (window 300, half-life 10, k 4.5)", threshold: 4.5) { try EnsembleDetector() },
        ]
    }
}
