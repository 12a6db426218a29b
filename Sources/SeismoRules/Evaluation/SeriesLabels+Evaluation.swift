import SeismoCore

/// Label-set operations the evaluator needs, with the metric name seen as the label `__name__` the way
/// Prometheus sees it.
///
/// A label whose value is empty does not exist in Prometheus: setting one deletes it, and matching treats an
/// absent label as the empty string.
extension SeriesLabels {
    static let metricNameLabel = "__name__"
    static let empty = SeriesLabels(metric: "")

    /// The value of label `name` (`__name__` is the metric), or "" when the series has no such label.
    func value(of name: String) -> String {
        if name == Self.metricNameLabel { return metric }
        var low = 0
        var high = labels.count
        while low < high {
            let mid = (low + high) / 2
            if labels[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return low < labels.count && labels[low].name == name ? labels[low].value : ""
    }

    /// The same labels without the metric name.
    var droppingMetricName: SeriesLabels {
        metric.isEmpty ? self : SeriesLabels(metric: "", sortedUniqueLabels: labels)
    }

    /// Only the labels named in `names`; the metric name survives only when `names` lists `__name__`.
    func keeping(_ names: [String]) -> SeriesLabels {
        SeriesLabels(
            metric: names.contains(Self.metricNameLabel) ? metric : "",
            labels: labels.filter { names.contains($0.name) }
        )
    }

    /// All labels but those named in `names` (which may list `__name__`).
    func removing(_ names: [String]) -> SeriesLabels {
        SeriesLabels(
            metric: names.contains(Self.metricNameLabel) ? "" : metric,
            labels: labels.filter { !names.contains($0.name) }
        )
    }

    /// The labels with `name` set to `value`; an empty value removes the label.
    func setting(_ name: String, to value: String) -> SeriesLabels {
        if name == Self.metricNameLabel { return SeriesLabels(metric: value, labels: labels) }
        var rest = labels.filter { $0.name != name }
        if !value.isEmpty { rest.append(Label(name: name, value: value)) }
        return SeriesLabels(metric: metric, labels: rest)
    }

    /// The label pairs that decide vector matching and grouping: with `on` (or `by`) only those named in `names`;
    /// otherwise (`ignoring`, `without`) all but those and the metric name. Empty values never take part.
    func signature(on: Bool, _ names: [String]) -> [Label] {
        var pairs: [Label] = []
        if on {
            if names.contains(Self.metricNameLabel), !metric.isEmpty {
                pairs.append(Label(name: Self.metricNameLabel, value: metric))
            }
            for label in labels where !label.value.isEmpty && names.contains(label.name) { pairs.append(label) }
        } else {
            for label in labels where !label.value.isEmpty && !names.contains(label.name) { pairs.append(label) }
        }
        return pairs
    }

    /// The labels as Prometheus orders them: sorted by name with `__name__` among them.
    var prometheusPairs: [Label] {
        guard !metric.isEmpty else { return labels }
        var pairs = labels
        let name = Label(name: Self.metricNameLabel, value: metric)
        let index = pairs.firstIndex(where: { $0.name > Self.metricNameLabel }) ?? pairs.count
        pairs.insert(name, at: index)
        return pairs
    }

    /// Prometheus's order of label sets (`labels.Compare`): pairwise by name, then value; a prefix comes first.
    static func prometheusOrder(_ a: SeriesLabels, _ b: SeriesLabels) -> Bool {
        // Usually both have the same name and it sorts before every label (only names like `A…` or `__a…` sort
        // before `__name__`): then the name pair is equal and in the same place, and the labels decide.
        if a.metric == b.metric, a.metric.isEmpty || (a.metricNameSortsFirst && b.metricNameSortsFirst) {
            return lexicographicLess(a.labels, b.labels)
        }
        var x = PrometheusPairWalk(a)
        var y = PrometheusPairWalk(b)
        while true {
            guard let p = x.next() else { return y.next() != nil }
            guard let q = y.next() else { return false }
            if p.name != q.name { return p.name < q.name }
            if p.value != q.value { return p.value < q.value }
        }
    }

    private var metricNameSortsFirst: Bool {
        labels.isEmpty || labels[0].name > Self.metricNameLabel
    }

    private static func lexicographicLess(_ a: [Label], _ b: [Label]) -> Bool {
        let count = Swift.min(a.count, b.count)
        for i in 0..<count {
            if a[i].name != b[i].name { return a[i].name < b[i].name }
            if a[i].value != b[i].value { return a[i].value < b[i].value }
        }
        return a.count < b.count
    }

    /// Prometheus's rendering in error messages: `{__name__="up", job="api"}`.
    var prometheusDescription: String {
        "{" + prometheusPairs.map { "\($0.name)=\(Self.quoted($0.value))" }.joined(separator: ", ") + "}"
    }

    private static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
