import SeismoEngine
import SeismoRules

/// A backtest report in the making: install it into an engine configuration, run the engine, then take its
/// `data` and render it.
///
/// ```swift
/// let report = BacktestReport(ruleSet: ruleSet)
/// report.install(into: &configuration)
/// _ = Engine(configuration: configuration, logger: logger).run(fd: 0, rejectOutput: { _ in })
/// let html = HTMLReportRenderer.render(report.data(title: "stdin"))
/// ```
public final class BacktestReport: Sendable {
    /// Collects alert spans and numbers (an `AlertSink`).
    public let recorder: AlertSpanRecorder
    /// Samples the charted series after every rule tick (a `RuleTickObserver`).
    public let sampler: SeriesSampler

    public init(ruleSet: RuleSet, settings: ReportSettings = ReportSettings()) {
        recorder = AlertSpanRecorder(flapWindow: settings.flapWindow, maxSpansPerAlert: settings.maxSpansPerAlert)
        sampler = SeriesSampler(ruleSet: ruleSet, recorder: recorder, settings: settings)
    }

    /// Adds the recorder to the alert sinks and makes the sampler the tick observer (replacing any other).
    public func install(into configuration: inout EngineConfiguration) {
        configuration.alertSinks.append(recorder)
        configuration.tickObserver = sampler
    }

    /// Everything recorded, from the first rule tick to the last; call after the run.
    public func data(title: String) -> ReportData {
        let range = sampler.tickRange ?? 0...0
        var (alerts, slos) = sampler.charts()
        for i in alerts.indices {
            let tally = recorder.tally(of: alerts[i].name)
            alerts[i].statistics = tally.statistics(at: range.upperBound)
            alerts[i].spans = tally.spans
        }
        return ReportData(title: title, start: range.lowerBound, end: range.upperBound, alerts: alerts, slos: slos)
    }
}
