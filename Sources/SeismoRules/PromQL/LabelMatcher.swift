/// One `name op "value"` condition of a vector selector.
public struct LabelMatcher: Hashable, Sendable, CustomStringConvertible {
    /// How the label's value is compared.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case doesNotMatchRegex = "!~"
    }

    public var name: String
    public var op: Operator
    /// The value as written (unescaped); for the regex operators, the pattern.
    public var value: String
    /// The compiled pattern for `=~` and `!~`; nil for `=` and `!=`.
    public var regex: PromQLRegex?
    public var sourceRange: SourceRange

    /// Builds a matcher, compiling the pattern for the regex operators.
    public init(name: String, op: Operator, value: String, sourceRange: SourceRange = .none) throws(PromQLRegex.SyntaxError) {
        self.name = name
        self.op = op
        self.value = value
        self.sourceRange = sourceRange
        switch op {
        case .equal, .notEqual: regex = nil
        case .matchesRegex, .doesNotMatchRegex: regex = try PromQLRegex(value)
        }
    }

    /// An `=` matcher, which has no pattern to compile and so cannot fail.
    public static func equal(_ name: String, _ value: String, sourceRange: SourceRange = .none) -> LabelMatcher {
        LabelMatcher(name: name, op: .equal, value: value, regex: nil, sourceRange: sourceRange)
    }

    private init(name: String, op: Operator, value: String, regex: PromQLRegex?, sourceRange: SourceRange) {
        self.name = name
        self.op = op
        self.value = value
        self.regex = regex
        self.sourceRange = sourceRange
    }

    /// Whether a series whose label `name` has `labelValue` (the empty string when the label is absent) passes.
    public func matches(_ labelValue: String) -> Bool {
        switch op {
        case .equal: labelValue == value
        case .notEqual: labelValue != value
        case .matchesRegex: regex?.matches(labelValue) ?? false
        case .doesNotMatchRegex: !(regex?.matches(labelValue) ?? false)
        }
    }

    /// `name="value"` with the value quoted as PromQL reads it back.
    public var description: String { name + op.rawValue + PromQLStringQuoting.quoted(value) }
}
