/// An instant vector selector: `http_requests_total{job="api",code=~"5.."} offset 5m @ 1700000000`.
public struct VectorSelector: Hashable, Sendable {
    /// The metric name written before the braces, or nil for `{__name__="x"}` and other brace-only forms.
    public var metricName: String?
    /// The matchers written inside the braces, in source order (the metric name is not among them).
    public var matchers: [LabelMatcher]
    /// `offset` in nanoseconds (negative looks ahead), or nil when none was written.
    public var offset: Int64?
    public var at: AtModifier?
    public var sourceRange: SourceRange

    public init(
        metricName: String?, matchers: [LabelMatcher] = [], offset: Int64? = nil, at: AtModifier? = nil,
        sourceRange: SourceRange = .none
    ) {
        self.metricName = metricName
        self.matchers = matchers
        self.offset = offset
        self.at = at
        self.sourceRange = sourceRange
    }

    /// Every condition a series must meet, the metric name included as `__name__="…"` (last, as Prometheus
    /// orders them).
    public var allMatchers: [LabelMatcher] {
        guard let metricName else { return matchers }
        return matchers + [.equal("__name__", metricName, sourceRange: sourceRange)]
    }
}
