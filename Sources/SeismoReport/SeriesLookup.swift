import SeismoCore
import SeismoRules

/// Finds a series' id in a `SeriesStore` by its labels, through the store's per-metric lists only.
///
/// Indexes each metric's series the first time the metric is asked for, and then only the series added since:
/// O(1) amortized per lookup, one dictionary entry per series of the metrics asked about.
struct SeriesLookup {
    private var indexed: [String: (seen: Int, ids: [SeriesLabels: SeriesID])] = [:]

    mutating func id(of labels: SeriesLabels, in store: SeriesStore) -> SeriesID? {
        let all = store.series(named: labels.metric)
        var entry = indexed[labels.metric] ?? (0, [:])
        if entry.seen < all.count {
            for id in all[entry.seen...] { entry.ids[store.labels(of: id)] = id }
            entry.seen = all.count
            indexed[labels.metric] = entry
        }
        return entry.ids[labels]
    }
}
