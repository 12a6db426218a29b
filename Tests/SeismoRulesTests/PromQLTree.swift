import SeismoRules

/// A fully parenthesised, prefix rendering of a tree, so tests can state how an expression grouped:
/// `1 + 2 * 3` is `(+ 1 (* 2 3))`.
enum PromQLTree {
    static func render(_ expression: PromQLExpression) -> String {
        switch expression {
        case .number(let literal): return PromQLExpression.number(literal).description
        case .string(let literal): return PromQLExpression.string(literal).description
        case .vectorSelector, .matrixSelector: return expression.description
        case .subquery(let subquery):
            return "(subquery \(render(subquery.expression)) \(subquery.range) \(subquery.step.map(String.init) ?? "-"))"
        case .call(let call):
            return "(\(call.function.rawValue)" + call.arguments.map { " " + render($0) }.joined() + ")"
        case .aggregation(let aggregation):
            var text = "(\(aggregation.op.rawValue)"
            switch aggregation.grouping {
            case .by(let labels)?: text += " by[\(labels.joined(separator: ","))]"
            case .without(let labels)?: text += " without[\(labels.joined(separator: ","))]"
            case nil: break
            }
            if let parameter = aggregation.parameter { text += " " + render(parameter) }
            return text + " " + render(aggregation.expression) + ")"
        case .binary(let binary):
            var op = binary.op.rawValue
            if binary.returnsBool { op += " bool" }
            if let matching = binary.matching {
                op += " \(matching.axis.rawValue)[\(matching.labels.joined(separator: ","))]"
                switch matching.grouping {
                case .left(let labels)?: op += " left[\(labels.joined(separator: ","))]"
                case .right(let labels)?: op += " right[\(labels.joined(separator: ","))]"
                case nil: break
                }
            }
            return "(\(op) \(render(binary.lhs)) \(render(binary.rhs)))"
        case .unary(let unary):
            return "(\(unary.op.rawValue) \(render(unary.operand)))"
        case .parenthesized(let paren):
            return "[" + render(paren.expression) + "]"
        }
    }

    /// Parses `text` and renders it, or renders the error.
    static func parse(_ text: String) -> String {
        do {
            return render(try PromQLParser.parse(text))
        } catch {
            return "error: \(error)"
        }
    }
}
