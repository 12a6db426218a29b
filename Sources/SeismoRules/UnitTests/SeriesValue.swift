/// One step of an input series in a rule test file: a number, a staleness marker, or nothing.
public enum SeriesValue: Sendable, CustomStringConvertible {
    /// `_`: no sample at this step (a missed scrape); earlier samples stay visible through the lookback.
    case missing
    /// A sample value (may be NaN or ±Inf).
    case number(Double)
    /// `stale`: a staleness marker, which ends the series at once instead of after the lookback.
    case stale

    public var description: String {
        switch self {
        case .missing: "_"
        case .number(let value): "\(value)"
        case .stale: "stale"
        }
    }
}

extension SeriesValue: Equatable {
    /// NaN equals NaN here: two expansions are the same when they write the same steps.
    public static func == (lhs: SeriesValue, rhs: SeriesValue) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing), (.stale, .stale): true
        case let (.number(a), .number(b)): a == b || (a.isNaN && b.isNaN)
        default: false
        }
    }
}
