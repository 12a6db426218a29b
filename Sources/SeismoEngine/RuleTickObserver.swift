import SeismoRules

/// Watches rule evaluation from inside the evaluation thread: a backtest report samples the series its charts
/// need after every tick.
///
/// The evaluator calls `ruleTickCompleted` once per evaluation time, after every group due then has run and its
/// alert events have gone to the sinks, with the store as the rules just saw it. The store belongs to the
/// evaluation thread: read it during the call only, through its public query API, and return quickly.
public protocol RuleTickObserver: AnyObject, Sendable {
    /// Every group due at `time` (event time, ns) has been evaluated against `store`.
    func ruleTickCompleted(at time: Int64, store: SeriesStore)
}
