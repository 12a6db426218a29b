import SeismoRules

/// A destination for alert state changes besides the JSON-lines output: Alertmanager delivery, a backtest
/// report, a live status view.
///
/// The evaluation thread calls `receive` for every event in order, then `flush` whenever it runs out of input and
/// once at the end. Implementations must return quickly (queue, don't block): the evaluator waits for them.
public protocol AlertSink: AnyObject, Sendable {
    /// One alert state change, in `seq` order.
    func receive(_ event: AlertEvent)
    /// The evaluator is idle or finished: hand on what is buffered.
    func flush()
}
