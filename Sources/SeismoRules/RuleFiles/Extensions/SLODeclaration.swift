import SeismoDetect

/// `slos:` in a group: a service-level objective with its error budget and multiwindow burn rates.
///
/// Published as `seismo_slo_burn_rate{slo="<name>", window="1h"}` for every window of its burn-rate conditions,
/// `seismo_slo_budget_remaining`, `seismo_slo_compliance`, `seismo_slo_objective` and
/// `seismo_slo_burn_condition{severity, long_window, short_window}` (1 while a condition holds), each with the `by`
/// labels when the SLO is split.
public struct SLODeclaration: Equatable, Sendable {
    /// How events are counted and judged.
    public enum Indicator: Equatable, Sendable {
        /// Counters of good and of all events (`good:` and `total:`).
        case goodTotal(good: VectorSelector, total: VectorSelector)
        /// Counters of bad and of all events (`bad:` and `total:`).
        case badTotal(bad: VectorSelector, total: VectorSelector)
        /// One sample per event, non-zero good and 0 bad (`success:`).
        case outcomes(selector: VectorSelector)
        /// One sample per event holding its latency; good when at most the threshold (`latency:` and `threshold:`,
        /// the threshold being in `configuration.indicator`).
        case latency(selector: VectorSelector)
    }

    /// The `slo` label of the outputs; unique among the SLOs of all loaded files.
    public var name: String
    public var indicator: Indicator
    /// Labels splitting the SLO into one per distinct value set (e.g. `[service]`); empty: one SLO over all events.
    public var by: [String]
    /// Objective, period, burn-rate conditions and bucket sizes, validated.
    public var configuration: SLOConfiguration
    /// Labels added to every output series.
    public var labels: [String: String]
    public var position: RuleFilePosition

    public init(
        name: String, indicator: Indicator, by: [String] = [], configuration: SLOConfiguration,
        labels: [String: String] = [:], position: RuleFilePosition
    ) {
        self.name = name
        self.indicator = indicator
        self.by = by
        self.configuration = configuration
        self.labels = labels
        self.position = position
    }

    /// Every long and short window of the burn-rate conditions, ascending and without repeats: the `window` label
    /// values of `seismo_slo_burn_rate` (formatted with `PromDuration.format`).
    public var burnRateWindows: [Int64] {
        Array(Set(configuration.conditions.flatMap { [$0.longWindow, $0.shortWindow] })).sorted()
    }
}
