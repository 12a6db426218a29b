/// A place in a rule file: 1-based line and column.
///
/// Columns count Unicode scalars, as the YAML parser does, so a tab or a multi-byte character is one column.
public struct RuleFilePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: RuleFilePosition, rhs: RuleFilePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
