import SeismoCore

/// When a health classifier or SLO publishes its outputs: at once when its state changes, otherwise once per
/// event-time second, with the state as it stood after the last input of that second, and at each flush.
///
/// Keyed on event time only, so the same input gives the same published series whatever the batching. The state
/// of a second is published when the first input of a later second arrives (before that input is applied) or at
/// the next flush, whichever comes first; between the two, the newest state is held back ("pending").
struct PublicationSchedule {
    /// Event time of the newest input whose resulting state has not been published.
    private(set) var pending: Int64?
    /// Event time of the newest input, in arrival order; nil before the first.
    private(set) var lastInput: Int64?

    /// Call before applying an input at `time`: the time at which the current (pre-input) state must be published
    /// first, because it closes an earlier second; nil when nothing is due.
    mutating func beforeInput(at time: Int64) -> Int64? {
        guard let pending, Self.second(of: pending) != Self.second(of: time) else { return nil }
        self.pending = nil
        return pending
    }

    /// Call after applying an input at `time`: true when the new state must be published now, at `time` (it
    /// changed); otherwise it is held back until its second closes.
    mutating func afterInput(at time: Int64, changed: Bool) -> Bool {
        lastInput = time
        pending = changed ? nil : time
        return changed
    }

    /// Takes the held-back state's time, for a flush.
    mutating func takePending() -> Int64? {
        defer { pending = nil }
        return pending
    }

    /// The whole event-time second holding `time` (rounded towards −∞, so times before 1970 work too).
    static func second(of time: Int64) -> Int64 {
        let second = time / Timestamp.nanosecondsPerSecond
        return time % Timestamp.nanosecondsPerSecond < 0 ? second - 1 : second
    }
}
