import SeismoCore
import SeismoDetect
import SeismoTestSupport
import Testing

/// Every detector against the slow reference, sample by sample, over streams with extreme values, constant runs
/// (zero spread) and level changes, under several policies.
@Suite struct DetectorDifferentialTests {
    static let policies: [DetectionPolicy] = [
        try! DetectionPolicy(threshold: 3, direction: .both, warmUp: 10, excludesAnomalies: true, relearnAfter: 5),
        try! DetectionPolicy(threshold: 2, direction: .above, warmUp: 2, excludesAnomalies: false, relearnAfter: nil),
        try! DetectionPolicy(threshold: 0.5, direction: .below, warmUp: 30, excludesAnomalies: true, relearnAfter: 1),
        try! DetectionPolicy(threshold: 10, direction: .both, warmUp: 5, excludesAnomalies: true, relearnAfter: nil),
    ]

    @Test(arguments: policies.indices)
    func zScoreMatchesReference(policy: Int) throws {
        let p = Self.policies[policy]
        var detector = try ZScoreDetector(windowSize: 30, policy: p)
        compare(&detector, ReferenceDetector(.zScore(window: 30), policy: p), seed: UInt64(policy))
    }

    @Test(arguments: policies.indices)
    func robustMatchesReference(policy: Int) throws {
        let p = Self.policies[policy]
        var detector = try RobustDetector(windowSize: 31, policy: p)
        compare(&detector, ReferenceDetector(.robust(window: 31), policy: p), seed: UInt64(policy) + 10)
    }

    @Test(arguments: policies.indices)
    func ewmaMatchesReference(policy: Int) throws {
        let p = Self.policies[policy]
        var detector = try EWMADetector(alpha: 0.2, policy: p)
        // An exponentially weighted mean is one rounded double: z is only relatively as precise as ulp(mean)/σ
        // (a few ulps of rounding, remembered for about 1/α samples), which the tolerance allows.
        compare(&detector, ReferenceDetector(.ewma(alpha: 0.2), policy: p), seed: UInt64(policy) + 20, count: 1500) {
            $0.standardDeviation > 0 ? 8 * $0.mean.ulp / (0.2 * $0.standardDeviation) : 0
        }
    }

    func compare<D: AnomalyDetector>(
        _ detector: inout D, _ reference: ReferenceDetector, seed: UInt64, count: Int = 3000,
        sourceLocation: SourceLocation = #_sourceLocation, slack: (Verdict) -> Double = { _ in 0 }  // relative
    ) {
        var reference = reference
        var anomalies = 0
        var relearns = 0
        for (i, x) in ExtremeStream(seed: seed, count: count).enumerated() {
            let verdict = detector.observe(x, at: Int64(i))
            let expected = reference.observe(x)
            let tolerance = verdict.isWarmingUp ? 0 : slack(verdict)
            let nearTie = abs(expected.watched - reference.policy.threshold)
                <= (1e-6 + tolerance) * reference.policy.threshold
            if nearTie, verdict.isAnomalous != expected.isAnomalous {
                // Rounding decided a tie differently; from here the baselines legitimately diverge.
                #expect(i >= count / 2, "tie at sample \(i) stops the comparison early", sourceLocation: sourceLocation)
                return
            }
            guard verdict.isWarmingUp == expected.isWarmingUp, verdict.isAnomalous == expected.isAnomalous,
                  verdict.relearned == expected.relearned, close(verdict.z, expected.z, slack: tolerance)
            else {
                Issue.record("sample \(i) (\(x)): got z \(verdict.z) \(verdict), expected \(expected)",
                             sourceLocation: sourceLocation)
                return
            }
            anomalies += verdict.isAnomalous ? 1 : 0
            relearns += verdict.relearned ? 1 : 0
            #expect(verdict.score >= 0 && verdict.score <= 1, sourceLocation: sourceLocation)
        }
        // The stream must have exercised what it is meant to.
        #expect(anomalies > 10, sourceLocation: sourceLocation)
        if reference.policy.relearnAfter != nil { #expect(relearns > 0, sourceLocation: sourceLocation) }
    }

    func close(_ a: Double, _ b: Double, slack: Double) -> Bool {
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= (1e-7 + slack) * max(1, abs(b))
    }
}
