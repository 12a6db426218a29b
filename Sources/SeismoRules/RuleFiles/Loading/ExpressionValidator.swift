/// Says whether an expression parses, and if not, where and why: the seam between rule-file loading and the PromQL
/// parser.
///
/// The loader calls it for every `expr` of a recording, alerting or invariant rule and for every selector of a
/// detector, health classifier or SLO. It knows nothing of PromQL itself, so that rule files can be loaded and
/// checked (YAML, fields, types, durations, names, templates) by a module that does not parse expressions.
///
/// Connecting the parser is one closure:
///
/// ```swift
/// let promQL = ExpressionValidator { text in
///     do { _ = try PromQLParser.parse(text); return nil }
///     catch { return .init(line: error.position.line, column: error.position.column, message: error.message) }
/// }
/// ```
public struct ExpressionValidator: Sendable {
    /// Why an expression does not parse.
    public struct Problem: Hashable, Sendable {
        /// 1-based line within the expression text.
        public var line: Int
        /// 1-based column within that line, in UTF-8 bytes (as Prometheus counts them).
        public var column: Int
        /// What is wrong, without the position, e.g. `unexpected "}" in label matching, expected string`.
        public var message: String

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// nil when `text` parses.
    public let check: @Sendable (String) -> Problem?

    public init(_ check: @escaping @Sendable (String) -> Problem?) {
        self.check = check
    }
}
