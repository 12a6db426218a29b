import SeismoCore

/// Label sets as Prometheus orders and compares them: the metric name is the `__name__` label, names sort by
/// their bytes, and strings are equal only when their bytes are.
///
/// Swift's `String` comparison follows Unicode canonical equivalence; promtool compares bytes, so these
/// functions compare UTF-8 to give the same answer for precomposed and decomposed accents.
public enum PrometheusLabelSet {
    /// The labels of `series` with `__name__` added (when the metric is not empty), sorted by name bytes.
    public static func labels(of series: SeriesLabels) -> [Label] {
        var all = series.labels
        if !series.metric.isEmpty { all.append(Label(name: "__name__", value: series.metric)) }
        return sorted(all)
    }

    /// `labels` sorted by name bytes, then value bytes; the order `labels.New` gives in Prometheus.
    public static func sorted(_ labels: [Label]) -> [Label] {
        labels.sorted { a, b in
            a.name != b.name ? precedes(a.name, b.name) : precedes(a.value, b.value)
        }
    }

    /// Prometheus's `labels.Compare`: label by label, name then value, then the shorter set first.
    /// Negative when `a` sorts first, zero when equal.
    public static func compare(_ a: [Label], _ b: [Label]) -> Int {
        for (x, y) in zip(a, b) {
            if !same(x.name, y.name) { return precedes(x.name, y.name) ? -1 : 1 }
            if !same(x.value, y.value) { return precedes(x.value, y.value) ? -1 : 1 }
        }
        return a.count - b.count
    }

    /// True when both sets hold the same names and values in the same order, compared as bytes.
    public static func equal(_ a: [Label], _ b: [Label]) -> Bool {
        a.count == b.count && compare(a, b) == 0
    }

    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
