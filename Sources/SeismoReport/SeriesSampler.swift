import Foundation
import SeismoCore
import SeismoEngine
import SeismoRules

/// The `RuleTickObserver` of a backtest report: after every rule tick, samples from the series store the series
/// each chart shows (see `ChartState`) into bounded downsampled lines.
///
/// Memory stays bounded on long replays: per chart at most `maxLinesPerChart` series of `bucketsPerLine` buckets,
/// plus one id per matching series. The evaluation thread calls `ruleTickCompleted`; the report reads the charts
/// after the run. A lock, taken once per tick, orders the two.
public final class SeriesSampler: RuleTickObserver, @unchecked Sendable {
    private let lock = NSLock()
    private let plan: ChartPlan
    private let settings: ReportSettings
    private let recorder: AlertSpanRecorder
    private var alertCharts: [ChartState]
    private var sloCharts: [ChartState]
    private var alertIndex: [String: Int] = [:]
    private var lookup = SeriesLookup()
    private var firstTick: Int64?
    private var lastTick: Int64?

    /// - Parameter recorder: the report's alert sink, which says which alerts started firing at each tick.
    public init(ruleSet: RuleSet, recorder: AlertSpanRecorder, settings: ReportSettings = ReportSettings()) {
        plan = ChartPlan(ruleSet: ruleSet)
        self.settings = settings
        self.recorder = recorder
        alertCharts = plan.alerts.map(ChartState.init(subject:))
        sloCharts = plan.slos.map(ChartState.init(subject:))
        for (i, subject) in plan.alerts.enumerated() { alertIndex[subject.name] = i }
    }

    public func ruleTickCompleted(at time: Int64, store: SeriesStore) {
        lock.lock()
        defer { lock.unlock() }
        let first = firstTick ?? time
        firstTick = first
        lastTick = time
        var fired = Array(repeating: [[Label]](), count: alertCharts.count)
        for alert in recorder.takeNewlyFiring() {
            if let i = alertIndex[alert.alert] { fired[i].append(alert.labels) }
        }
        for i in alertCharts.indices {
            alertCharts[i].advance(
                to: time, firstTick: first, fired: fired[i], store: store, lookup: &lookup, plan: plan, settings: settings
            )
        }
        for i in sloCharts.indices {
            sloCharts[i].advance(to: time, firstTick: first, fired: [], store: store, lookup: &lookup, plan: plan, settings: settings)
        }
    }

    /// The event times of the first and last tick; nil before any.
    public var tickRange: ClosedRange<Int64>? {
        lock.lock()
        defer { lock.unlock() }
        guard let firstTick, let lastTick else { return nil }
        return firstTick...lastTick
    }

    /// The charts so far: per alert name (rule-file order) its expressions, lines, omitted count and threshold,
    /// without numbers or spans (the recorder has those); per SLO its burn-down.
    public func charts() -> (alerts: [AlertReport], slos: [SLOReport]) {
        lock.lock()
        defer { lock.unlock() }
        let alerts = alertCharts.map { chart in
            AlertReport(
                name: chart.subject.name, expressions: chart.subject.expressions, lines: chart.lines(),
                omittedSeries: chart.omitted, threshold: chart.subject.threshold
            )
        }
        let slos = sloCharts.map { chart in
            SLOReport(name: chart.subject.name, objective: chart.subject.objective ?? 0, lines: chart.lines(), omittedSeries: chart.omitted)
        }
        return (alerts, slos)
    }
}
