import SeismoCore

/// Parses PromQL text into a type-checked `PromQLExpression`.
///
/// A recursive-descent parser with precedence climbing for the infix operators, following Prometheus's
/// grammar: `^` binds tightest and groups to the right; then `* / % atan2`; `+ -`; comparisons;
/// `and unless`; `or`. A leading sign binds like `*` (so `-a ^ b` is `-(a ^ b)`), and `[…]`, `offset` and `@`
/// bind tighter than any operator. The first problem found is thrown with its position; messages follow
/// Prometheus's wording.
public struct PromQLParser {
    var lexer: PromQLLexer
    /// The lookahead token.
    var token: PromQLToken
    /// End offset of the last token consumed, for node ranges.
    var previousEnd = 0
    /// How many `parseExpression` calls are open; bounded so hostile input cannot exhaust a thread's stack.
    var depth = 0

    /// The deepest nesting of parentheses, calls, aggregations, signs and `^` chains accepted. Real rules stay
    /// far below it; it keeps parsing, checking and printing well within a thread's default 8 MiB stack
    /// (debug builds use about 10 KiB per level).
    public static let maximumNesting = 128

    /// Parses and type-checks `text`.
    ///
    /// - Throws: `PromQLParseError` for a syntax error, an invalid regular expression or duration, an unknown
    ///   function, or a type error (`rate(x)` on an instant vector, comparison of scalars without `bool`, …).
    public static func parse(_ text: String) throws(PromQLParseError) -> PromQLExpression {
        var parser = try PromQLParser(text)
        let expression = try parser.parseWholeInput()
        try PromQLTypeChecker(lines: parser.lexer.lines).check(expression)
        return expression
    }

    /// Parses a duration as PromQL accepts it inside `[…]` and after `offset`: `5m`, `1h30m`, `250ms`, or a
    /// number of seconds (`90`, `1.5`). Returns nanoseconds, kept to the millisecond as Prometheus does.
    public static func parseDuration(_ text: String) throws(PromQLParseError) -> Int64 {
        // Lexed as if inside brackets, so `5m` is one duration token rather than a number and a name.
        var lexer = PromQLLexer(text, insideBrackets: true)
        if text.isEmpty { throw lexer.error("invalid duration \"\" (expected e.g. 30s, 5m, 1h30m, 250ms)", at: 0) }
        let token = try lexer.next()
        guard token.kind == .number || token.kind == .duration, token.start == 0, token.end == lexer.bytes.count
        else {
            throw lexer.error("invalid duration \"\(text)\" (expected e.g. 30s, 5m, 1h30m, 250ms)", at: 0)
        }
        let parser = PromQLParser(lexer: lexer, token: token)
        return try parser.durationValue(of: token, allowZero: true)
    }

    init(_ text: String) throws(PromQLParseError) {
        lexer = PromQLLexer(text)
        token = try lexer.next()
    }

    private init(lexer: PromQLLexer, token: PromQLToken) {
        self.lexer = lexer
        self.token = token
    }

    // MARK: Token plumbing

    /// Consumes the lookahead and reads the next token.
    mutating func advance() throws(PromQLParseError) {
        previousEnd = token.end
        token = try lexer.next()
    }

    /// The token after the lookahead, without consuming anything; nil if it cannot be lexed (the error is
    /// reported when the parser gets there).
    func peek() -> PromQLToken? {
        var copy = lexer
        return try? copy.next()
    }

    func isKeyword(_ keyword: PromQLToken.Keyword) -> Bool { token.kind == .keyword(keyword) }

    func range(from start: Int) -> SourceRange { lexer.lines.range(start, previousEnd) }

    func range(of token: PromQLToken) -> SourceRange { lexer.lines.range(token.start, token.end) }

    func error(_ message: String, at offset: Int) -> PromQLParseError { lexer.error(message, at: offset) }

    /// `unexpected <token> in <context>, expected <expected>` at the lookahead.
    func unexpected(in context: String? = nil, expected: String? = nil) -> PromQLParseError {
        var message = "unexpected " + token.description
        if let context { message += " in " + context }
        if let expected { message += ", expected " + expected }
        return error(message, at: token.start)
    }

    // MARK: Expressions

