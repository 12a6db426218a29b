/// Something an `SLOTracker` tells its caller: a burn-rate condition started or stopped, or the consumed budget
/// crossed one of the configured shares.
public enum SLOEvent: Sendable, Equatable {
    case burnRate(BurnRateChange)
    case budget(BudgetChange)

    /// A burn-rate condition started (`firing`) or stopped.
    public struct BurnRateChange: Sendable, Equatable {
        /// Index into `SLOConfiguration.conditions`.
        public var conditionIndex: Int
        public var condition: BurnRateCondition
        public var firing: Bool
        /// Event time (ns) of the input that caused the change.
        public var time: Int64
        public var longBurnRate: Double
        public var shortBurnRate: Double
    }

    /// The consumed share of the budget reached a threshold (`exceeded`) or fell back below it.
    ///
    /// Each threshold raises `exceeded` once; it can only raise it again after a change with `exceeded == false`.
    public struct BudgetChange: Sendable, Equatable {
        public var threshold: Double
        public var exceeded: Bool
        /// Consumed share of the budget at that moment.
        public var consumed: Double
        public var time: Int64
    }
}
