/// One alert rule's part of a report: its numbers, its firing spans and the series it looked at.
public struct AlertReport: Sendable, Equatable {
    /// The alert's name; rules sharing a name share one report.
    public var name: String
    /// The expressions of the rules with this name, as written.
    public var expressions: [String]
    public var statistics: AlertStatistics
    /// Firing spans of every label set, by start time (an alert still firing at the end has no `end`).
    public var spans: [AlertSpan]
    /// The series charted: the expression's inputs, or for an anomaly alert the detector's inputs with its band.
    public var lines: [ChartLine]
    /// Matching series left off the chart to keep it readable.
    public var omittedSeries: Int
    /// The constant the expression compares against (`x > 120`), drawn as a dashed line; nil when there is none.
    public var threshold: Double?

    public init(
        name: String, expressions: [String] = [], statistics: AlertStatistics = AlertStatistics(), spans: [AlertSpan] = [],
        lines: [ChartLine] = [], omittedSeries: Int = 0, threshold: Double? = nil
    ) {
        self.name = name
        self.expressions = expressions
        self.statistics = statistics
        self.spans = spans
        self.lines = lines
        self.omittedSeries = omittedSeries
        self.threshold = threshold
    }
}
