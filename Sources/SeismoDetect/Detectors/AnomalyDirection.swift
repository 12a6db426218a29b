/// Which deviations count as anomalies.
public enum AnomalyDirection: String, Sendable, CaseIterable {
    /// Only values above the baseline (e.g. latency, error counts).
    case above
    /// Only values below the baseline (e.g. throughput, free space).
    case below
    case both
}
