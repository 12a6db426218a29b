import SeismoCore
import SeismoDetect
import SeismoTestSupport
import Testing

@Suite struct DetectorBankTests {
    /// Interleaved series get exactly the verdicts separate detectors would give.
    @Test func seriesAreJudgedIndependently() throws {
        let prototype = try ZScoreDetector(windowSize: 30)
        var bank = DetectorBank(prototype: prototype)
        var separate = [prototype, prototype, prototype]
        var rng = SplitMix64(seed: 11)
        let levels = [10.0, 1e9, -5e-3]
        for t in 0..<3000 {
            let s = Int.random(in: 0..<3, using: &rng)
            var value = levels[s] * (1 + 0.01 * rng.nextGaussian())
            if t % 101 == 0 { value *= 3 }
            let sample = Sample(series: SeriesID(UInt32(s * 4)), timestamp: Int64(t), value: value)
            let verdict = bank.observe(sample)
            #expect(verdict == separate[s].observe(value, at: Int64(t)), "sample \(t) of series \(s)")
        }
        #expect(bank.seriesCount == 9)
        #expect(bank[SeriesID(4)]?.window.count == 30)
        #expect(bank[SeriesID(5)]?.window.count == 0, "slots between seen series start as the prototype")
        #expect(bank[SeriesID(9)] == nil)
    }

    @Test func resetForgetsWhatASeriesLearnt() throws {
        var bank = DetectorBank(prototype: try EWMADetector(policy: DetectionPolicy(warmUp: 3)))
        let id = SeriesID(2)
        for t in 0..<5 { _ = bank.observe(Sample(series: id, timestamp: Int64(t), value: Double(t))) }
        #expect(!bank.observe(Sample(series: id, timestamp: 5, value: 4)).isWarmingUp)
        bank.reset(id)
        #expect(bank[id]?.count == 0)
        #expect(bank.observe(Sample(series: id, timestamp: 6, value: 4)).isWarmingUp)
    }
}
