/// The static type of an expression, as Prometheus's type checker sees it.
public enum PromQLValueType: Hashable, Sendable, CustomStringConvertible {
    case scalar
    case string
    /// A set of series with one sample each.
    case instantVector
    /// A set of series with a window of samples each (`x[5m]`, subqueries).
    case rangeVector

    /// The name Prometheus's documentation and error messages use.
    public var description: String {
        switch self {
        case .scalar: "scalar"
        case .string: "string"
        case .instantVector: "instant vector"
        case .rangeVector: "range vector"
        }
    }
}
