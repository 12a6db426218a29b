import SeismoCore
import SeismoRules
import Testing

/// Groups of derived series (`SeriesStore.derivedGroup`) read exactly like the same series written one by one.
@Suite struct SeriesStoreGroupTests {
    private func labels(_ prefix: String, _ n: Int) -> [SeriesLabels] {
        (0..<n).map { SeriesLabels(metric: "\(prefix)_\($0)", labels: [Label(name: "job", value: "a")]) }
    }

    /// Writes the same random rows (absent columns, late and equal times, single-column writes, evictions) to a
    /// group in one store and to separate series in another, and compares every read. Widths: a detector's five
    /// outputs, and the widest group (an SLO's outputs).
    @Test(arguments: [(1, 5), (7, 5), (42, 5), (3, SeriesStore.maximumGroupWidth)] as [(UInt64, Int)])
    func groupColumnsReadLikeSeparateSeries(seed: UInt64, width: Int) throws {
        let grouped = SeriesStore(retention: 400)
        let separate = SeriesStore(retention: 400)
        let (group, columns) = try #require(grouped.derivedGroup(labels("m", width)))
        let plain = labels("m", width).map(separate.derivedSeries)
        var random = SplitMix64(seed: seed)
        var time: Int64 = 0
        for step in 0..<3_000 {
            time += Int64(random.next() % 4)
            // Mostly in order; now and then a late or repeated time.
            let at = random.next() % 10 == 0 ? time - Int64(random.next() % 20) : time
            if random.next() % 8 == 0 {
                let c = Int(random.next() % UInt64(width))
                let value = Double(random.next() % 100)
                grouped.append(columns[c], time: at, value: value)
                separate.append(plain[c], time: at, value: value)
            } else {
                let row = (0..<width).map { _ in random.next() % 4 == 0 ? SeriesStore.absent : Double(random.next() % 100) }
                row.withUnsafeBufferPointer { grouped.append(group, time: at, values: $0) }
                for c in 0..<width where row[c].bitPattern != SeriesStore.absent.bitPattern {
                    separate.append(plain[c], time: at, value: row[c])
                }
            }
            if step % 97 == 0 {
                grouped.evict(now: time)
                separate.evict(now: time)
            }
            if step % 13 == 0 {
                for c in 0..<width {
                    for lookback: Int64 in [1, 5, 50, 500] {
                        for probe in [time, time - 7, time + 3] {
                            let a = grouped.latest(columns[c], at: probe, lookback: lookback)
                            let b = separate.latest(plain[c], at: probe, lookback: lookback)
                            #expect(a?.time == b?.time && a?.value == b?.value, "column \(c) at \(probe) lookback \(lookback)")
                        }
                    }
                    let a = grouped.samples(columns[c], from: time - 300, through: time)
                    let b = separate.samples(plain[c], from: time - 300, through: time)
                    #expect(a.map(\.time) == b.map(\.time) && a.map(\.value) == b.map(\.value), "column \(c) at step \(step)")
                }
            }
        }
    }

    @Test func columnsAreSeriesOfTheirOwnToSelectors() throws {
        let store = SeriesStore(retention: 100)
        let names = labels("x", 3)
        let (group, ids) = try #require(store.derivedGroup(names))
        #expect(store.seriesCount == 3)
        #expect(store.series(named: "x_1") == [ids[1]])
        #expect(store.labels(of: ids[2]) == names[2])
        #expect(store.derivedSeries(names[0]) == ids[0])
        let again = try #require(store.derivedGroup(names))
        #expect(again.group == group && again.ids == ids)
        [1.0, SeriesStore.absent, 3].withUnsafeBufferPointer { store.append(group, time: 10, values: $0) }
        #expect(store.latest(ids[0], at: 10, lookback: 5)?.value == 1)
        #expect(store.latest(ids[1], at: 10, lookback: 5) == nil)
        #expect(store.samples(ids[2], from: 0, through: 10).map(\.value) == [3])
    }

    @Test func labelsAlreadyTakenMakeNoGroup() {
        let store = SeriesStore(retention: 100)
        let names = labels("y", 2)
        _ = store.derivedSeries(names[1])
        #expect(store.derivedGroup(names) == nil)
        #expect(store.derivedGroup([names[0], names[0]]) == nil)
    }
}
