import SeismoCore
import SeismoDetect
import SeismoTestSupport
import Testing

/// The three detectors behind one constructor, so each behaviour is checked for all of them.
enum DetectorKind: String, CaseIterable, CustomTestStringConvertible {
    case zScore, ewma, robust, ensemble

    var testDescription: String { rawValue }

    func make(window: Int = 20, _ policy: DetectionPolicy) throws -> any AnomalyDetector {
        switch self {
        case .zScore: try ZScoreDetector(windowSize: window, policy: policy)
        case .ewma: try EWMADetector(alpha: 0.1, policy: policy)
        case .robust: try RobustDetector(windowSize: window, policy: policy)
        case .ensemble: try EnsembleDetector(windowSize: window, halfLife: 5, policy: policy)
        }
    }
}

/// Feeds values with timestamps 0, 1, 2, ... and returns the verdicts.
func run(_ detector: inout some AnomalyDetector, _ values: [Double]) -> [Verdict] {
    values.enumerated().map { detector.observe($0.element, at: Int64($0.offset)) }
}

/// 9, 11, 9, 11, ...: mean 10, standard deviation ≈ 1, exactly reproducible.
func alternating(_ count: Int, around level: Double = 10) -> [Double] {
    (0..<count).map { level + ($0 % 2 == 0 ? -1 : 1) }
}

@Suite struct DetectorBehaviourTests {
    func policy(
        k: Double = 3, direction: AnomalyDirection = .both, warmUp: Int = 20, exclude: Bool = true,
        relearnAfter: Int? = 5
    ) -> DetectionPolicy {
        try! DetectionPolicy(
            threshold: k, direction: direction, warmUp: warmUp, excludesAnomalies: exclude, relearnAfter: relearnAfter
        )
    }

    // MARK: Invariance

