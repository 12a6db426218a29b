import SeismoCore
import SeismoReport
import Testing

/// Downsampling keeps memory bounded and the extremes of every stretch of time.
@Suite struct DownsamplerTests {
    @Test(arguments: [10, 1_000, 100_000])
    func boundedAndKeepsExtremes(count: Int) {
        var d = Downsampler(capacity: 50)
        var rng = SplitMix64(seed: UInt64(count))
        var values: [Double] = []
        for i in 0..<count {
            var v = Double(rng.next() % 1000) / 10
            if i == count / 3 { v = 5_000 }  // one spike
            if i == 2 * count / 3 { v = -5_000 }
            values.append(v)
            d.append(time: Int64(i) * 1_000_000_000, low: v, high: v)
        }
        #expect(d.buckets.count <= 50)
        let points = d.linePoints
        #expect(points.count <= 100)
        #expect(points.map(\.value).max() == values.max())
        #expect(points.map(\.value).min() == values.min())
        #expect(points.first { $0.value == 5_000 }?.time == Int64(count / 3) * 1_000_000_000)
        // In time order, and every point is a sample that was given.
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.time <= $1.time })
        #expect(points.allSatisfy { values[Int($0.time / 1_000_000_000)] == $0.value })
    }

    @Test func bandKeepsTheWidestEdgesPerBucket() {
        var d = Downsampler(capacity: 4, width: 10)
        for t in Int64(0)..<80 { d.append(time: t, low: Double(-t), high: Double(t)) }
        let band = d.bandPoints
        #expect(band.count <= 4)
        #expect(band.last?.upper == 79)
        #expect(band.last?.lower == -79)
        #expect(band.first?.time == 0)
    }
}
