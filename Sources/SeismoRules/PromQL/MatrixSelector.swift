/// A range vector selector: `http_requests_total{job="api"}[5m]`, with any `offset` and `@` kept on `selector`.
public struct MatrixSelector: Hashable, Sendable {
    public var selector: VectorSelector
    /// The window length in nanoseconds, greater than zero.
    public var range: Int64
    public var sourceRange: SourceRange

    public init(selector: VectorSelector, range: Int64, sourceRange: SourceRange = .none) {
        self.selector = selector
        self.range = range
        self.sourceRange = sourceRange
    }
}
