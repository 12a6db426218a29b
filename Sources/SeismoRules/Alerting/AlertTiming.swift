/// The timing and stability settings of an alerting rule, in ns and evaluation counts.
public struct AlertTiming: Sendable, Equatable {
    /// How long the condition must hold before pending turns firing (`for`); 0 fires at once.
    public var holdFor: Int64
    /// How long a firing alert keeps firing after the condition stops (`keep_firing_for`).
    public var keepFiringFor: Int64
    /// Flap detection: over the last `flapWindow` evaluations, a share of state changes at or above
    /// `flapThreshold` marks the alert flapping. 0 disables it.
    public var flapWindow: Int
    public var flapThreshold: Double

    public init(holdFor: Int64 = 0, keepFiringFor: Int64 = 0, flapWindow: Int = 0, flapThreshold: Double = 0.5) {
        precondition(holdFor >= 0 && keepFiringFor >= 0, "AlertTiming: durations must not be negative")
        precondition(flapWindow >= 0 && flapWindow <= 64, "AlertTiming: flapWindow must be 0...64 evaluations")
        precondition(flapThreshold > 0 && flapThreshold <= 1, "AlertTiming: flapThreshold must be in (0, 1]")
        self.holdFor = holdFor
        self.keepFiringFor = keepFiringFor
        self.flapWindow = flapWindow
        self.flapThreshold = flapThreshold
    }
}
