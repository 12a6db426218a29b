/// Counters of one ingest run. Every line read ends up in exactly one of: blank/comment, accepted, rejected.
public struct IngestStats: Sendable, Equatable {
    /// Lines read: always `acceptedLines + rejectedLines + emptyLines`.
    public var lines: UInt64 = 0
    /// Lines that were valid but held no sample: blank lines, comments, metadata (`# TYPE`), headers.
    public var emptyLines: UInt64 = 0
    /// Lines that produced at least one sample.
    public var acceptedLines: UInt64 = 0
    /// Samples accepted (one line may hold several).
    public var samples: UInt64 = 0
    /// Valid values that carry no number (Influx string fields), skipped and counted.
    public var ignoredValues: UInt64 = 0
    /// Rejected lines per reason, indexed by `RejectReason.rawValue`.
    public var rejects: [UInt64] = Array(repeating: 0, count: RejectReason.allCases.count)

    public init() {}

    public var rejectedLines: UInt64 { rejects.reduce(0, +) }

    public subscript(reason: RejectReason) -> UInt64 {
        get { rejects[reason.rawValue] }
        set { rejects[reason.rawValue] = newValue }
    }
}
