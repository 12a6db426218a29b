import SeismoCore

/// Selectors, ranges, subqueries, `offset`, `@`, and the values of number and duration tokens.
extension PromQLParser {
    /// `name`, `name{…}` or `{…}`; `name` is the lookahead when given.
    mutating func parseVectorSelector(name: PromQLToken?) throws(PromQLParseError) -> VectorSelector {
        let start = token.start
        if name != nil { try advance() }
        var matchers: [LabelMatcher] = []
        if token.kind == .leftBrace { matchers = try parseLabelMatchers() }
        return VectorSelector(metricName: name?.text, matchers: matchers, sourceRange: range(from: start))
    }

    /// `{a="x", b=~"y.*",}`, the lookahead being `{`.
    mutating func parseLabelMatchers() throws(PromQLParseError) -> [LabelMatcher] {
        try advance()
        var matchers: [LabelMatcher] = []
        while token.kind != .rightBrace {
            guard token.kind == .identifier else {
                throw unexpected(in: "label matching", expected: "identifier or \"}\"")
            }
            let name = token
            try advance()
            let op: LabelMatcher.Operator
            switch token.kind {
            case .assign: op = .equal
            case .op(.notEqual): op = .notEqual
            case .regexMatch: op = .matchesRegex
            case .regexNoMatch: op = .doesNotMatchRegex
            default: throw unexpected(in: "label matching", expected: "label matching operator")
            }
            try advance()
            guard token.kind == .string else { throw unexpected(in: "label matching", expected: "string") }
            let value = token.stringValue
            try advance()
            do {
                matchers.append(
                    try LabelMatcher(name: name.text, op: op, value: value, sourceRange: range(from: name.start)))
            } catch {
                throw self.error(error.description, at: name.start)
            }
            switch token.kind {
            case .comma: try advance()
            case .rightBrace: break
            default: throw unexpected(in: "label matching", expected: "\",\" or \"}\"")
            }
        }
        try advance()
        return matchers
    }

    /// `[5m]` after a vector selector, or `[1h:5m]` / `[1h:]` after any expression.
    mutating func parseRangeOrSubquery(_ operand: PromQLExpression) throws(PromQLParseError) -> PromQLExpression {
        let open = token
        try advance()
        guard token.kind == .number || token.kind == .duration else {
            throw unexpected(in: "subquery selector", expected: "number or duration")
        }
        let rangeLength = try durationValue(of: token, allowZero: false)
        try advance()
        switch token.kind {
        case .rightBracket:
            try advance()
            guard case .vectorSelector(let selector) = operand else {
                throw error("ranges only allowed for vector selectors", at: open.start)
            }
            if selector.offset != nil { throw error("no offset modifiers allowed before range", at: open.start) }
            if selector.at != nil { throw error("no @ modifiers allowed before range", at: open.start) }
            return .matrixSelector(
                MatrixSelector(
                    selector: selector, range: rangeLength,
                    sourceRange: lexer.lines.range(operand.sourceRange.start.offset, previousEnd)))
        case .colon:
            try advance()
            var step: Int64?
            if token.kind == .number || token.kind == .duration {
                step = try durationValue(of: token, allowZero: false)
                try advance()
                guard token.kind == .rightBracket else { throw unexpected(in: "subquery selector", expected: "\"]\"") }
            } else if token.kind != .rightBracket {
                throw unexpected(in: "subquery selector", expected: "number or duration or \"]\"")
            }
            try advance()
            return .subquery(
                Subquery(
                    expression: operand, range: rangeLength, step: step,
                    sourceRange: lexer.lines.range(operand.sourceRange.start.offset, previousEnd)))
        default:
            throw unexpected(in: "subquery or range", expected: "\":\" or \"]\"")
        }
    }

    /// `offset 5m` or `offset -5m`.
    mutating func parseOffset(_ operand: PromQLExpression) throws(PromQLParseError) -> PromQLExpression {
        try advance()
        var negative = false
        if token.kind == .op(.subtract) {
            negative = true
            try advance()
        }
        guard token.kind == .number || token.kind == .duration else {
            throw unexpected(in: "offset", expected: "number or duration")
        }
        let magnitude = try durationValue(of: token, allowZero: true)
        try advance()
        let offset = negative ? -magnitude : magnitude
        let start = operand.sourceRange.start.offset
        let alreadySet = error("offset may not be set multiple times", at: start)
        var result = operand
        switch operand {
        case .vectorSelector(var selector):
            if selector.offset != nil { throw alreadySet }
            selector.offset = offset
            result = .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.offset != nil { throw alreadySet }
            matrix.selector.offset = offset
            result = .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.offset != nil { throw alreadySet }
            subquery.offset = offset
            result = .subquery(subquery)
        default:
            throw error(
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                at: start)
        }
        result.sourceRange = range(from: start)
        return result
    }

