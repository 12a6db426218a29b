/// The unit of integer timestamps in line protocol (`--precision`).
public enum TimestampPrecision: String, CaseIterable, Sendable {
    case ns, us, ms, s

    /// Nanoseconds per unit.
    public var multiplier: Int64 {
        switch self {
        case .ns: 1
        case .us: 1_000
        case .ms: 1_000_000
        case .s: 1_000_000_000
        }
    }
}
