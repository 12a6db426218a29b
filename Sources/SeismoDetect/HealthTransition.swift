/// A change of a dependency's health class, with the window as it was when the class changed.
public struct HealthTransition: Sendable, Equatable {
    public var from: HealthClass
    public var to: HealthClass
    /// Event time of the call, counter sample or clock advance that caused the change (ns since the epoch).
    public var time: Int64
    public var calls: Int
    public var errors: Int
    public var slowCalls: Int
    /// errors / calls.
    public var errorRate: Double
    /// (calls that failed or were slow) / calls: the rate the classification used. Equals `errorRate` without a
    /// slow-call threshold.
    public var badRate: Double
    /// Mean latency over the calls in the window that had one; nil if none did.
    public var meanLatency: Double?

    public init(from: HealthClass, to: HealthClass, time: Int64, counts: HealthWindowCounts) {
        self.from = from
        self.to = to
        self.time = time
        calls = counts.calls
        errors = counts.errors
        slowCalls = counts.slowCalls
        errorRate = counts.errorRate
        badRate = counts.badRate
        meanLatency = counts.meanLatency
    }
}
