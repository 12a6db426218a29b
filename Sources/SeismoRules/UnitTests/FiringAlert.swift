import SeismoCore

/// A firing alert as a rule unit test compares it: its full label set (alertname included) and its annotations,
/// each sorted by name.
///
/// Both sides of an `alert_rule_test` comparison use this type: what the test file expects (`exp_labels` with the
/// test's alertname added, `exp_annotations`) and what the evaluator reports firing at the eval time.
public struct FiringAlert: Equatable, Sendable, CustomStringConvertible {
    public private(set) var labels: [Label]
    public private(set) var annotations: [Label]

    /// Sorts both lists by name bytes, as Prometheus keeps label sets.
    public init(labels: [Label], annotations: [Label] = []) {
        self.labels = PrometheusLabelSet.sorted(labels)
        self.annotations = PrometheusLabelSet.sorted(annotations)
    }

    /// promtool's rendering: `Labels:{...}` and `Annotations:{...}` on two lines.
    public var description: String {
        "Labels:" + PromtoolText.labels(labels) + "\nAnnotations:" + PromtoolText.labels(annotations)
    }

    /// promtool's order for a list of alerts: by labels, then by annotations.
    static func precedes(_ a: FiringAlert, _ b: FiringAlert) -> Bool {
        let byLabels = PrometheusLabelSet.compare(a.labels, b.labels)
        if byLabels != 0 { return byLabels < 0 }
        return PrometheusLabelSet.compare(a.annotations, b.annotations) < 0
    }

    /// Same labels and annotations, compared as bytes.
    static func same(_ a: FiringAlert, _ b: FiringAlert) -> Bool {
        PrometheusLabelSet.equal(a.labels, b.labels) && PrometheusLabelSet.equal(a.annotations, b.annotations)
    }
}
