/// How a dependency is doing, judged from the share of bad calls in its recent window.
public enum HealthClass: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Fewer calls in the window than `HealthConfiguration.minimumCalls`: too little to judge.
    case unknown
    case healthy
    case degraded
    case unhealthy

    /// 0 for unknown, then 1, 2, 3 from healthy to unhealthy; the number the engine publishes as the state series.
    public var severity: Int {
        switch self {
        case .unknown: 0
        case .healthy: 1
        case .degraded: 2
        case .unhealthy: 3
        }
    }

    public var description: String { rawValue }
}
