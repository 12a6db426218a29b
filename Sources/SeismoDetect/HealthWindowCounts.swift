/// What a health window holds: calls, errors, slow calls and latencies of the calls still inside it.
public struct HealthWindowCounts: Sendable, Equatable {
    public var calls = 0
    /// Calls that failed.
    public var errors = 0
    /// Calls slower than `HealthConfiguration.slowCallThreshold` (always 0 without one).
    public var slowCalls = 0
    /// Calls that failed, were slow, or both: what the classification counts.
    public var badCalls = 0
    /// Calls that came with a latency (counter increments carry none).
    public var latencyCount = 0
    public var latencySum = 0.0

    public init() {}

    /// errors / calls, 0 for an empty window.
    public var errorRate: Double { calls == 0 ? 0 : Double(errors) / Double(calls) }
    /// slowCalls / calls, 0 for an empty window.
    public var slowCallRate: Double { calls == 0 ? 0 : Double(slowCalls) / Double(calls) }
    /// badCalls / calls, 0 for an empty window: the rate compared with the thresholds.
    public var badRate: Double { calls == 0 ? 0 : Double(badCalls) / Double(calls) }
    /// Mean latency of the calls that had one, nil if none did.
    public var meanLatency: Double? { latencyCount == 0 ? nil : latencySum / Double(latencyCount) }
}

extension HealthWindowCounts: BucketCounts {
    static var zero: HealthWindowCounts { HealthWindowCounts() }

    mutating func add(_ other: HealthWindowCounts) {
        calls += other.calls
        errors += other.errors
        slowCalls += other.slowCalls
        badCalls += other.badCalls
        latencyCount += other.latencyCount
        latencySum += other.latencySum
    }

    mutating func subtract(_ other: HealthWindowCounts) {
        calls -= other.calls
        errors -= other.errors
        slowCalls -= other.slowCalls
        badCalls -= other.badCalls
        latencyCount -= other.latencyCount
        // An empty window sums to exactly 0, whatever rounding the subtractions left behind.
        latencySum = latencyCount == 0 ? 0 : latencySum - other.latencySum
    }
}
