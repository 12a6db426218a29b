/// A change of an alert's state, for the caller to report (one JSON line, one Alertmanager update).
public struct AlertTransition: Sendable, Equatable {
    public var state: AlertState
    /// Evaluation time of the change, ns.
    public var time: Int64
    /// When the condition started holding (the start of pending), ns.
    public var activeAt: Int64
    /// The expression's value at this evaluation (the last value seen, for a resolve).
    public var value: Double
    /// Whether the alert is held because it flaps.
    public var flapping: Bool

    public init(state: AlertState, time: Int64, activeAt: Int64, value: Double, flapping: Bool) {
        self.state = state
        self.time = time
        self.activeAt = activeAt
        self.value = value
        self.flapping = flapping
    }
}
