import SeismoCore
import SeismoDetect
import SeismoTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `EnsembleDetector` against its slow reference, and the behaviour its design is for: seasonal and wandering
/// series without false alarms, spikes and shifts on them found. The shared behaviours (warm-up, direction,
/// re-learning, invariance) run for it in `DetectorBehaviourTests`.
@Suite struct EnsembleDetectorTests {
    @Test(arguments: DetectorDifferentialTests.policies.indices)
    func matchesReference(policy: Int) throws {
        let p = DetectorDifferentialTests.policies[policy]
        var detector = try EnsembleDetector(windowSize: 40, halfLife: 3, policy: p)
        var reference = try EnsembleReference(window: 40, halfLife: 3, trendWeight: 0.1, policy: p)
        var anomalies = 0
        var relearns = 0
        for (i, x) in ExtremeStream(seed: UInt64(policy) + 40, count: 3000).enumerated() {
            let verdict = detector.observe(x, at: Int64(i))
            let expected = reference.observe(x)
            let nearTie = abs(expected.watched - p.threshold) <= 1e-6 * p.threshold
            if nearTie, verdict.isAnomalous != expected.isAnomalous {
                #expect(i >= 1500, "tie at sample \(i) stops the comparison early")
                return
            }
            let zClose = verdict.z.isInfinite || expected.z.isInfinite
                ? verdict.z == expected.z : abs(verdict.z - expected.z) <= 1e-7 * max(1, abs(expected.z))
            guard verdict.isWarmingUp == expected.isWarmingUp, verdict.isAnomalous == expected.isAnomalous,
                  verdict.relearned == expected.relearned, zClose
            else {
                Issue.record("sample \(i) (\(x)): got z \(verdict.z) \(verdict), expected \(expected)")
                return
            }
            anomalies += verdict.isAnomalous ? 1 : 0
            relearns += verdict.relearned ? 1 : 0
        }
        #expect(anomalies > 10)
        if p.relearnAfter != nil { #expect(relearns > 0) }
    }

    /// A daily cycle ten times the noise, sampled 288 times a period, with spikes of 8 noise deviations: a window's
    /// median lags the cycle and flags its slopes, the ensemble's forecast follows it.
    @Test func followsACycleAndStillFindsSpikes() throws {
        var rng = SplitMix64(seed: 5)
        var values: [Double] = []
        var spikes: Set<Int> = []
        for k in 0..<6000 {
            var x = 100 + 10 * sin(2 * Double.pi * Double(k) / 288) + rng.nextGaussian()
            if k > 600, k % 500 == 0 {
                x += 8
                spikes.insert(k)
            }
            values.append(x)
        }
        var ensemble = try EnsembleDetector()
        var robust = try RobustDetector(windowSize: 100)
        var ensembleFalse = 0
        var robustFalse = 0
        var found = 0
        for (k, x) in values.enumerated() {
            let verdict = ensemble.observe(x, at: Int64(k))
            let robustVerdict = robust.observe(x, at: Int64(k))
            guard k >= 600 else { continue }
            if spikes.contains(k) {
                found += verdict.isAnomalous ? 1 : 0
                #expect(verdict.alertScore(threshold: ensemble.policy.threshold) > 0.5)
            } else {
                ensembleFalse += verdict.isAnomalous ? 1 : 0
                robustFalse += robustVerdict.isAnomalous ? 1 : 0
            }
        }
        #expect(found == spikes.count)
        #expect(ensembleFalse <= 5, "false alarms on a clean cycle: \(ensembleFalse)")
        #expect(robustFalse > 10 * max(1, ensembleFalse), "the comparison should show the lag: robust \(robustFalse)")
    }

    @Test func alertScoreIsHalfAtTheThreshold() {
        func score(_ z: Double, _ direction: AnomalyDirection = .both) -> Double {
            Verdict(isAnomalous: false, direction: direction, z: z, mean: 0, standardDeviation: 1).alertScore(threshold: 4)
        }
        #expect(score(0) == 0)
        #expect(score(4) == 0.5)
        #expect(score(-8) == 0.8)
        #expect(abs(score(2) - 0.2) < 1e-15)
        #expect(score(.infinity) == 1 && score(-.infinity) == 1)
        #expect(score(5, .below) == 0)
        #expect(Verdict.warmingUp(mean: 3, standardDeviation: 1).alertScore(threshold: 3) == 0)
    }

    @Test func forecastFollowsARampAndAFlatLineHasNoSpread() throws {
        var detector = try EnsembleDetector(windowSize: 50, policy: DetectionPolicy(warmUp: 5))
        for k in 0..<10 { _ = detector.observe(7, at: Int64(k)) }
        #expect(detector.baseline == (7, 0))
        #expect(detector.observe(7, at: 10).z == 0)
        #expect(detector.windowSize == 50)
        #expect(detector.errors.count == 10, "the first value had no forecast")

        var ramp = try EnsembleDetector(windowSize: 50, policy: DetectionPolicy(warmUp: 5))
        for k in 0..<200 {
            let verdict = ramp.observe(Double(k), at: Int64(k))
            #expect(!verdict.isAnomalous, "a steady ramp is not anomalous (sample \(k))")
        }
        #expect(abs(ramp.forecast - 200) < 0.01, "forecast \(ramp.forecast)")
    }
}
