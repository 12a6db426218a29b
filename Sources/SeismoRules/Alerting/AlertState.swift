/// Where one alert (one rule, one label set) stands.
public enum AlertState: String, Sendable, Equatable {
    /// The condition does not hold (or has not held long enough to matter).
    case inactive
    /// The condition holds, for less than the rule's `for` so far.
    case pending
    /// The condition has held for `for`, or stopped holding less than `keep_firing_for` ago.
    case firing
    /// A firing alert that stopped; reported once, then the alert is inactive.
    case resolved
}
