import Yams

/// Seismo's keys for alert stability on `alert:` rules: `clear:` (hysteresis) and `flapping:` (flap detection).
extension RuleFileReader {
    static let flappingFields = ["window", "threshold"]

    /// `clear:` — an expression whose result holds the label sets that may resolve, or a number: the threshold
    /// that the compared side of a comparison `expr` must cross back over (`expr: cpu > 90`, `clear: 80` clears
    /// when `cpu < 80`). nil after recording a problem.
    mutating func clear(_ node: Node, alerting expression: PromQLExpression, context: String) -> PromQLExpression? {
        if node.tagName == .int || node.tagName == .float {
            guard let threshold = number(node, field: "clear", context: context) else { return nil }
            guard case .binary(let comparison) = expression.unparenthesized, !comparison.returnsBool,
                let (side, opposite) = Self.clearSide(comparison)
            else {
                error(
                    "\(context)clear: a threshold needs expr to compare an expression with a number, such as cpu > 90; "
                        + "give the clear condition as an expression instead",
                    at: Self.position(node)
                )
                return nil
            }
            // Built as text and parsed, so the condition is checked like any other expression.
            return try? PromQLParser.parse("(\(side)) \(opposite) \(threshold)")
        }
        guard let text = string(node, field: "clear", context: context) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            error("\(context)field clear must not be empty", at: Self.position(node))
            return nil
        }
        guard let parsed = self.expression(text, in: node, context: context) else { return nil }
        guard parsed.type == .instantVector else {
            error(
                "\(context)clear must be an instant vector expression (the label sets that may resolve), got \(parsed.type)",
                at: Self.position(node))
            return nil
        }
        return parsed
    }

    /// The compared side of `vector op number` (or `number op vector`) and the operator that holds on the far
    /// side of a clear threshold.
    private static func clearSide(_ comparison: BinaryOperation) -> (PromQLExpression, String)? {
        let numberOnRight = if case .number = comparison.rhs.unparenthesized { true } else { false }
        let numberOnLeft = if case .number = comparison.lhs.unparenthesized { true } else { false }
        guard numberOnRight != numberOnLeft else { return nil }
        // Fires above a threshold (`x > n`, `n < x`): clears below the clear threshold, and the other way round.
        let firesAbove: Bool
        switch comparison.op {
        case .greater, .greaterOrEqual: firesAbove = numberOnRight
        case .less, .lessOrEqual: firesAbove = numberOnLeft
        default: return nil
        }
        return (numberOnRight ? comparison.lhs : comparison.rhs, firesAbove ? "<" : ">")
    }

    /// `flapping: {window: N, threshold: share}`: N evaluations (2 to 64), share of changes in (0, 1], default 0.5.
    mutating func flapping(_ node: Node, context: String) -> FlapDetection? {
        guard let fields = fields(of: node, in: "flapping", known: Self.flappingFields, context: context) else { return nil }
        guard let windowNode = fields["window"] else {
            error("\(context)flapping: field window must be set (a number of evaluations)", at: fields.position)
            return nil
        }
        guard let window = integer(windowNode, field: "flapping.window", context: context) else { return nil }
        guard (2...64).contains(window) else {
            error("\(context)flapping: window must be 2 to 64 evaluations, got \(window)", at: Self.position(windowNode))
            return nil
        }
        var threshold = 0.5
        if let thresholdNode = fields["threshold"] {
            guard let value = number(thresholdNode, field: "flapping.threshold", context: context) else { return nil }
            guard value > 0 && value <= 1 else {
                error(
                    "\(context)flapping: threshold must be a share of evaluations above 0 and at most 1, got \(value)",
                    at: Self.position(thresholdNode))
                return nil
            }
            threshold = value
        }
        return FlapDetection(window: window, threshold: threshold)
    }
}
