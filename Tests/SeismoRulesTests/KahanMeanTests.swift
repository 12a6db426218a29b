import SeismoCore
@testable import SeismoRules
import Testing

/// `KahanMean.mean(count:_:)`, the whole-window mean `avg_over_time` uses, against adding the values one at a time:
/// the same bits whatever the values, overflow, infinities and NaN included.
@Suite struct KahanMeanTests {
    /// One value at a time through `add`, the reference.
    private func reference(_ values: [Double]) -> Double {
        var mean = KahanMean(first: values[0])
        for value in values.dropFirst() { mean.add(value) }
        return mean.value
    }

    private func expectSameBits(_ values: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = KahanMean.mean(count: values.count) { values[$0] }
        let slow = reference(values)
        #expect(
            fast.bitPattern == slow.bitPattern || (fast.isNaN && slow.isNaN),
            "mean of \(values): \(fast) against \(slow)", sourceLocation: sourceLocation)
    }

    @Test func randomWindowsGiveTheSameBits() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<2_000 {
            let count = Int.random(in: 1...120, using: &random)
            // Magnitudes from tiny to huge, mixed signs: where compensation matters and which side is larger changes.
            let scale = [1e-9, 1, 1e3, 1e15, 1e300].randomElement(using: &random)!
            let values = (0..<count).map { _ in scale * random.nextGaussian() }
            expectSameBits(values)
        }
    }

    @Test func overflowSwitchesToTheIncrementalMeanAsAddDoes() {
        expectSameBits([1e308, 1e308, 1e308])
        expectSameBits([1e308, 1e308, -1e308, 5])
        expectSameBits([-1.7e308, -1.7e308, 3, 1e308, 1e308])
        var random = SplitMix64(seed: 12)
        for _ in 0..<200 {
            let values = (0..<Int.random(in: 2...60, using: &random)).map { _ in 1.5e308 * random.nextGaussian() }
            expectSameBits(values)
        }
    }

    @Test func infinitiesAndNaN() {
        expectSameBits([.infinity])
        expectSameBits([1, .infinity, 2])
        expectSameBits([.infinity, -.infinity])
        expectSameBits([-.infinity, 4, -.infinity])
        expectSameBits([.nan, 3, 1])
        expectSameBits([3, 1, .nan])
        expectSameBits([7])
        expectSameBits([0.1, 0.2, 0.3])
    }
}
