import SeismoIngest

/// What `WorkloadGenerator` produces: how many series and lines, in which format, from which seed, over which
/// stretch of event time, and which anomalies to inject.
///
/// Lines go round-robin over the series: line `i` is sample `i / series` of series `i % series`, so each series
/// gets `lines / series` samples (the first `lines % series` series one more). Sample `k` of series `s` is
/// stamped `start + k * interval + s * (interval / series)`: the stream is in time order and each series is
/// evenly spaced.
public struct WorkloadSpec: Sendable, Equatable {
    /// Number of series, at least 1.
    public var series: Int
    /// Number of data lines (one sample of one series each). Header lines (`# HELP`/`# TYPE`, the CSV header)
    /// come on top; see `WorkloadGenerator.headerLineCount`.
    public var lines: Int
    /// Output format; `.auto` is not a format and traps.
    public var format: InputFormat
    /// Same spec and seed give byte-identical output.
    public var seed: UInt64
    /// Event time of the first sample, ns since the epoch.
    public var start: Int64
    /// Time between two samples of one series, ns. Formats with coarser timestamps (ms, Graphite's seconds)
    /// truncate; keep `interval` at or above the format's resolution to avoid equal timestamps.
    public var interval: Int64
    /// Period of the daily-like cycle of traffic-driven series, ns.
    public var dayPeriod: Int64
    /// Expected counter resets (process restarts) per 1,000 samples of a counter series; 0 disables them.
    /// Resets are normal behaviour, not ground-truth anomalies, and never fall inside an anomaly.
    public var counterResetRate: Double
    public var anomalies: AnomalyPlan

    /// 2026-11-01T00:00:00Z.
    public static let defaultStart: Int64 = 1_793_491_200 * 1_000_000_000

    public init(
        series: Int = 100,
        lines: Int = 100_000,
        format: InputFormat = .influx,
        seed: UInt64 = 1,
        start: Int64 = WorkloadSpec.defaultStart,
        interval: Int64 = 10 * 1_000_000_000,
        dayPeriod: Int64 = 86_400 * 1_000_000_000,
        counterResetRate: Double = 0.05,
        anomalies: AnomalyPlan = AnomalyPlan()
    ) {
        self.series = series
        self.lines = lines
        self.format = format
        self.seed = seed
        self.start = start
        self.interval = interval
        self.dayPeriod = dayPeriod
        self.counterResetRate = counterResetRate
        self.anomalies = anomalies
    }

    /// Samples series `index` gets.
    public func sampleCount(ofSeries index: Int) -> Int {
        lines / series + (index < lines % series ? 1 : 0)
    }

    /// Event time of sample `sample` of series `index`, ns, before any truncation by the format.
    public func timestamp(series index: Int, sample: Int) -> Int64 {
        start &+ Int64(sample) &* interval &+ Int64(index) &* (interval / Int64(series))
    }
}
