import SeismoCore
import SeismoRules
import Testing

@Suite struct SeriesStoreTests {
    private let second: Int64 = 1_000_000_000

    @Test func rangeIsOpenOnTheLeftAndClosedOnTheRight() {
        let store = SeriesStore(retention: 3600 * second)
        let id = SeriesID(0)
        store.register(id, labels: SeriesLabels(metric: "m"))
        for t in 1...10 { store.append(id, time: Int64(t) * second, value: Double(t)) }
        #expect(store.samples(id, from: 3 * second, through: 6 * second).map(\.value) == [4, 5, 6])
        #expect(store.samples(id, from: 10 * second, through: 20 * second).isEmpty)
    }

    @Test func latestRespectsLookback() {
        let store = SeriesStore(retention: 3600 * second)
        let id = SeriesID(3)
        store.register(id, labels: SeriesLabels(metric: "m"))
        store.append(id, time: 100 * second, value: 1)
        #expect(store.latest(id, at: 100 * second, lookback: 300 * second)?.value == 1)
        #expect(store.latest(id, at: 399 * second, lookback: 300 * second)?.value == 1)
        #expect(store.latest(id, at: 400 * second, lookback: 300 * second) == nil)
        #expect(store.latest(id, at: 99 * second, lookback: 300 * second) == nil)
    }

    @Test func lateSamplesAreInsertedInOrderAndEqualTimesReplace() {
        let store = SeriesStore(retention: 3600 * second)
        let id = SeriesID(0)
        store.register(id, labels: SeriesLabels(metric: "m"))
        store.append(id, time: 10, value: 1)
        store.append(id, time: 30, value: 3)
        store.append(id, time: 20, value: 2)
        store.append(id, time: 30, value: 4)
        #expect(store.samples(id, from: 0, through: 100).map(\.time) == [10, 20, 30])
        #expect(store.samples(id, from: 0, through: 100).map(\.value) == [1, 2, 4])
    }

    @Test func evictionKeepsOnlyTheRetentionWindow() {
        let store = SeriesStore(retention: 100)
        let id = SeriesID(0)
        store.register(id, labels: SeriesLabels(metric: "m"))
        for t in 0..<1000 { store.append(id, time: Int64(t), value: Double(t)) }
        store.evict(now: 999)
        let kept = store.samples(id, from: -1, through: 999)
        #expect(kept.first?.time == 899)
        #expect(kept.count == 101)
    }

    @Test func derivedSeriesAreSelectableByNameBesideInputSeries() {
        let store = SeriesStore(retention: 100)
        store.register(SeriesID(0), labels: SeriesLabels(metric: "up", labels: [Label(name: "job", value: "a")]))
        let derived = store.derivedSeries(SeriesLabels(metric: "up", labels: [Label(name: "job", value: "b")]))
        #expect(store.derivedSeries(SeriesLabels(metric: "up", labels: [Label(name: "job", value: "b")])) == derived)
        #expect(store.series(named: "up").count == 2)
        #expect(store.labels(of: derived)["job"] == "b")
        store.append(derived, time: 5, value: 7)
        #expect(store.latest(derived, at: 5, lookback: 10)?.value == 7)
    }
}
