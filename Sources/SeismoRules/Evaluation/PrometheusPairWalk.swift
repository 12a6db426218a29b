import SeismoCore

/// Walks a label set's pairs in Prometheus's order (`__name__` sorted among the labels) without building them:
/// what label-set comparisons step through.
struct PrometheusPairWalk {
    let labels: SeriesLabels
    var index = 0
    var namePending: Bool

    init(_ labels: SeriesLabels) {
        self.labels = labels
        namePending = !labels.metric.isEmpty
    }

    mutating func next() -> (name: String, value: String)? {
        if namePending, index == labels.labels.count || labels.labels[index].name > SeriesLabels.metricNameLabel {
            namePending = false
            return (SeriesLabels.metricNameLabel, labels.metric)
        }
        guard index < labels.labels.count else { return nil }
        defer { index += 1 }
        return (labels.labels[index].name, labels.labels[index].value)
    }
}
