/// One lexical unit of a PromQL expression, located by byte offsets.
struct PromQLToken: Sendable {
    /// Words that have a meaning of their own outside label braces (matched case-insensitively).
    enum Keyword: String, Sendable {
        case offset, by, without, on, ignoring, bool, start, end
        case groupLeft = "group_left"
        case groupRight = "group_right"
    }

    enum Kind: Equatable, Sendable {
        case eof
        case identifier
        /// An identifier containing `:` (recording-rule names such as `job:requests:rate5m`).
        case metricIdentifier
        case number
        case duration
        case string
        case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket, comma, colon
        /// `=`, only meaningful inside braces.
        case assign
        /// Any infix operator, `and`/`or`/`unless`/`atan2` included; `!=` is also the matcher.
        case op(BinaryOperator)
        case regexMatch, regexNoMatch
        case at
        case keyword(Keyword)
        case aggregator(AggregationOperator)
    }

    var kind: Kind
    /// Byte offsets of the token in the text, `start..<end`.
    var start: Int
    var end: Int
    /// The source text of the token.
    var text: String
    /// For `.string`, the value after unescaping.
    var stringValue: String = ""

    /// How error messages name the token, following Prometheus (`identifier "foo"`, `<op:+>`, `<by>`, `")"`).
    var description: String {
        switch kind {
        case .eof: "end of input"
        case .identifier: "identifier \"\(text)\""
        case .metricIdentifier: "metric identifier \"\(text)\""
        case .number: "number \"\(text)\""
        case .duration: "duration \"\(text)\""
        case .string: "string " + (text.unicodeScalars.count > 40 ? String(text.prefix(37)) + "..." : text)
        case .keyword: "<\(text)>"
        case .aggregator: "<aggr:\(text)>"
        case .op, .regexMatch, .regexNoMatch, .at: "<op:\(text)>"
        default: "\"\(text)\""
        }
    }
}
