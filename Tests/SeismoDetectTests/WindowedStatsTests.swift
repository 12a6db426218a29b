import SeismoCore
@testable import SeismoDetect
import SeismoTestSupport
import Testing

@Suite struct WindowedStatsTests {
    /// Streaming results against the reference recomputed from the whole window, after every sample of a stream
    /// that jumps between ±1e12, 1e9, 1e-12 and constant runs.
    @Test(arguments: [1, 2, 3, 7, 64, 65, 100, 130], [false, true])
    func matchesReferenceOnExtremeStreams(capacity: Int, tracksExtrema: Bool) {
        var stats = WindowedStats(capacity: capacity, tracksExtrema: tracksExtrema)
        var all: [Double] = []
        for (i, x) in ExtremeStream(seed: UInt64(capacity), count: 6000).enumerated() {
            stats.push(x)
            all.append(x)
            let window = Array(all.suffix(capacity))
            #expect(stats.count == window.count)
            #expect(stats.elements == window)
            let scale = window.map(abs).max()!
            let mean = ReferenceStatistics.mean(window)
            let variance = ReferenceStatistics.variance(window)
            let meanError = relativeError(stats.mean, mean, floor: scale * 0x1p-52 + variance.squareRoot())
            let varianceError = relativeError(stats.variance, variance, floor: variance + (scale * 0x1p-46) * (scale * 0x1p-46))
            #expect(meanError <= 1e-9, "mean at sample \(i): \(stats.mean) vs \(mean)")
            #expect(varianceError <= 1e-9, "variance at sample \(i): \(stats.variance) vs \(variance)")
            #expect(stats.min == window.min())
            #expect(stats.max == window.max())
            if i % 7 == 0 {
                for q in [0, 0.1, 0.5, 0.75, 1] {
                    #expect(stats.quantile(q) == ReferenceStatistics.quantile(window, q), "q\(q) at sample \(i)")
                }
            }
            stats.checkInvariants()
        }
    }

    /// The case raw sums get wrong: values near 1e9 with noise of 0.01. The variance must match an exact offline
    /// computation to 1e-12 relative after millions of updates; subtract-on-evict sums and sums of squares, run on
    /// the same stream, are off by orders of magnitude.
    @Test func largeLevelWithSmallNoiseKeepsAnExactVarianceOverMillionsOfUpdates() {
        var rng = SplitMix64(seed: 99)
        let capacity = 100
        var stats = WindowedStats(capacity: capacity, tracksExtrema: false)
        var naive = NaiveMoments(capacity: capacity)
        var worst = 0.0
        var naiveWorst = 0.0
        for i in 1...2_000_000 {
            let x = 1e9 + Double.random(in: -0.01...0.01, using: &rng)
            stats.push(x)
            naive.push(x)
            if i % 10_007 == 0 {
                let exact = ReferenceStatistics.variance(naive.window)
                worst = max(worst, abs(stats.variance - exact) / exact)
                naiveWorst = max(naiveWorst, abs(naive.variance - exact) / exact)
                #expect(abs(stats.mean - ReferenceStatistics.mean(naive.window)) <= 1e-7)
            }
        }
        #expect(worst <= 1e-12, "streaming variance drifted: worst relative error \(worst)")
        #expect(naiveWorst > 1, "raw sums should fail this test; worst relative error \(naiveWorst)")
    }

    @Test func quantilesInterpolateBetweenClosestRanks() {
        var stats = WindowedStats(capacity: 4)
        for x in [4.0, 1, 3, 2] { stats.push(x) }
        #expect(stats.quantile(0) == 1)
        #expect(stats.quantile(0.25) == 1.75)
        #expect(stats.quantile(0.5) == 2.5)
        #expect(stats.quantile(1) == 4)
        #expect(WindowedStats().quantile(0.5) == nil)
    }

    @Test func evictsOldestAndSummarizes() {
        var stats = WindowedStats(capacity: 3)
        #expect(stats.summary == nil)
        for x in [5.0, 1, 9, 2] { stats.push(x) }
        #expect(stats.elements == [1, 9, 2])
        #expect(stats.summary == WindowSummary(count: 3, mean: 4, variance: 19, min: 1, max: 9))
        stats.removeAll()
        #expect(stats.count == 0 && stats.min == nil && stats.mean == 0)
        stats.push(7)
        #expect(stats.summary == WindowSummary(count: 1, mean: 7, variance: 0, min: 7, max: 7))
    }

