/// What the live status view shows, as of one moment: an immutable value the display thread renders.
///
/// Built by `StatusBoard.snapshot(at:)` from what the reader and the evaluation thread last published.
public struct StatusSnapshot: Sendable, Equatable {
    /// One SLO series (`seismo_slo_budget_remaining`) and its latest value.
    public struct SLO: Sendable, Equatable {
        /// The `slo` label, with the SLO's `by` labels in braces when it has any.
        public var name: String
        /// Share of the period's error budget left: 1 untouched, 0 spent, negative overspent.
        public var budgetRemaining: Double
        public init(name: String, budgetRemaining: Double) {
            self.name = name
            self.budgetRemaining = budgetRemaining
        }
        /// Share of the budget consumed, clamped to 0...1 for bars (overspent shows as full).
        public var budgetConsumed: Double { min(1, max(0, 1 - budgetRemaining)) }
    }

    /// An alert firing now.
    public struct FiringAlert: Sendable, Equatable {
        public var alert: String
        /// Labels other than `alertname`, as `name="value"` pairs joined by commas.
        public var labels: String
        /// Event time it started firing, ns since the epoch.
        public var since: Int64
        public init(alert: String, labels: String, since: Int64) {
            self.alert = alert
            self.labels = labels
            self.since = since
        }
    }

    /// Monotonic clock of the moment, ns (for rates between two snapshots).
    public var monotonic: UInt64
    public var lines: UInt64 = 0
    public var samples: UInt64 = 0
    public var rejected: UInt64 = 0
    public var bytesRead: UInt64 = 0
    /// Distinct input series.
    public var series = 0
    public var evaluated: UInt64 = 0
    /// The engine's event clock, ns since the epoch; nil before the first sample.
    public var eventTime: Int64?
    /// Sorted by name.
    public var slos: [SLO] = []
    /// Health classifiers in state 3 (`seismo_health_state == 3`), as `health{key labels}`; sorted.
    public var unhealthy: [String] = []
    /// Sorted by alert name, then labels.
    public var firing: [FiringAlert] = []
    /// Alerts pending (their `for` not yet over).
    public var pending = 0

    public init(monotonic: UInt64) { self.monotonic = monotonic }
}
