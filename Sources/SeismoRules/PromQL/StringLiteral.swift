/// A string: `"a\n"`, `'b'` or `` `raw` ``, kept unescaped.
public struct StringLiteral: Hashable, Sendable {
    public var value: String
    public var sourceRange: SourceRange

    public init(value: String, sourceRange: SourceRange = .none) {
        self.value = value
        self.sourceRange = sourceRange
    }
}
