/// An aggregation over the series of an instant vector.
public enum AggregationOperator: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case sum, avg, min, max, count, stddev, stdvar, group
    case topk, bottomk, quantile
    case countValues = "count_values"

    /// The type of the leading parameter (`topk(3, x)`, `count_values("v", x)`), or nil when there is none.
    public var parameterType: PromQLValueType? {
        switch self {
        case .topk, .bottomk, .quantile: .scalar
        case .countValues: .string
        default: nil
        }
    }

    /// How the operator is written.
    public var description: String { rawValue }
}
