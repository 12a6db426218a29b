/// The state machine of one alert (one rule and label set): inactive → pending → firing → resolved.
///
/// Fed once per evaluation of its rule, it returns the transition the caller must report, if any. Prometheus
/// semantics (`for`, `keep_firing_for`; a pending alert that stops holding goes back to inactive silently), plus:
/// - **hysteresis**: with a clear condition, a firing alert resolves only once its condition is gone *and* the
///   clear condition holds (e.g. fire above 90%, clear below 80%);
/// - **flap detection**: when the share of state changes over the last `flapWindow` evaluations reaches
///   `flapThreshold`, the alert is held firing and marked flapping until the changes calm down.
public struct AlertLifecycle: Sendable, Equatable {
    public internal(set) var state: AlertState = .inactive
    public internal(set) var activeAt: Int64 = 0
    /// The first evaluation at which a firing alert's condition was gone, ns (for `keep_firing_for`, as
    /// Prometheus's `KeepFiringSince`).
    var keepFiringSince: Int64?
    var lastValue: Double = 0
    public internal(set) var flapping = false
    /// One bit per recent evaluation: 1 where the raw condition changed from the evaluation before.
    var changes: UInt64 = 0
    var evaluations = 0
    var previousCondition = false
    public internal(set) var timing: AlertTiming

    public init(timing: AlertTiming) {
        self.timing = timing
    }

    /// True when nothing is left to remember: the caller may drop this alert.
    public var isDormant: Bool { state == .inactive && !flapping && changes == 0 }

    /// One evaluation at `time`: whether the alert's expression returned this label set, its value, and whether
    /// the clear condition holds (`true` when the rule has none).
    public mutating func evaluate(at time: Int64, active: Bool, value: Double, cleared: Bool = true) -> AlertTransition? {
        let wasFlapping = flapping
        trackFlapping(active)
        if active {
            keepFiringSince = nil
            lastValue = value
        }
        switch state {
        case .inactive, .resolved:
            guard active else {
                state = .inactive
                return nil
            }
            activeAt = time
            if timing.holdFor == 0 {
                state = .firing
                return transition(.firing, time)
            }
            state = .pending
            return transition(.pending, time)
        case .pending:
            guard active else {
                state = .inactive
                return nil  // as Prometheus: a pending alert that stops holding is dropped, never reported
            }
            if time - activeAt >= timing.holdFor {
                state = .firing
                return transition(.firing, time)
            }
            return nil
        case .firing:
            // Becoming flapping (or calming down) while firing is news: report it with the firing state.
            if flapping != wasFlapping { return transition(.firing, time) }
            if active || flapping { return nil }
            let since = keepFiringSince ?? time
            keepFiringSince = since
            if time - since < timing.keepFiringFor { return nil }
            if !cleared { return nil }
            state = .resolved
            keepFiringSince = nil
            return transition(.resolved, time)
        }
    }

    /// This alert's state under new timing settings, for a rule reloaded with a changed `for`, `keep_firing_for`
    /// or flap window: the state, `activeAt`, the `keep_firing_for` clock and the flap history carry over (the
    /// history cut to the new window), and the new settings apply from the next evaluation.
    public func retimed(_ timing: AlertTiming) -> AlertLifecycle {
        var copy = self
        copy.timing = timing
        if timing.flapWindow == 0 {
            copy.changes = 0
            copy.evaluations = 0
            copy.flapping = false
        } else {
            let mask: UInt64 = timing.flapWindow == 64 ? .max : (1 << UInt64(timing.flapWindow)) - 1
            copy.changes &= mask
            copy.evaluations = min(copy.evaluations, timing.flapWindow)
        }
        return copy
    }

    private func transition(_ state: AlertState, _ time: Int64) -> AlertTransition {
        AlertTransition(state: state, time: time, activeAt: activeAt, value: lastValue, flapping: flapping)
    }

    private mutating func trackFlapping(_ condition: Bool) {
        guard timing.flapWindow > 0 else { return }
        let mask: UInt64 = timing.flapWindow == 64 ? .max : (1 << UInt64(timing.flapWindow)) - 1
        changes = ((changes << 1) | (evaluations > 0 && condition != previousCondition ? 1 : 0)) & mask
        previousCondition = condition
        evaluations += 1
        let share = Double(changes.nonzeroBitCount) / Double(timing.flapWindow)
        flapping = evaluations >= timing.flapWindow ? share >= timing.flapThreshold : false
    }
}