    mutating func parseWholeInput() throws(PromQLParseError) -> PromQLExpression {
        if token.kind == .eof { throw error("no expression found in input", at: 0) }
        let expression = try parseExpression(minimumPrecedence: 0)
        guard token.kind == .eof else { throw unexpected() }
        return expression
    }

    /// Parses operands joined by operators that bind at least as tightly as `minimumPrecedence`.
    mutating func parseExpression(minimumPrecedence: Int) throws(PromQLParseError) -> PromQLExpression {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumNesting {
            throw error("expression nested too deeply (more than \(Self.maximumNesting) levels)", at: token.start)
        }
        var lhs = try parseUnary()
        while case .op(let op) = token.kind, op.precedence >= minimumPrecedence {
            let operatorToken = token
            try advance()
            var returnsBool = false
            if isKeyword(.bool) {
                returnsBool = true
                try advance()
            }
            let matching = try parseVectorMatching()
            let rhs = try parseExpression(
                minimumPrecedence: op.isRightAssociative ? op.precedence : op.precedence + 1)
            lhs = .binary(
                BinaryOperation(
                    op: op, lhs: lhs, rhs: rhs, returnsBool: returnsBool, matching: matching,
                    sourceRange: lhs.sourceRange.merged(with: rhs.sourceRange),
                    operatorRange: range(of: operatorToken)))
        }
        return lhs
    }

    /// `on (…)` / `ignoring (…)` with an optional `group_left` / `group_right`, after an operator.
    mutating func parseVectorMatching() throws(PromQLParseError) -> VectorMatching? {
        let axis: VectorMatching.Axis
        if isKeyword(.on) {
            axis = .on
        } else if isKeyword(.ignoring) {
            axis = .ignoring
        } else {
            return nil
        }
        try advance()
        var matching = VectorMatching(axis: axis, labels: try parseGroupingLabels())
        if isKeyword(.groupLeft) || isKeyword(.groupRight) {
            let left = isKeyword(.groupLeft)
            try advance()
            let include = token.kind == .leftParen ? try parseGroupingLabels() : []
            matching.grouping = left ? .left(include) : .right(include)
        }
        return matching
    }

    /// A signed operand. The sign binds like `*`: it takes in `^` but not `*` or `+`, and folds into a
    /// number literal (`-1` is the number −1, as in Prometheus).
    mutating func parseUnary() throws(PromQLParseError) -> PromQLExpression {
        guard case .op(let op) = token.kind, op == .add || op == .subtract else {
            return try parsePostfix(try parsePrimary())
        }
        let start = token.start
        try advance()
        let operand = try parseExpression(minimumPrecedence: BinaryOperator.power.precedence)
        let sourceRange = lexer.lines.range(start, operand.sourceRange.end.offset)
        if case .number(var literal) = operand {
            if op == .subtract { literal.value = -literal.value }
            literal.sourceRange = sourceRange
            return .number(literal)
        }
        return .unary(UnaryOperation(op: op == .add ? .plus : .minus, operand: operand, sourceRange: sourceRange))
    }

    /// Literals, parentheses, selectors, calls and aggregations.
    mutating func parsePrimary() throws(PromQLParseError) -> PromQLExpression {
        let start = token.start
        switch token.kind {
        case .number, .duration:
            let value = try numberValue(of: token)
            try advance()
            return .number(NumberLiteral(value: value, sourceRange: range(from: start)))
        case .string:
            let value = token.stringValue
            try advance()
            return .string(StringLiteral(value: value, sourceRange: range(from: start)))
        case .leftParen:
            try advance()
            let inner = try parseExpression(minimumPrecedence: 0)
            guard token.kind == .rightParen else { throw unexpected(in: "parentheses", expected: "\")\"") }
            try advance()
            return .parenthesized(ParenthesizedExpression(expression: inner, sourceRange: range(from: start)))
        case .leftBrace:
            return .vectorSelector(try parseVectorSelector(name: nil))
        case .identifier:
            if peek()?.kind == .leftParen { return try parseFunctionCall() }
            return .vectorSelector(try parseVectorSelector(name: token))
        case .metricIdentifier:
            return .vectorSelector(try parseVectorSelector(name: token))
        case .aggregator(let op):
            switch peek()?.kind {
            case .leftParen?, .keyword(.by)?, .keyword(.without)?: return try parseAggregation(op)
            default: return .vectorSelector(try parseVectorSelector(name: token))
            }
        // Prometheus lets these keywords double as metric names.
        case .keyword(.by), .keyword(.without), .keyword(.offset), .keyword(.start), .keyword(.end),
            .op(.and), .op(.or), .op(.unless):
            return .vectorSelector(try parseVectorSelector(name: token))
        default:
            throw unexpected()
        }
    }

