/// A Prometheus recording rule: `expr` evaluated at each group evaluation and stored as the series named `record`.
public struct RecordingRule: Hashable, Sendable {
    /// The metric name the results are stored under (a valid Prometheus metric name).
    public var record: String
    /// The PromQL expression, as written.
    public var expr: String
    /// `expr` parsed and type-checked.
    public var expression: PromQLExpression
    /// Labels added to (or overwriting) every result's labels; group labels are applied before these.
    public var labels: [String: String]
    /// Where the rule starts in its file.
    public var position: RuleFilePosition

    public init(
        record: String, expr: String, expression: PromQLExpression, labels: [String: String] = [:],
        position: RuleFilePosition
    ) {
        self.record = record
        self.expr = expr
        self.expression = expression
        self.labels = labels
        self.position = position
    }
}
