/// A subquery: an instant-vector expression evaluated over a window, `rate(x[5m])[1h:1m]`.
public struct Subquery: Hashable, Sendable {
    public var expression: PromQLExpression
    /// The window length in nanoseconds, greater than zero.
    public var range: Int64
    /// The resolution in nanoseconds, or nil for `[1h:]` (the group's evaluation interval).
    public var step: Int64?
    public var offset: Int64?
    public var at: AtModifier?
    public var sourceRange: SourceRange

    public init(
        expression: PromQLExpression, range: Int64, step: Int64?, offset: Int64? = nil, at: AtModifier? = nil,
        sourceRange: SourceRange = .none
    ) {
        self.expression = expression
        self.range = range
        self.step = step
        self.offset = offset
        self.at = at
        self.sourceRange = sourceRange
    }
}
