import SeismoCore

/// One element of an instant vector: a label set and its value at the evaluation time.
public struct VectorSample: Hashable, Sendable {
    /// The series' labels; `labels.metric` is empty once an operation has dropped the metric name.
    public var labels: SeriesLabels
    public var value: Double
    /// The evaluation time (ns) the value belongs to, as Prometheus stamps instant-vector samples.
    public var time: Int64

    public init(labels: SeriesLabels, value: Double, time: Int64) {
        self.labels = labels
        self.value = value
        self.time = time
    }
}
