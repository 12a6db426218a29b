/// Everything a backtest report shows, as plain values: `BacktestReport` builds it from a run, tests build it
/// directly, and `HTMLReportRenderer` turns it into a page.
public struct ReportData: Sendable, Equatable {
    /// The page's heading (e.g. the input's name).
    public var title: String
    /// Event time (ns) the charts start at: the first rule evaluation.
    public var start: Int64
    /// Event time (ns) the charts end at: the last rule evaluation. Alerts still firing are counted up to here.
    public var end: Int64
    /// One entry per alert name (alerting rules and invariants), in rule-file order.
    public var alerts: [AlertReport]
    /// One entry per SLO, in rule-file order.
    public var slos: [SLOReport]

    public init(title: String, start: Int64, end: Int64, alerts: [AlertReport] = [], slos: [SLOReport] = []) {
        self.title = title
        self.start = start
        self.end = end
        self.alerts = alerts
        self.slos = slos
    }
}
