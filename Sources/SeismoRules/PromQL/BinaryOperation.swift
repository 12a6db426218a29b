/// An infix operation: `a / on (job) group_left b`, `x > bool 1`, `a and b`.
public struct BinaryOperation: Hashable, Sendable {
    public var op: BinaryOperator
    public var lhs: PromQLExpression
    public var rhs: PromQLExpression
    /// `bool`: a comparison returns 0 or 1 instead of filtering.
    public var returnsBool: Bool
    /// nil when no `on`/`ignoring` clause was written.
    public var matching: VectorMatching?
    public var sourceRange: SourceRange
    /// Where the operator token is, for errors that concern it.
    public var operatorRange: SourceRange

    public init(
        op: BinaryOperator, lhs: PromQLExpression, rhs: PromQLExpression, returnsBool: Bool = false,
        matching: VectorMatching? = nil, sourceRange: SourceRange = .none, operatorRange: SourceRange = .none
    ) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.returnsBool = returnsBool
        self.matching = matching
        self.sourceRange = sourceRange
        self.operatorRange = operatorRange
    }
}
