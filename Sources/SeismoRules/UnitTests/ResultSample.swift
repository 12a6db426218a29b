import SeismoCore

/// One element of an instant query's result as a `promql_expr_test` compares it: the label set (the metric name
/// as `__name__`, sorted by name) and the value. A scalar result is one sample with no labels.
public struct ResultSample: Sendable, CustomStringConvertible {
    public private(set) var labels: [Label]
    public var value: Double

    /// `labels` in Prometheus form, `__name__` included; sorted here.
    public init(labels: [Label], value: Double) {
        self.labels = PrometheusLabelSet.sorted(labels)
        self.value = value
    }

    /// A sample of `series`, its metric name becoming `__name__` (none when the metric is empty, as after
    /// an aggregation).
    public init(series: SeriesLabels, value: Double) {
        self.labels = PrometheusLabelSet.labels(of: series)
        self.value = value
    }

    /// promtool's rendering: `{__name__="up", job="api"} 1E+00`.
    public var description: String {
        PromtoolText.labels(labels) + " " + PromtoolText.float(value)
    }
}

extension ResultSample: Equatable {
    /// Same labels and the same value, NaN equal to NaN (for tests of this type; the unit-test comparison
    /// itself follows promtool, where NaN never matches).
    public static func == (lhs: ResultSample, rhs: ResultSample) -> Bool {
        PrometheusLabelSet.equal(lhs.labels, rhs.labels)
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}
