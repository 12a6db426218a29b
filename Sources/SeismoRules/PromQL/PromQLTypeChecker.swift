/// Checks a parsed expression the way Prometheus's `checkAST` does, children before parents, and throws the
/// first problem: argument counts and types, operand types, `bool` and vector-matching rules, and selectors
/// that would match every series.
///
/// Beyond Prometheus, it also checks at parse time what Prometheus only finds when evaluating: the regular
/// expression and label names given to `label_replace` and `label_join`.
struct PromQLTypeChecker {
    let lines: LineIndex

    func check(_ expression: PromQLExpression) throws(PromQLParseError) {
        _ = try type(of: expression)
    }

    private func error(_ message: String, at range: SourceRange) -> PromQLParseError {
        PromQLParseError(position: range.start, message: message)
    }

    /// Checks `expression` and returns its type.
    @discardableResult
    private func type(of expression: PromQLExpression) throws(PromQLParseError) -> PromQLValueType {
        switch expression {
        case .number, .string:
            break
        case .vectorSelector(let selector):
            try checkSelector(selector)
        case .matrixSelector(let matrix):
            try checkSelector(matrix.selector)
        case .subquery(let subquery):
            let inner = try type(of: subquery.expression)
            if inner != .instantVector {
                throw error("subquery is only allowed on instant vector, got \(inner) instead", at: subquery.sourceRange)
            }
        case .call(let call):
            try checkCall(call)
        case .aggregation(let aggregation):
            try expect(aggregation.expression, .instantVector, in: "aggregation expression")
            if let parameter = aggregation.parameter, let wanted = aggregation.op.parameterType {
                try expect(parameter, wanted, in: "aggregation parameter")
            }
        case .binary(let binary):
            try checkBinary(binary)
        case .unary(let unary):
            let operand = try type(of: unary.operand)
            if operand != .scalar, operand != .instantVector {
                throw error(
                    "unary expression only allowed on expressions of type scalar or instant vector, got \"\(operand)\"",
                    at: unary.sourceRange)
            }
        case .parenthesized(let paren):
            try type(of: paren.expression)
        }
        return expression.type
    }

    private func expect(
        _ expression: PromQLExpression, _ wanted: PromQLValueType, in context: String
    ) throws(PromQLParseError) {
        let actual = try type(of: expression)
        if actual != wanted {
            throw error("expected type \(wanted) in \(context), got \(actual)", at: expression.sourceRange)
        }
    }

    private func checkSelector(_ selector: VectorSelector) throws(PromQLParseError) {
        if let name = selector.metricName {
            if let explicit = selector.matchers.first(where: { $0.name == "__name__" }) {
                throw error(
                    "metric name must not be set twice: \"\(name)\" or \"\(explicit.value)\"", at: selector.sourceRange)
            }
            return
        }
        // A selector must not match every series by accident (`{}`, `{a=""}`, `{a=~".*"}`).
        if !selector.matchers.contains(where: { !$0.matches("") }) {
            throw error("vector selector must contain at least one non-empty matcher", at: selector.sourceRange)
        }
    }

    private func checkCall(_ call: FunctionCall) throws(PromQLParseError) {
        let function = call.function
        let count = call.arguments.count
        let name = "\"\(function.rawValue)\""
        if function.variadic == 0, count != function.argumentTypes.count {
            throw error(
                "expected \(function.argumentTypes.count) argument(s) in call to \(name), got \(count)",
                at: call.sourceRange)
        }
        if count < function.minimumArguments {
            throw error(
                "expected at least \(function.minimumArguments) argument(s) in call to \(name), got \(count)",
                at: call.sourceRange)
        }
        if let maximum = function.maximumArguments, count > maximum {
            throw error("expected at most \(maximum) argument(s) in call to \(name), got \(count)", at: call.sourceRange)
        }
        for (index, argument) in call.arguments.enumerated() {
            guard let wanted = function.argumentType(at: index) else { break }
            try expect(argument, wanted, in: "call to function \(name)")
        }
        try checkLabelArguments(call)
    }

    /// `label_replace(v, dst, replacement, src, regex)` and `label_join(v, dst, separator, src…)`.
    private func checkLabelArguments(_ call: FunctionCall) throws(PromQLParseError) {
        func literal(_ index: Int) -> (String, SourceRange)? {
            guard index < call.arguments.count, case .string(let string) = call.arguments[index].unparenthesized
            else { return nil }
            return (string.value, call.arguments[index].sourceRange)
        }
        let name = call.function.rawValue
        switch call.function {
        case .labelReplace:
            if let (destination, where_) = literal(1), !Self.isLabelName(destination) {
                throw error("invalid destination label name in \(name)(): \"\(destination)\"", at: where_)
            }
            if let (pattern, where_) = literal(4) {
                do {
                    _ = try PromQLRegex(pattern)
                } catch {
                    throw self.error("invalid regular expression in \(name)(): \(error.reason)", at: where_)
                }
            }
        case .labelJoin:
            if let (destination, where_) = literal(1), !Self.isLabelName(destination) {
                throw error("invalid destination label name in \(name)(): \"\(destination)\"", at: where_)
            }
            for index in 3..<max(3, call.arguments.count) {
                if let (source, where_) = literal(index), !Self.isLabelName(source) {
                    throw error("invalid source label name in \(name)(): \"\(source)\"", at: where_)
                }
            }
        default:
            break
        }
    }

    private func checkBinary(_ binary: BinaryOperation) throws(PromQLParseError) {
        let left = try type(of: binary.lhs)
        let right = try type(of: binary.rhs)
        let op = binary.op
        if binary.returnsBool, !op.isComparison {
            throw error("bool modifier can only be used on comparison operators", at: binary.operatorRange)
        }
        if op.isComparison, !binary.returnsBool, left == .scalar, right == .scalar {
            throw error("comparisons between scalars must use BOOL modifier", at: binary.operatorRange)
        }
        if let matching = binary.matching, matching.axis == .on, let grouping = matching.grouping {
            let included: [String]
            switch grouping {
            case .left(let labels), .right(let labels): included = labels
            }
            if let label = matching.labels.first(where: included.contains) {
                throw error("label \"\(label)\" must not occur in ON and GROUP clause at once", at: binary.operatorRange)
            }
        }
        if left != .scalar, left != .instantVector {
            throw error("binary expression must contain only scalar and instant vector types", at: binary.lhs.sourceRange)
        }
        if right != .scalar, right != .instantVector {
            throw error("binary expression must contain only scalar and instant vector types", at: binary.rhs.sourceRange)
        }
        if left != .instantVector || right != .instantVector {
            if let matching = binary.matching, !matching.labels.isEmpty {
                throw error("vector matching only allowed between instant vectors", at: binary.sourceRange)
            }
        } else if op.isSetOperator, binary.matching?.grouping != nil {
            throw error("no grouping allowed for \"\(op)\" operation", at: binary.sourceRange)
        }
        if op.isSetOperator, left == .scalar || right == .scalar {
            throw error("set operator \"\(op)\" not allowed in binary scalar expression", at: binary.sourceRange)
        }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, the label names the rest of Seismo's PromQL subset accepts.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, PromQLLexer.isAlpha(first) else { return false }
        return name.utf8.allSatisfy(PromQLLexer.isAlphanumeric)
    }
}
