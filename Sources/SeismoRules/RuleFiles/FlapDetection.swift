/// `flapping: {window: N, threshold: share}` on an alerting rule: over the last `window` evaluations, a share of
/// condition changes at or above `threshold` marks the alert flapping, and a flapping alert is held firing.
public struct FlapDetection: Hashable, Sendable {
    /// Evaluations looked back over, 2...64.
    public var window: Int
    /// Share of changes, in (0, 1].
    public var threshold: Double

    public init(window: Int, threshold: Double) {
        self.window = window
        self.threshold = threshold
    }
}
