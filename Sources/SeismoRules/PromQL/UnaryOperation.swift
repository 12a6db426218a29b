/// A prefix sign on a non-literal: `-rate(x[5m])`. A sign on a number literal is folded into the literal.
public struct UnaryOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case plus = "+"
        case minus = "-"
    }

    public var op: Operator
    public var operand: PromQLExpression
    public var sourceRange: SourceRange

    public init(op: Operator, operand: PromQLExpression, sourceRange: SourceRange = .none) {
        self.op = op
        self.operand = operand
        self.sourceRange = sourceRange
    }
}