    /// `[range]`, `[range:step]`, `offset d` and `@ t`, in any order after an operand.
    mutating func parsePostfix(_ operand: PromQLExpression) throws(PromQLParseError) -> PromQLExpression {
        var expression = operand
        while true {
            switch token.kind {
            case .leftBracket: expression = try parseRangeOrSubquery(expression)
            case .keyword(.offset): expression = try parseOffset(expression)
            case .at: expression = try parseAt(expression)
            default: return expression
            }
        }
    }

    // MARK: Calls and aggregations

    mutating func parseFunctionCall() throws(PromQLParseError) -> PromQLExpression {
        let name = token
        try advance()
        let arguments = try parseArguments(context: "function call")
        guard let function = PromQLFunction(rawValue: name.text) else {
            throw error("unknown function with name \"\(name.text)\"", at: name.start)
        }
        return .call(FunctionCall(function: function, arguments: arguments, sourceRange: range(from: name.start)))
    }

    /// `(a, b, …)`, the lookahead being `(`.
    mutating func parseArguments(context: String) throws(PromQLParseError) -> [PromQLExpression] {
        try advance()
        var arguments: [PromQLExpression] = []
        if token.kind == .rightParen {
            try advance()
            return arguments
        }
        while true {
            arguments.append(try parseExpression(minimumPrecedence: 0))
            switch token.kind {
            case .comma:
                let comma = token
                try advance()
                if token.kind == .rightParen {
                    throw error("trailing commas not allowed in function call args", at: comma.start)
                }
            case .rightParen:
                try advance()
                return arguments
            default:
                throw unexpected(in: context, expected: "\",\" or \")\"")
            }
        }
    }

    mutating func parseAggregation(_ op: AggregationOperator) throws(PromQLParseError) -> PromQLExpression {
        let start = token.start
        try advance()
        var grouping = try parseAggregationGrouping()
        guard token.kind == .leftParen else { throw unexpected(in: "aggregation", expected: "\"(\"") }
        let arguments = try parseArguments(context: "aggregation")
        if grouping == nil { grouping = try parseAggregationGrouping() }
        let sourceRange = range(from: start)
        if arguments.isEmpty { throw error("no arguments for aggregate expression provided", at: start) }
        let expected = op.parameterType == nil ? 1 : 2
        guard arguments.count == expected else {
            throw error(
                "wrong number of arguments for aggregate expression provided, expected \(expected), got \(arguments.count)",
                at: start)
        }
        return .aggregation(
            Aggregation(
                op: op, parameter: expected == 2 ? arguments[0] : nil, expression: arguments[expected - 1],
                grouping: grouping, sourceRange: sourceRange))
    }

    mutating func parseAggregationGrouping() throws(PromQLParseError) -> Aggregation.Grouping? {
        if isKeyword(.by) {
            try advance()
            return .by(try parseGroupingLabels())
        }
        if isKeyword(.without) {
            try advance()
            return .without(try parseGroupingLabels())
        }
        return nil
    }

    /// `(a, b)` after `by`, `without`, `on`, `ignoring`, `group_left`, `group_right`. Keywords are label names
    /// here; a trailing comma is allowed.
    mutating func parseGroupingLabels() throws(PromQLParseError) -> [String] {
        guard token.kind == .leftParen else { throw unexpected(in: "grouping opts", expected: "\"(\"") }
        try advance()
        var labels: [String] = []
        while true {
            if token.kind == .rightParen {
                try advance()
                return labels
            }
            switch token.kind {
            case .identifier, .keyword, .aggregator, .op(.and), .op(.or), .op(.unless), .op(.atan2):
                labels.append(token.text)
            default:
                throw unexpected(in: "grouping opts", expected: "label")
            }
            try advance()
            switch token.kind {
            case .comma: try advance()
            case .rightParen: continue
            default: throw unexpected(in: "grouping opts", expected: "\",\" or \")\"")
            }
        }
    }
}
