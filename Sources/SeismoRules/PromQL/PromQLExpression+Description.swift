/// Printing an expression back as PromQL.
///
/// The output parses to the same tree: parentheses are nodes, so none are added or dropped, and numbers,
/// strings and durations are written in forms the lexer reads back exactly. The layout is Prometheus's
/// (`sum by (job) (rate(x[5m]))`, `a / on (job) group_left (team) b`), so normalised rules read familiarly.
extension PromQLExpression: CustomStringConvertible {
    public var description: String {
        switch self {
        case .number(let literal):
            return PromQLStringQuoting.number(literal.value)
        case .string(let literal):
            return PromQLStringQuoting.quoted(literal.value)
        case .vectorSelector(let selector):
            return Self.selectorText(selector) + Self.modifiers(at: selector.at, offset: selector.offset)
        case .matrixSelector(let matrix):
            return Self.selectorText(matrix.selector) + "[" + PromQLStringQuoting.duration(matrix.range) + "]"
                + Self.modifiers(at: matrix.selector.at, offset: matrix.selector.offset)
        case .subquery(let subquery):
            let step = subquery.step.map(PromQLStringQuoting.duration) ?? ""
            return subquery.expression.description + "[" + PromQLStringQuoting.duration(subquery.range) + ":" + step
                + "]" + Self.modifiers(at: subquery.at, offset: subquery.offset)
        case .call(let call):
            return call.function.rawValue + "(" + call.arguments.map(\.description).joined(separator: ", ") + ")"
        case .aggregation(let aggregation):
            var text = aggregation.op.rawValue
            switch aggregation.grouping {
            case .by(let labels)?: text += " by (" + labels.joined(separator: ", ") + ") "
            case .without(let labels)?: text += " without (" + labels.joined(separator: ", ") + ") "
            case nil: break
            }
            let arguments = (aggregation.parameter.map { [$0] } ?? []) + [aggregation.expression]
            return text + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
        case .binary(let binary):
            var text = binary.lhs.description + " " + binary.op.rawValue
            if binary.returnsBool { text += " bool" }
            if let matching = binary.matching {
                text += " \(matching.axis.rawValue) (" + matching.labels.joined(separator: ", ") + ")"
                switch matching.grouping {
                // The list is always written, even when empty: a bare `group_left` followed by a parenthesised
                // operand would read the operand as the label list.
                case .left(let labels)?: text += " group_left (" + labels.joined(separator: ", ") + ")"
                case .right(let labels)?: text += " group_right (" + labels.joined(separator: ", ") + ")"
                case nil: break
                }
            }
            return text + " " + binary.rhs.description
        case .unary(let unary):
            return unary.op.rawValue + unary.operand.description
        case .parenthesized(let paren):
            return "(" + paren.expression.description + ")"
        }
    }

    private static func selectorText(_ selector: VectorSelector) -> String {
        let name = selector.metricName ?? ""
        if selector.matchers.isEmpty, !name.isEmpty { return name }
        return name + "{" + selector.matchers.map(\.description).joined(separator: ",") + "}"
    }

    private static func modifiers(at: AtModifier?, offset: Int64?) -> String {
        var text = ""
        switch at {
        case .timestamp(let nanoseconds)?:
            let milliseconds = nanoseconds / 1_000_000
            text += " @ " + (milliseconds < 0 ? "-" : "") + "\(milliseconds.magnitude / 1000)"
            let fraction = milliseconds.magnitude % 1000
            if fraction != 0 {
                var digits = String(fraction)
                digits = String(repeating: "0", count: 3 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                text += "." + digits
            }
        case .start?: text += " @ start()"
        case .end?: text += " @ end()"
        case nil: break
        }
        if let offset {
            text += " offset " + (offset < 0 ? "-" : "") + PromQLStringQuoting.duration(offset.magnitude > UInt64(Int64.max) ? Int64.max : Int64(offset.magnitude))
        }
        return text
    }
}