    @Test func constantWindowHasExactlyZeroVarianceAndStaysCheap() {
        var stats = WindowedStats(capacity: 10)
        for x in [1e12, -1e12, 3] { stats.push(x) }
        for _ in 0..<10 { stats.push(0.1) }
        #expect(stats.variance == 0)
        #expect(stats.deviation(of: 0.1) == 0)
        // A constant window must not refresh on every sample: updates count up to the periodic refresh.
        for _ in 0..<5 { stats.push(0.1) }
        #expect(stats.header.moments.updates >= 5)
    }

    @Test(arguments: [[Double](repeating: 1, count: 50), Array(stride(from: 0.0, to: 50, by: 1)),
                      Array(stride(from: 50.0, to: 0, by: -1)), (0..<50).map { Double($0 % 3) }])
    func selectionHandlesDuplicatesAndSortedInput(values: [Double]) {
        for k in values.indices {
            var copy = values
            copy.withUnsafeMutableBufferPointer { Selection.select(k, in: $0) }
            let sorted = values.sorted()
            #expect(copy[k] == sorted[k])
            #expect(copy[..<k].allSatisfy { $0 <= sorted[k] } && copy[(k + 1)...].allSatisfy { $0 >= sorted[k] })
        }
    }
}

/// |actual − expected| / floor, 0 when they are equal (also for a zero floor).
func relativeError(_ actual: Double, _ expected: Double, floor: Double) -> Double {
    actual == expected ? 0 : abs(actual - expected) / floor
}

/// Subtract-on-evict over raw sums: what the streaming statistics must not be.
struct NaiveMoments {
    let capacity: Int
    var window: [Double] = []
    var sum = 0.0
    var sumOfSquares = 0.0

    init(capacity: Int) { self.capacity = capacity }

    mutating func push(_ x: Double) {
        if window.count == capacity {
            let old = window.removeFirst()
            sum -= old
            sumOfSquares -= old * old
        }
        window.append(x)
        sum += x
        sumOfSquares += x * x
    }

    var variance: Double {
        let n = Double(window.count)
        return (sumOfSquares - sum * sum / n) / (n - 1)
    }
}

@Suite struct SortedWindowTests {
    /// Order statistics after every update against sorting the window, on streams with many ties; 300 is past
    /// `SortedWindow.countingLimit`, where updates search instead of counting.
    @Test(arguments: [1, 2, 5, 64, 101, 300])
    func matchesSortingTheWindow(capacity: Int) {
        var window = SortedWindow(capacity: capacity)
        var all: [Double] = []
        var rng = SplitMix64(seed: UInt64(capacity))
        let stream = Array(ExtremeStream(seed: 40 + UInt64(capacity), count: 3000))
        for (i, extreme) in stream.enumerated() {
            // Every third value from a small set, so duplicates and MAD = 0 windows occur.
            let x = i % 3 == 0 ? Double(Int.random(in: 0...3, using: &rng)) : extreme
            window.push(x)
            all.append(x)
            let w = Array(all.suffix(capacity))
            #expect(window.sortedElements == w.sorted(), "sample \(i)")
            let median = ReferenceStatistics.median(w)
            #expect(window.median == median)
            #expect(window.medianAbsoluteDeviation == ReferenceStatistics.median(w.map { abs($0 - median) }),
                    "sample \(i)")
            for q in [0, 0.3, 0.99, 1] { #expect(window.quantile(q) == ReferenceStatistics.quantile(w, q)) }
        }
    }

    /// Signed zeros, which `<` holds equal: equal values are kept in arrival order, so each eviction removes the
    /// zero that left the window, sign included, and the sorted values stay the window's values bit for bit.
    @Test func evictsSignedZerosExactly() {
        var window = SortedWindow(capacity: 5)
        var all: [Double] = []
        var rng = SplitMix64(seed: 9)
        for i in 0..<2000 {
            let x = [-0.0, 0.0, 1, -1, 0.5][Int.random(in: 0..<5, using: &rng)]
            window.push(x)
            all.append(x)
            let w = all.suffix(5)
            #expect(window.sortedElements.map(\.bitPattern).sorted() == w.map(\.bitPattern).sorted(), "sample \(i)")
            #expect(window.sortedElements == w.sorted(), "sample \(i)")
        }
    }
}
