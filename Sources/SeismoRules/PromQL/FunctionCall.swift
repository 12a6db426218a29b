/// A call of one of the supported functions: `rate(x[5m])`, `histogram_quantile(0.9, …)`.
public struct FunctionCall: Hashable, Sendable {
    public var function: PromQLFunction
    public var arguments: [PromQLExpression]
    public var sourceRange: SourceRange

    public init(function: PromQLFunction, arguments: [PromQLExpression], sourceRange: SourceRange = .none) {
        self.function = function
        self.arguments = arguments
        self.sourceRange = sourceRange
    }
}
