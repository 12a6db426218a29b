/// A parsed PromQL expression: a typed syntax tree with the source range of every node.
///
/// Build one with `PromQLParser.parse(_:)`, which also type-checks it the way Prometheus does. `description`
/// prints it back as PromQL that parses to the same tree (up to source ranges; see `withoutSourceRanges()`).
public indirect enum PromQLExpression: Hashable, Sendable {
    case number(NumberLiteral)
    case string(StringLiteral)
    case vectorSelector(VectorSelector)
    case matrixSelector(MatrixSelector)
    case subquery(Subquery)
    case call(FunctionCall)
    case aggregation(Aggregation)
    case binary(BinaryOperation)
    case unary(UnaryOperation)
    case parenthesized(ParenthesizedExpression)

    /// Where this node was parsed from.
    public var sourceRange: SourceRange {
        get {
            switch self {
            case .number(let node): node.sourceRange
            case .string(let node): node.sourceRange
            case .vectorSelector(let node): node.sourceRange
            case .matrixSelector(let node): node.sourceRange
            case .subquery(let node): node.sourceRange
            case .call(let node): node.sourceRange
            case .aggregation(let node): node.sourceRange
            case .binary(let node): node.sourceRange
            case .unary(let node): node.sourceRange
            case .parenthesized(let node): node.sourceRange
            }
        }
        set {
            switch self {
            case .number(var node): node.sourceRange = newValue; self = .number(node)
            case .string(var node): node.sourceRange = newValue; self = .string(node)
            case .vectorSelector(var node): node.sourceRange = newValue; self = .vectorSelector(node)
            case .matrixSelector(var node): node.sourceRange = newValue; self = .matrixSelector(node)
            case .subquery(var node): node.sourceRange = newValue; self = .subquery(node)
            case .call(var node): node.sourceRange = newValue; self = .call(node)
            case .aggregation(var node): node.sourceRange = newValue; self = .aggregation(node)
            case .binary(var node): node.sourceRange = newValue; self = .binary(node)
            case .unary(var node): node.sourceRange = newValue; self = .unary(node)
            case .parenthesized(var node): node.sourceRange = newValue; self = .parenthesized(node)
            }
        }
    }

    /// The static type, as Prometheus computes it: a binary operation is a scalar only when both sides are.
    public var type: PromQLValueType {
        switch self {
        case .number: .scalar
        case .string: .string
        case .vectorSelector, .aggregation: .instantVector
        case .matrixSelector, .subquery: .rangeVector
        case .call(let call): call.function.returnType
        case .binary(let binary): binary.lhs.type == .scalar && binary.rhs.type == .scalar ? .scalar : .instantVector
        case .unary(let unary): unary.operand.type
        case .parenthesized(let paren): paren.expression.type
        }
    }

    /// The direct subexpressions, left to right.
    public var children: [PromQLExpression] {
        switch self {
        case .number, .string, .vectorSelector, .matrixSelector: []
        case .subquery(let node): [node.expression]
        case .call(let node): node.arguments
        case .aggregation(let node): (node.parameter.map { [$0] } ?? []) + [node.expression]
        case .binary(let node): [node.lhs, node.rhs]
        case .unary(let node): [node.operand]
        case .parenthesized(let node): [node.expression]
        }
    }

    /// The expression with parentheses removed from the top (`((x))` gives `x`).
    public var unparenthesized: PromQLExpression {
        if case .parenthesized(let paren) = self { return paren.expression.unparenthesized }
        return self
    }
}
