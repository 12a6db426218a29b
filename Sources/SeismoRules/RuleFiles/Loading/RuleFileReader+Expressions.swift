import Yams

/// Expressions, selectors and templates: checks whose problems lie inside a value, reported at their own position.
extension RuleFileReader {
    /// `text` (the value of `node`) parsed and type-checked; nil after recording the parser's problem.
    mutating func expression(_ text: String, in node: Node, context: String) -> PromQLExpression? {
        do {
            return try PromQLParser.parse(text)
        } catch {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let lineIndex = min(max(error.position.line - 1, 0), lines.count - 1)
            // The parser counts UTF-8 bytes; the file's columns count Unicode scalars.
            let bytes = Array(lines[lineIndex].utf8.prefix(max(error.position.column - 1, 0)))
            let column = String(decoding: bytes, as: UTF8.self).unicodeScalars.count
            report(
                "\(context)could not parse expression: \(error.message)", in: node, valueLine: lineIndex,
                valueColumn: column, inner: "\(error.position.line):\(error.position.column)"
            )
            return nil
        }
    }

    /// A `selector:`-like field: present, and a series selector without `offset` or `@`.
    mutating func selector(
        _ node: Node?, field: String, context: String, required: Bool = true, at position: RuleFilePosition
    ) -> VectorSelector? {
        guard let node, let text = string(node, field: field, context: context) else {
            if required { error("\(context)field \(field) must be set", at: position) }
            return nil
        }
        guard !text.allSatisfy(\.isWhitespace) else {
            error("\(context)field \(field) must not be empty", at: Self.position(node))
            return nil
        }
        guard let expression = expression(text, in: node, context: context) else { return nil }
        guard case .vectorSelector(let selector) = expression, selector.offset == nil, selector.at == nil else {
            error(
                "\(context)field \(field) must be a series selector such as http_requests_total{job=\"api\"}, not an "
                    + "expression (record the expression with a recording rule and select that)",
                at: Self.position(node)
            )
            return nil
        }
        return selector
    }

    /// Checks every value as a Go template, reporting problems at their position in the value.
    ///
    /// - Parameter kind: `label` or `annotation`, for messages.
    mutating func checkTemplates(_ entries: [(name: String, key: Node, value: Node, text: String)], kind: String, context: String) {
        for entry in entries {
            guard let problem = TemplateSyntax.check(entry.text) else { continue }
            // The problem's offset counts scalars over the whole value; split it into line and column.
            var line = 0
            var column = 0
            for (index, scalar) in entry.text.unicodeScalars.enumerated() {
                if index == problem.offset { break }
                if scalar == "\n" {
                    line += 1
                    column = 0
                } else {
                    column += 1
                }
            }
            report(
                "\(context)\(kind) \"\(entry.name)\": template: \(problem.message)", in: entry.value, valueLine: line,
                valueColumn: column, inner: "\(line + 1):\(column + 1)"
            )
        }
    }

    /// Reports `message` at a place inside a scalar's value, or at the scalar with the inner position spelled out
    /// when the value's layout in the file cannot be followed.
    private mutating func report(_ message: String, in node: Node, valueLine: Int, valueColumn: Int, inner: String) {
        if case .scalar(let scalar) = node, let position = source.position(in: scalar, valueLine: valueLine, valueColumn: valueColumn) {
            error(message, at: position)
        } else {
            error("\(message) (at \(inner) of the value)", at: Self.position(node))
        }
    }
}
