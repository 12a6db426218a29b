import SeismoCore

/// A multiwindow burn-rate condition: true while the burn rate over both its long and its short window is above
/// `factor` (Google SRE workbook, "Alerting on SLOs", recipe 6).
///
/// The long window says the budget is really being spent that fast; the short window makes the condition clear
/// soon after the spending stops.
public struct BurnRateCondition: Sendable, Equatable {
    /// What the condition asks of a person.
    public enum Severity: String, Sendable, Hashable {
        case page
        case ticket
    }

    public var severity: Severity
    /// ns.
    public var longWindow: Int64
    /// ns.
    public var shortWindow: Int64
    /// Burn rate both windows must exceed (strictly).
    public var factor: Double

    public init(severity: Severity, longWindow: Int64, shortWindow: Int64, factor: Double) {
        self.severity = severity
        self.longWindow = longWindow
        self.shortWindow = shortWindow
        self.factor = factor
    }

    /// The workbook's conditions, scaled to `period`.
    ///
    /// For a 30-day period: 1 h and 5 m above 14.4 → page (2% of the budget spent in an hour), 6 h and 30 m above 6
    /// → page (5% in six hours), 3 d and 6 h above 1 → ticket (10% in three days). For another period the factors
    /// scale with it so each condition still means the same share of the budget (a 7-day period pages at 14.4 × 7/30
    /// = 3.36); conditions whose long window exceeds the period are left out.
    public static func defaults(for period: Int64) -> [BurnRateCondition] {
        let minute: Int64 = 60 * Timestamp.nanosecondsPerSecond
        let hour = 60 * minute
        let thirtyDays = 30 * 24 * hour
        let scale = Double(period) / Double(thirtyDays)
        return [
            BurnRateCondition(severity: .page, longWindow: hour, shortWindow: 5 * minute, factor: 14.4 * scale),
            BurnRateCondition(severity: .page, longWindow: 6 * hour, shortWindow: 30 * minute, factor: 6 * scale),
            BurnRateCondition(severity: .ticket, longWindow: 72 * hour, shortWindow: 6 * hour, factor: 1 * scale),
        ].filter { $0.longWindow <= period }
    }
}
