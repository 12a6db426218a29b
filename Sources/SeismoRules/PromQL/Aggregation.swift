/// An aggregation: `sum by (job) (rate(x[5m]))`, `topk(3, x)`, `quantile without (instance) (0.9, x)`.
public struct Aggregation: Hashable, Sendable {
    /// Which labels the output keeps.
    public enum Grouping: Hashable, Sendable {
        /// `by (a, b)`: keep only these.
        case by([String])
        /// `without (a, b)`: keep all but these.
        case without([String])
    }

    public var op: AggregationOperator
    /// The leading argument of `topk`, `bottomk`, `quantile` and `count_values`; nil for the others.
    public var parameter: PromQLExpression?
    public var expression: PromQLExpression
    /// nil when neither `by` nor `without` was written (everything aggregates into one series).
    public var grouping: Grouping?
    public var sourceRange: SourceRange

    public init(
        op: AggregationOperator, parameter: PromQLExpression? = nil, expression: PromQLExpression,
        grouping: Grouping? = nil, sourceRange: SourceRange = .none
    ) {
        self.op = op
        self.parameter = parameter
        self.expression = expression
        self.grouping = grouping
        self.sourceRange = sourceRange
    }
}
