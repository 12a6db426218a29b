/// Comparing trees by structure alone.
extension PromQLExpression {
    /// The same tree with every source range set to `SourceRange.none`.
    ///
    /// Two parses of differently spaced text (`sum(x)` and `sum ( x )`) differ only in their ranges; compare
    /// `a.withoutSourceRanges() == b.withoutSourceRanges()` to ask whether they are the same expression.
    public func withoutSourceRanges() -> PromQLExpression {
        switch self {
        case .number(var node):
            node.sourceRange = .none
            return .number(node)
        case .string(var node):
            node.sourceRange = .none
            return .string(node)
        case .vectorSelector(let node):
            return .vectorSelector(Self.stripped(node))
        case .matrixSelector(var node):
            node.selector = Self.stripped(node.selector)
            node.sourceRange = .none
            return .matrixSelector(node)
        case .subquery(var node):
            node.expression = node.expression.withoutSourceRanges()
            node.sourceRange = .none
            return .subquery(node)
        case .call(var node):
            node.arguments = node.arguments.map { $0.withoutSourceRanges() }
            node.sourceRange = .none
            return .call(node)
        case .aggregation(var node):
            node.parameter = node.parameter?.withoutSourceRanges()
            node.expression = node.expression.withoutSourceRanges()
            node.sourceRange = .none
            return .aggregation(node)
        case .binary(var node):
            node.lhs = node.lhs.withoutSourceRanges()
            node.rhs = node.rhs.withoutSourceRanges()
            node.sourceRange = .none
            node.operatorRange = .none
            return .binary(node)
        case .unary(var node):
            node.operand = node.operand.withoutSourceRanges()
            node.sourceRange = .none
            return .unary(node)
        case .parenthesized(var node):
            node.expression = node.expression.withoutSourceRanges()
            node.sourceRange = .none
            return .parenthesized(node)
        }
    }

    private static func stripped(_ selector: VectorSelector) -> VectorSelector {
        var selector = selector
        selector.sourceRange = .none
        for index in selector.matchers.indices { selector.matchers[index].sourceRange = .none }
        return selector
    }
}
