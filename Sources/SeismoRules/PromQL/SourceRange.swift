/// The half-open stretch of expression text a syntax node was parsed from.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    /// The first byte of the node.
    public var start: SourcePosition
    /// One past the last byte of the node.
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// The empty range at the start of the text; what `withoutSourceRanges()` puts on every node.
    public static let none = SourceRange(start: .start, end: .start)

    /// The smallest range covering both.
    public func merged(with other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
