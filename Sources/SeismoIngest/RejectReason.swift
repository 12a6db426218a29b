/// Why a line was rejected. Every rejected line is counted under exactly one reason.
public enum RejectReason: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// The line does not follow its format's grammar.
    case syntax
    /// A value is not a number the format allows.
    case badNumber
    /// A timestamp is malformed, out of range, or not representable in nanoseconds.
    case badTimestamp
    /// The line is longer than `--max-line-length`; it was skipped up to the next newline.
    case lineTooLong
    /// The series has more labels than `--max-labels`.
    case tooManyLabels
    /// A metric name, label name or label value is longer than its cap.
    case labelTooLong
    /// Accepting the line would create more series than `--max-series`.
    case seriesLimit
    /// The timestamp is older than the series' newest sample by more than `--ooo-window`.
    case outOfOrder
    /// A value is NaN or ±Inf (Seismo's policy: reject and count, never feed detectors a non-finite value).
    case nonFinite
    /// The line holds invalid UTF-8 or a NUL byte.
    case invalidEncoding

    /// The key used in summaries and `--stats-json`.
    public var key: String {
        switch self {
        case .syntax: "syntax"
        case .badNumber: "bad_number"
        case .badTimestamp: "bad_timestamp"
        case .lineTooLong: "line_too_long"
        case .tooManyLabels: "too_many_labels"
        case .labelTooLong: "label_too_long"
        case .seriesLimit: "series_limit"
        case .outOfOrder: "out_of_order"
        case .nonFinite: "non_finite"
        case .invalidEncoding: "invalid_encoding"
        }
    }

    public var description: String { key.replacingOccurrences(of: "_", with: " ") }
}

extension String {
    fileprivate func replacingOccurrences(of target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