    /// `@ 1700000000`, `@ -5.5`, `@ start()`, `@ end()`.
    mutating func parseAt(_ operand: PromQLExpression) throws(PromQLParseError) -> PromQLExpression {
        try advance()
        let at: AtModifier
        switch token.kind {
        case .keyword(.start), .keyword(.end):
            let isStart = token.kind == .keyword(.start)
            try advance()
            guard token.kind == .leftParen else { throw unexpected(in: "@", expected: "\"(\"") }
            try advance()
            guard token.kind == .rightParen else { throw unexpected(in: "@", expected: "\")\"") }
            try advance()
            at = isStart ? .start : .end
        default:
            var sign = 1.0
            if case .op(let op) = token.kind, op == .add || op == .subtract {
                sign = op == .subtract ? -1 : 1
                try advance()
            }
            guard token.kind == .number || token.kind == .duration else {
                throw unexpected(in: "@", expected: "timestamp")
            }
            let seconds = sign * (try numberValue(of: token))
            // Kept to the millisecond as Prometheus does, and bounded so it fits Seismo's nanosecond clock.
            let milliseconds = (seconds * 1000).rounded()
            guard milliseconds.isFinite, milliseconds.magnitude < Double(Int64.max / 1_000_000) else {
                throw error("timestamp out of bounds for @ modifier: \(seconds)", at: token.start)
            }
            try advance()
            at = .timestamp(Int64(milliseconds) * 1_000_000)
        }
        let start = operand.sourceRange.start.offset
        let alreadySet = error("@ <timestamp> may not be set multiple times", at: start)
        var result = operand
        switch operand {
        case .vectorSelector(var selector):
            if selector.at != nil { throw alreadySet }
            selector.at = at
            result = .vectorSelector(selector)
        case .matrixSelector(var matrix):
            if matrix.selector.at != nil { throw alreadySet }
            matrix.selector.at = at
            result = .matrixSelector(matrix)
        case .subquery(var subquery):
            if subquery.at != nil { throw alreadySet }
            subquery.at = at
            result = .subquery(subquery)
        default:
            throw error(
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                at: start)
        }
        result.sourceRange = range(from: start)
        return result
    }

    // MARK: Token values

    /// The value of a number token, or of a duration token in seconds (`5m` is 300).
    func numberValue(of token: PromQLToken) throws(PromQLParseError) -> Double {
        if token.kind == .duration {
            return Double(try durationValue(of: token, allowZero: true)) / 1e9
        }
        guard let value = Self.number(token.text) else {
            throw error("error parsing number: \"\(token.text)\"", at: token.start)
        }
        return value
    }

    /// The length of a duration token, or of a number token read as seconds, in nanoseconds (whole ms).
    func durationValue(of token: PromQLToken, allowZero: Bool) throws(PromQLParseError) -> Int64 {
        let nanoseconds: Int64
        if token.kind == .duration {
            do {
                nanoseconds = try PromDuration.nanoseconds(token.text)
            } catch {
                throw self.error(error.description, at: token.start)
            }
        } else {
            let seconds = try numberValue(of: token)
            let milliseconds = (seconds * 1000).rounded(.towardZero)
            guard milliseconds.isFinite, milliseconds.magnitude < Double(Int64.max / 1_000_000) else {
                throw error("duration out of range", at: token.start)
            }
            nanoseconds = Int64(milliseconds) * 1_000_000
        }
        if !allowZero, nanoseconds == 0 { throw error("duration must be greater than 0", at: token.start) }
        return nanoseconds
    }

    /// Reads a number token's text the way Prometheus does: Go's `ParseInt(s, 0, 64)` first (so `0x1f` is hex
    /// and `017` octal), then `ParseFloat`; `Inf` and `NaN` in any case; `_` between digits.
    static func number(_ text: String) -> Double? {
        let lower = text.lowercased()
        if lower == "inf" { return .infinity }
        if lower == "nan" { return .nan }
        let digits = lower.filter { $0 != "_" }
        if digits.hasPrefix("0x") { return integer(digits.dropFirst(2), radix: 16) }
        if digits.count > 1, digits.hasPrefix("0"), digits.allSatisfy({ ("0"..."7").contains($0) }) {
            return integer(digits.dropFirst(), radix: 8)
        }
        return Double(digits)
    }

    /// An unsigned integer in `radix`, exact up to 2^53 and rounded beyond.
    private static func integer(_ digits: Substring, radix: Int) -> Double? {
        guard !digits.isEmpty else { return nil }
        if let exact = UInt64(digits, radix: radix) { return Double(exact) }
        var value = 0.0
        for character in digits {
            guard let digit = character.hexDigitValue, digit < radix else { return nil }
            value = value * Double(radix) + Double(digit)
        }
        return value
    }
}
