/// One SLO's part of a report: its error-budget burn-down (`seismo_slo_budget_remaining` over time), one line per
/// `by` label set.
public struct SLOReport: Sendable, Equatable {
    public var name: String
    /// The objective (0.999), shown beside the name.
    public var objective: Double
    public var lines: [ChartLine]
    /// Label sets left off the chart.
    public var omittedSeries: Int

    public init(name: String, objective: Double, lines: [ChartLine] = [], omittedSeries: Int = 0) {
        self.name = name
        self.objective = objective
        self.lines = lines
        self.omittedSeries = omittedSeries
    }
}
