/// The names of the series Seismo's rule-file extensions publish, and of the labels that tell them apart.
///
/// Expressions select them like any other series, at the same evaluation times: a group's rules see the outputs
/// of the group's extensions as of the current evaluation. Recording rules may not record into these names.
public enum ExtensionSeries {
    // MARK: Detectors — labels: the input series' labels, `metric` (the input's metric name) and `detector`.

    /// 1 while the latest sample of the series is anomalous, else 0.
    public static let anomaly = "seismo_anomaly"
    /// 1 − the two-sided Gaussian tail probability of |z|, in [0, 1]: 0.9973 at three standard deviations; 0 while
    /// warming up and for deviations in a direction not watched.
    public static let anomalyScore = "seismo_anomaly_score"
    /// Signed deviation of the latest sample from the baseline, in standard deviations (±Inf when the baseline has
    /// no spread and the sample differs from it).
    public static let anomalyZ = "seismo_anomaly_z"
    /// The baseline level the latest sample was judged against (the median for `robust`).
    public static let anomalyBaseline = "seismo_anomaly_baseline"
    /// The baseline spread (1.4826 · MAD for `robust`); the band is baseline ± sensitivity · stddev.
    public static let anomalyStddev = "seismo_anomaly_stddev"

    // MARK: Health classifiers — labels: the key labels and `health`.

    /// 0 unknown (too few calls), 1 healthy, 2 degraded, 3 unhealthy.
    public static let healthState = "seismo_health_state"
    /// Share of failed or slow calls in the window, in [0, 1].
    public static let healthBadRatio = "seismo_health_bad_ratio"
    /// Calls in the window.
    public static let healthCalls = "seismo_health_calls"

    // MARK: SLOs — labels: the `by` labels and `slo`.

    /// Bad-event ratio over `window` divided by the error budget (1 − objective); labels add `window` (`5m`, `1h`…).
    public static let sloBurnRate = "seismo_slo_burn_rate"
    /// Share of the period's error budget left: 1 untouched, 0 spent, negative overspent.
    public static let sloBudgetRemaining = "seismo_slo_budget_remaining"
    /// Good events / all events over the period; absent before the first event.
    public static let sloCompliance = "seismo_slo_compliance"
    /// The objective, constant, for expressions such as `seismo_slo_compliance < seismo_slo_objective`.
    public static let sloObjective = "seismo_slo_objective"
    /// 1 while a burn-rate condition holds (both windows above its factor), else 0; labels add `severity`
    /// (`page`/`ticket`), `long_window` and `short_window`.
    public static let sloBurnCondition = "seismo_slo_burn_condition"

    // MARK: Invariants — labels: the violating series' labels and `invariant`.

    /// 1 for every series violating the invariant at this evaluation; absent otherwise.
    public static let invariantViolation = "seismo_invariant_violation"

    /// Every name above; a recording rule recording into one of them is refused.
    public static let reservedNames: Set<String> = [
        anomaly, anomalyScore, anomalyZ, anomalyBaseline, anomalyStddev,
        healthState, healthBadRatio, healthCalls,
        sloBurnRate, sloBudgetRemaining, sloCompliance, sloObjective, sloBurnCondition,
        invariantViolation,
    ]

    // MARK: Label names

    public static let detectorLabel = "detector"
    /// On detector outputs: the metric name of the input series (its `__name__`).
    public static let metricLabel = "metric"
    public static let healthLabel = "health"
    public static let sloLabel = "slo"
    public static let windowLabel = "window"
    public static let severityLabel = "severity"
    public static let longWindowLabel = "long_window"
    public static let shortWindowLabel = "short_window"
    public static let invariantLabel = "invariant"
}
