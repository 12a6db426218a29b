/// An expression in parentheses. Kept as a node so printing reproduces the grouping that was written.
public struct ParenthesizedExpression: Hashable, Sendable {
    public var expression: PromQLExpression
    public var sourceRange: SourceRange

    public init(expression: PromQLExpression, sourceRange: SourceRange = .none) {
        self.expression = expression
        self.sourceRange = sourceRange
    }
}
