import SeismoCore
@testable import SeismoDetect
import SeismoTestSupport
import Testing

@Suite struct WindowStoreTests {
    @Test func hundredValueWindowFitsInOneKibibytePerSeries() {
        let perSeries = WindowStore.bytesPerSeries(capacity: 100)
        #expect(perSeries == 100 * 8 + 2 * 2 * 8 + MemoryLayout<WindowHeader>.stride)
        #expect(perSeries <= 1024)
        #expect(WindowStore.bytesPerSeries(capacity: 100, tracksExtrema: false) <= 1024 - 32)

        var store = WindowStore(capacity: 100)
        store.reserveCapacity(series: 1000)
        for series in 0..<1000 {
            for v in 0..<150 { store.push(Double(v), for: SeriesID(UInt32(series))) }
        }
        let allocated = store.values.capacity * 8 + store.extremaBits.capacity * 8
            + store.headers.capacity * MemoryLayout<WindowHeader>.stride
        #expect(allocated / 1000 <= 1024, "\(allocated / 1000) bytes per series")
    }

    /// Interleaved series in the shared store behave exactly like separate windows.
    @Test func seriesInTheStoreMatchSeparateWindows() {
        var store = WindowStore(capacity: 50)
        var separate = [WindowedStats](repeating: WindowedStats(capacity: 50), count: 5)
        var rng = SplitMix64(seed: 3)
        let streams = (0..<5).map { Array(ExtremeStream(seed: UInt64(10 + $0), count: 2000)) }
        var positions = [Int](repeating: 0, count: 5)
        for step in 0..<8000 {
            let series = Int.random(in: 0..<5, using: &rng)
            let value = streams[series][positions[series] % 2000]
            positions[series] += 1
            store.push(value, for: SeriesID(UInt32(series)))
            separate[series].push(value)
            let id = SeriesID(UInt32(series))
            #expect(store.summary(for: id) == separate[series].summary, "series \(series) at step \(step)")
            if step % 11 == 0 {
                #expect(store.quantile(0.9, for: id) == separate[series].quantile(0.9))
                store.checkInvariants(for: id)
            }
        }
    }

    @Test func unseenSeriesAreEmptyAndSlotsGrowOnDemand() {
        var store = WindowStore(capacity: 10, tracksExtrema: false)
        #expect(store.summary(for: SeriesID(3)) == nil)
        store.push(2, for: SeriesID(7))
        store.push(4, for: SeriesID(7))
        #expect(store.seriesCount == 8)
        #expect(store.count(for: SeriesID(3)) == 0)
        #expect(store.summary(for: SeriesID(7)) == WindowSummary(count: 2, mean: 3, variance: 2, min: 2, max: 4))
        store.removeAll(for: SeriesID(7))
        #expect(store.count(for: SeriesID(7)) == 0)
    }
}

@Suite struct TimeWindowedStatsTests {
    let second: Int64 = 1_000_000_000

    @Test func keepsSamplesWithinTheRangeOfTheNewest() {
        var stats = TimeWindowedStats(range: 5 * second)
        for t in 0...10 { stats.push(Double(t), at: Int64(t) * second) }
        #expect(stats.window.elements == [6, 7, 8, 9, 10])
        #expect(stats.window.mean == 8)
        stats.expire(at: 14 * second)
        #expect(stats.window.elements == [10])
        stats.expire(at: 15 * second)
        #expect(stats.window.count == 0)
    }

    @Test func boundedByMaxSamples() {
        var stats = TimeWindowedStats(range: 3600 * second, maxSamples: 4)
        for t in 0..<6 { stats.push(Double(t), at: Int64(t)) }
        #expect(stats.window.elements == [2, 3, 4, 5])
        #expect(stats.droppedEarly == 2)
    }

    @Test func samplesAlreadyOutOfRangeAreNotAdded() {
        var stats = TimeWindowedStats(range: 5 * second)
        stats.push(1, at: 100 * second)
        stats.push(2, at: 95 * second)
        stats.push(3, at: 96 * second)
        #expect(stats.window.elements == [1, 3])
        #expect(stats.tooOld == 1)
    }

    /// Random gaps, extreme values: the statistics are those of exactly the samples in range.
    @Test func matchesReferenceOverRandomGaps() {
        var rng = SplitMix64(seed: 5)
        var stats = TimeWindowedStats(range: 60 * second, maxSamples: 256)
        var all: [(Int64, Double)] = []
        var t: Int64 = 1_700_000_000 * second
        for x in ExtremeStream(seed: 6, count: 5000) {
            t += Int64.random(in: 0...(Bool.random(using: &rng) ? 2 * second : 90 * second), using: &rng)
            stats.push(x, at: t)
            all.append((t, x))
            let inRange = Array(all.filter { $0.0 > t - 60 * second }.suffix(256).map(\.1))
            #expect(stats.window.elements == inRange)
            let variance = ReferenceStatistics.variance(inRange)
            let scale = inRange.map(abs).max()!
            let floor = variance + (scale * 0x1p-46) * (scale * 0x1p-46)
            #expect(relativeError(stats.window.variance, variance, floor: floor) <= 1e-9)
            #expect(stats.window.max == inRange.max())
        }
    }
}

@Suite struct DetectorFootprintTests {
    /// Inline state plus the window's heap storage (values and the array header).
    @Test func zScoreDetectorAtWindow100FitsInOneKibibytePerSeries() throws {
        let detector = try ZScoreDetector(windowSize: 100)
        let heap = detector.window.capacity * MemoryLayout<Double>.stride + 32
        #expect(MemoryLayout<ZScoreDetector>.stride + heap <= 1024)
        #expect(MemoryLayout<EWMADetector>.stride <= 128)
    }
}
