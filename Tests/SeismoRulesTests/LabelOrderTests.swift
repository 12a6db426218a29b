import SeismoCore
@testable import SeismoRules
import Testing

/// Prometheus's order of label sets, which selectors and results follow: the byte-key sort against the
/// pair-by-pair comparison it replaces.
@Suite struct LabelOrderTests {
    @Test func nameSortsAmongTheLabels() {
        let upper = SeriesLabels(metric: "m", labels: [Label(name: "A", value: "1")])
        let plain = SeriesLabels(metric: "m", labels: [])
        // {A="1", __name__="m"} vs {__name__="m"}: "A" < "__name__".
        #expect(SeriesLabels.prometheusOrder(upper, plain))
        #expect(!SeriesLabels.prometheusOrder(plain, upper))
        let nameless = SeriesLabels(metric: "", labels: [Label(name: "z", value: "1")])
        #expect(!SeriesLabels.prometheusOrder(nameless, plain)) // "z" > "__name__"
        #expect(SeriesLabels.prometheusOrder(SeriesLabels(metric: "a"), SeriesLabels(metric: "a", labels: [Label(name: "b", value: "")])))
    }

    /// Random label sets with awkward names (`A`, `__a`, `_z`) and values (prefixes of each other, bytes 0 and 1).
    @Test func sortKeysOrderLikeThePairwiseComparison() {
        var random = SplitMix64(seed: 42)
        let names = ["A", "__a", "_z", "a", "ab", "job", "z"]
        let values = ["", "\u{0}", "\u{1}", "\u{1}\u{0}", "a", "a\u{0}", "ab", "b", "é"]
        for _ in 0..<50 {
            var sets: [SeriesLabels] = []
            for _ in 0..<40 {
                let metric = ["", "m", "n", "m_total"].randomElement(using: &random)!
                var labels: [Label] = []
                for name in names where Bool.random(using: &random) {
                    labels.append(Label(name: name, value: values.randomElement(using: &random)!))
                }
                sets.append(SeriesLabels(metric: metric, labels: labels))
            }
            let expected = sets.indices.sorted { i, j in
                if SeriesLabels.prometheusOrder(sets[i], sets[j]) { return true }
                if SeriesLabels.prometheusOrder(sets[j], sets[i]) { return false }
                return i < j
            }
            let order = LabelSetSortKeys(sets).ordering() ?? Array(sets.indices)
            #expect(order.map { sets[$0] } == expected.map { sets[$0] })
        }
    }

    @Test func sortedInputNeedsNoPermutation() {
        let sets = ["a", "b", "c"].map { SeriesLabels(metric: "m", labels: [Label(name: "x", value: $0)]) }
        #expect(LabelSetSortKeys(sets).ordering() == nil)
        #expect(LabelSetSortKeys(sets.reversed()).ordering() == [2, 1, 0])
    }
}
