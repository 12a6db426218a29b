/// Why an expression could not be evaluated, with Prometheus's wording and where in the expression it happened.
public struct PromQLEvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that react to one in particular.
    public enum Kind: Hashable, Sendable {
        /// Two series of one result would have the same label set (e.g. after dropping the metric name).
        case duplicateLabelSet
        /// The "one" side of a match has several series for one set of matching labels.
        case manyToManyMatching
        /// Several series on the "many" side match one series without `group_left`/`group_right`, or a grouped
        /// match produces one result label set twice.
        case ambiguousMatching
        /// A parameter or argument is out of range (`topk` by NaN, an invalid label name, a bad regex).
        case invalidArgument
        /// An operand has a type the operation cannot take. The parser's type checker rules these out; seeing one
        /// means an expression was built by hand.
        case typeMismatch
    }

    public var kind: Kind
    /// The message as Prometheus words it.
    public var message: String
    /// The part of the expression that failed.
    public var sourceRange: SourceRange

    public init(_ kind: Kind, _ message: String, at sourceRange: SourceRange) {
        self.kind = kind
        self.message = message
        self.sourceRange = sourceRange
    }

    public var description: String { message }

    static func duplicateLabelSet(at range: SourceRange) -> PromQLEvaluationError {
        PromQLEvaluationError(.duplicateLabelSet, "vector cannot contain metrics with the same labelset", at: range)
    }
}
