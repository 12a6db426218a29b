import SeismoCore

extension SeriesLabels {
    /// The labels of a series an extension publishes: `base` (an input's labels, or a dependency's key labels),
    /// overridden by the declaration's `labels:`, overridden by `identity` (`detector`, `health`, `slo`, `window`…,
    /// which must win so outputs of different declarations never collide), under the metric name `metric`.
    ///
    /// A label whose final value is empty is left out, as Prometheus treats an empty value as no label: a
    /// declared `labels: {env: ""}` removes `env`, and a key label the input lacks does not appear.
    init(derived metric: String, from base: [Label], declared: [String: String], identity: [Label]) {
        var all = base
        all.reserveCapacity(base.count + declared.count + identity.count)
        for (name, value) in declared.sorted(by: { $0.key < $1.key }) { all.append(Label(name: name, value: value)) }
        all.append(contentsOf: identity)
        let merged = SeriesLabels(metric: metric, labels: all)
        self = merged.labels.contains(where: \.value.isEmpty)
            ? SeriesLabels(metric: metric, labels: merged.labels.filter { !$0.value.isEmpty }) : merged
    }
}
