/// A point in expression text: 1-based line and column, 0-based offset.
///
/// Columns and offsets count UTF-8 bytes, as Prometheus does, so `seismo check` reports the same columns as
/// `promtool check rules` (they differ from character counts only after non-ASCII text on the same line).
public struct SourcePosition: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in UTF-8 bytes from the start of the line.
    public var column: Int
    /// 0-based offset in UTF-8 bytes from the start of the text.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of any text.
    public static let start = SourcePosition(line: 1, column: 1, offset: 0)

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool { lhs.offset < rhs.offset }

    /// `line:column`, the prefix of error messages.
    public var description: String { "\(line):\(column)" }
}
