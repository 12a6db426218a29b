/// The functions Seismo's PromQL subset supports, with their Prometheus signatures.
public enum PromQLFunction: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    // Counters and gauges over a range.
    case rate, irate, increase, delta, idelta, deriv, changes, resets
    case predictLinear = "predict_linear"
    // The *_over_time family.
    case avgOverTime = "avg_over_time"
    case minOverTime = "min_over_time"
    case maxOverTime = "max_over_time"
    case sumOverTime = "sum_over_time"
    case countOverTime = "count_over_time"
    case stddevOverTime = "stddev_over_time"
    case stdvarOverTime = "stdvar_over_time"
    case quantileOverTime = "quantile_over_time"
    case lastOverTime = "last_over_time"
    case presentOverTime = "present_over_time"
    case absentOverTime = "absent_over_time"
    // Instant vectors.
    case absent, abs, ceil, floor, round, exp, ln, log2, log10, sqrt, sgn
    case clamp
    case clampMin = "clamp_min"
    case clampMax = "clamp_max"
    case timestamp, sort
    case sortDesc = "sort_desc"
    case histogramQuantile = "histogram_quantile"
    case labelReplace = "label_replace"
    case labelJoin = "label_join"
    // Conversions and time.
    case time, vector, scalar
    case dayOfWeek = "day_of_week"
    case hour, minute, month, year
    case dayOfMonth = "day_of_month"
    case daysInMonth = "days_in_month"

    /// The declared argument types. With `variadic` > 0 the last one may be left out or, up to `variadic`
    /// times, repeated; with `variadic` < 0 it may repeat without limit.
    public var argumentTypes: [PromQLValueType] {
        switch self {
        case .rate, .irate, .increase, .delta, .idelta, .deriv, .changes, .resets,
            .avgOverTime, .minOverTime, .maxOverTime, .sumOverTime, .countOverTime, .stddevOverTime,
            .stdvarOverTime, .lastOverTime, .presentOverTime, .absentOverTime:
            [.rangeVector]
        case .predictLinear: [.rangeVector, .scalar]
        case .quantileOverTime: [.scalar, .rangeVector]
        case .absent, .abs, .ceil, .floor, .exp, .ln, .log2, .log10, .sqrt, .sgn, .timestamp, .sort, .sortDesc, .scalar,
            .dayOfWeek, .dayOfMonth, .daysInMonth, .hour, .minute, .month, .year:
            [.instantVector]
        case .round: [.instantVector, .scalar]
        case .clamp: [.instantVector, .scalar, .scalar]
        case .clampMin, .clampMax: [.instantVector, .scalar]
        case .histogramQuantile: [.scalar, .instantVector]
        case .labelReplace: [.instantVector, .string, .string, .string, .string]
        case .labelJoin: [.instantVector, .string, .string, .string]
        case .time: []
        case .vector: [.scalar]
        }
    }

    /// How the last argument type may repeat: 0 exactly once, 1 optional (`round`, `hour` …), -1 any number
    /// of times (`label_join`'s source labels).
    public var variadic: Int {
        switch self {
        case .round, .dayOfWeek, .dayOfMonth, .daysInMonth, .hour, .minute, .month, .year: 1
        case .labelJoin: -1
        default: 0
        }
    }

    public var returnType: PromQLValueType {
        switch self {
        case .time, .scalar: .scalar
        default: .instantVector
        }
    }

    /// The fewest arguments a call may pass.
    public var minimumArguments: Int { variadic == 0 ? argumentTypes.count : argumentTypes.count - 1 }

    /// The most arguments a call may pass, or nil for no limit.
    public var maximumArguments: Int? {
        switch variadic {
        case 0: argumentTypes.count
        case let extra where extra > 0: argumentTypes.count - 1 + extra
        default: nil
        }
    }

    /// The expected type of argument `index` (0-based), repeating the last declared type for variadic calls.
    public func argumentType(at index: Int) -> PromQLValueType? {
        if index < argumentTypes.count { return argumentTypes[index] }
        return variadic != 0 ? argumentTypes.last : nil
    }

    /// The name as written in PromQL.
    public var description: String { rawValue }
}
