import SeismoCore

/// Bounds and definitions of a backtest report; the defaults suit week-long replays.
public struct ReportSettings: Sendable, Equatable {
    /// Most series on one chart: label sets that fired first, then the first ones seen.
    public var maxLinesPerChart = 6
    /// Buckets per series (each gives up to two points: its lowest and highest value).
    public var bucketsPerLine = 400
    /// A re-firing within this long (ns) of the same label set's resolution counts as a flap.
    public var flapWindow: Int64 = AlertTally.defaultFlapWindow
    /// Firing spans kept per alert for drawing before neighbours are merged (the numbers stay exact).
    public var maxSpansPerAlert = 2000

    public init() {}
}