    /// A noisy series with spikes and a level shift, to run the invariance properties on.
    static func noisySeries(seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<600).map { i in
            var x = 50 + 5 * rng.nextGaussian()
            if i % 97 == 50 { x += 60 }
            if i >= 400 { x += 200 }
            return x
        }
    }

    @Test(arguments: DetectorKind.allCases, [1e6, -3_700.25, 1e-3])
    func addingAConstantLeavesZScoresUnchanged(kind: DetectorKind, offset: Double) throws {
        var plain = try kind.make(policy())
        var shifted = try kind.make(policy())
        let series = Self.noisySeries(seed: 1)
        expectSameJudgements(run(&plain, series), run(&shifted, series.map { $0 + offset }), tolerance: 1e-8)
    }

    @Test(arguments: DetectorKind.allCases, [1e-6, 3.3, 1e9])
    func scalingLeavesZScoresUnchanged(kind: DetectorKind, factor: Double) throws {
        var plain = try kind.make(policy())
        var scaled = try kind.make(policy())
        let series = Self.noisySeries(seed: 2)
        expectSameJudgements(run(&plain, series), run(&scaled, series.map { $0 * factor }), tolerance: 1e-9)
    }

    func expectSameJudgements(
        _ a: [Verdict], _ b: [Verdict], tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(a.filter(\.isAnomalous).count >= 5, "the series should hold anomalies", sourceLocation: sourceLocation)
        for (i, (x, y)) in zip(a, b).enumerated() {
            #expect(x.isAnomalous == y.isAnomalous && x.isWarmingUp == y.isWarmingUp && x.relearned == y.relearned,
                    "sample \(i)", sourceLocation: sourceLocation)
            #expect(abs(x.z - y.z) <= tolerance * max(1, abs(x.z)), "sample \(i): z \(x.z) vs \(y.z)",
                    sourceLocation: sourceLocation)
        }
    }

    // MARK: Policy

    @Test(arguments: DetectorKind.allCases)
    func noVerdictDuringWarmUp(kind: DetectorKind) throws {
        var detector = try kind.make(policy(warmUp: 6))
        let verdicts = run(&detector, [1, 2, 3, 4, 5, 6, 1000])
        #expect(verdicts.prefix(6).allSatisfy { $0.isWarmingUp && !$0.isAnomalous && $0.score == 0 })
        #expect(!verdicts[6].isWarmingUp && verdicts[6].isAnomalous)
    }

    @Test(arguments: DetectorKind.allCases)
    func directionSelectsWhichDeviationsCount(kind: DetectorKind) throws {
        let values = alternating(20) + [30, 10, -10]
        var above = try kind.make(policy(direction: .above))
        var below = try kind.make(policy(direction: .below))
        var both = try kind.make(policy(direction: .both))
        let a = run(&above, values).suffix(3).map(\.isAnomalous)
        let b = run(&below, values).suffix(3).map(\.isAnomalous)
        let c = run(&both, values).suffix(3)
        #expect(a == [true, false, false])
        #expect(b == [false, false, true])
        #expect(c.map(\.isAnomalous) == [true, false, true])
        #expect(c.last!.z < -3)
        var aboveAgain = try kind.make(policy(direction: .above))
        #expect(run(&aboveAgain, values).last!.score == 0, "a drop scores 0 when only rises are watched")
    }

    /// A spike kept in a short window widens σ enough to hide a smaller spike after it; exclusion prevents that.
    @Test(arguments: [DetectorKind.zScore, .ewma])
    func excludingAnomaliesKeepsOneSpikeFromMaskingTheNext(kind: DetectorKind) throws {
        let values = alternating(20) + [40, 9, 11, 9, 22]
        var excluding = try kind.make(policy(exclude: true))
        var including = try kind.make(policy(exclude: false))
        let withExclusion = run(&excluding, values)
        let without = run(&including, values)
        #expect(withExclusion[20].isAnomalous && without[20].isAnomalous)
        #expect(withExclusion[24].isAnomalous)
        #expect(!without[24].isAnomalous, "z \(without[24].z)")
    }

    @Test func robustBaselineIgnoresSpikesEvenWhenTheyAreLearnt() throws {
        var detector = try RobustDetector(windowSize: 20, policy: policy(exclude: false))
        let verdicts = run(&detector, alternating(20) + [40, 9, 11, 9, 22])
        #expect(verdicts[24].isAnomalous)
        #expect(verdicts[24].mean == 10)
    }

    @Test(arguments: DetectorKind.allCases)
    func relearnsAfterALevelShift(kind: DetectorKind) throws {
        var detector = try kind.make(policy(warmUp: 10, relearnAfter: 5))
        let verdicts = run(&detector, alternating(30) + alternating(40, around: 100))
        let after = Array(verdicts[30...])
        #expect(after.prefix(5).allSatisfy { $0.isAnomalous })
        #expect(after.prefix(5).map(\.relearned) == [false, false, false, false, true])
        // The window restarted from the fifth sample at the new level: nine more samples of warm-up.
        #expect(after[5..<14].allSatisfy { $0.isWarmingUp })
        #expect(after[14...].allSatisfy { !$0.isWarmingUp && !$0.isAnomalous })
        #expect(abs(after.last!.mean - 100) < 1)
    }

    @Test(arguments: DetectorKind.allCases)
    func withoutRelearningAnExcludedShiftStaysAnomalous(kind: DetectorKind) throws {
        var detector = try kind.make(policy(warmUp: 10, relearnAfter: nil))
        let verdicts = run(&detector, alternating(30) + alternating(40, around: 100))
        #expect(verdicts[30...].allSatisfy { $0.isAnomalous && !$0.relearned })
    }

    @Test(arguments: DetectorKind.allCases)
    func anomaliesOnAlternatingSidesAreSpikesNotAShift(kind: DetectorKind) throws {
        var detector = try kind.make(policy(relearnAfter: 2))
        let verdicts = run(&detector, alternating(20) + [50, -30, 50, -30, 50])
        #expect(verdicts.suffix(5).allSatisfy { $0.isAnomalous && !$0.relearned })
    }

    /// A perfectly flat baseline: the same value is normal, any other is infinitely many deviations away.
    @Test(arguments: DetectorKind.allCases)
    func zeroSpreadBaseline(kind: DetectorKind) throws {
        var detector = try kind.make(policy(warmUp: 10))
        let verdicts = run(&detector, Array(repeating: 5, count: 10) + [5, 5.000001, 4.9])
        #expect(verdicts[10].z == 0 && !verdicts[10].isAnomalous && verdicts[10].score == 0)
        #expect(verdicts[11].z == .infinity && verdicts[11].isAnomalous && verdicts[11].score == 1)
        #expect(verdicts[12].z == -.infinity && verdicts[12].isAnomalous)
        #expect(verdicts[11].standardDeviation == 0 && verdicts[11].mean == 5)
    }

    @Test func scoreIsOneMinusTheTwoSidedTailProbability() {
        func score(_ z: Double, _ direction: AnomalyDirection = .both) -> Double {
            Verdict(isAnomalous: false, direction: direction, z: z, mean: 0, standardDeviation: 1).score
        }
        #expect(score(0) == 0)
        #expect(abs(score(1) - 0.682_689_492_137_086) < 1e-12)
        #expect(abs(score(-3) - 0.997_300_203_936_740) < 1e-12)
        #expect(score(9) == 1)
        #expect(score(-3, .above) == 0 && score(3, .below) == 0)
        #expect(abs(score(-2, .below) - 0.954_499_736_103_642) < 1e-12)
    }

    // MARK: Validation

    @Test(arguments: [0.0, 0.09, 10.01, -1, .nan, .infinity])
    func thresholdOutsideRangeIsRejected(k: Double) {
        #expect(throws: DetectorConfigurationError.self) { try DetectionPolicy(threshold: k) }
    }

    @Test(arguments: [0.1, 3, 10])
    func thresholdInRangeIsAccepted(k: Double) throws {
        #expect(try DetectionPolicy(threshold: k).threshold == k)
    }

    @Test func invalidParametersNameTheParameter() {
        func parameter(_ body: () throws -> Void) -> String? {
            do { try body() } catch { return (error as? DetectorConfigurationError)?.parameter ?? "\(error)" }
            return nil
        }
        #expect(parameter { _ = try DetectionPolicy(threshold: 11) } == "k")
        #expect(parameter { _ = try DetectionPolicy(warmUp: 1) } == "warm-up")
        #expect(parameter { _ = try DetectionPolicy(relearnAfter: 0) } == "relearn-after")
        #expect(parameter { _ = try ZScoreDetector(windowSize: 1) } == "window")
        #expect(parameter { _ = try ZScoreDetector(windowSize: 10) } == "warm-up")  // default warm-up is 20
        #expect(parameter { _ = try RobustDetector(windowSize: 2_000_000) } == "window")
        #expect(parameter { _ = try EWMADetector(alpha: 1) } == "alpha")
        #expect(parameter { _ = try EWMADetector(alpha: 0) } == "alpha")
        #expect(parameter { _ = try EWMADetector(halfLife: 0) } == "half-life")
        #expect(parameter { _ = try ZScoreDetector(windowSize: 100) } == nil)
    }

    // MARK: Detector specifics

    @Test func ewmaSeedsExactlyThenWeightsExponentially() throws {
        var detector = try EWMADetector(alpha: 0.25, policy: policy(warmUp: 4))
        _ = run(&detector, [2, 4, 6, 8])
        #expect(detector.mean == 5)
        #expect(abs(detector.variance - 20.0 / 3) < 1e-12)
        _ = detector.observe(7, at: 4)
        #expect(detector.mean == 5.5)  // 5 + 0.25 · 2
        #expect(abs(detector.variance - 0.75 * (20.0 / 3 + 0.25 * 4)) < 1e-12)
        #expect(try EWMADetector(halfLife: 1).alpha == 0.5)
    }

    @Test func robustFallsBackToMeanAbsoluteDeviationWhenMostValuesAreEqual() throws {
        var detector = try RobustDetector(windowSize: 20, policy: policy(warmUp: 20))
        _ = run(&detector, Array(repeating: 10, count: 15) + Array(repeating: 20, count: 5))
        let (median, spread) = detector.baseline
        #expect(median == 10)
        #expect(abs(spread - 1.253_314_137_315_500_3 * 2.5) < 1e-12)
        let verdict = detector.observe(12, at: 20)
        #expect(!verdict.isAnomalous && abs(verdict.z - 2 / spread) < 1e-12)
    }

    @Test func robustSpreadIsScaledMAD() throws {
        var detector = try RobustDetector(windowSize: 5, policy: policy(warmUp: 5))
        _ = run(&detector, [1, 2, 3, 4, 100])
        let (median, spread) = detector.baseline
        #expect(median == 3)
        #expect(spread == 1.4826)  // |x − 3| = 2, 1, 0, 1, 97: MAD 1
    }
}
