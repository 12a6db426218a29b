/// What a `RuleEngine` must remember across a restart: each group's next evaluation time, every live alert
/// (pending, firing, or inactive with flap history) with its lifecycle, and the event sequence number.
///
/// Groups and rules are matched by name when restoring, so a checkpoint still applies after rules were added,
/// removed or reordered; alerts of rules that no longer exist are dropped.
public struct RuleEngineCheckpoint: Codable, Sendable, Equatable {
    /// One live alert of one alerting rule or invariant.
    public struct Alert: Codable, Sendable, Equatable {
        /// The group name and the alert (or invariant) name.
        public var group: String
        public var rule: String
        /// The alert's labels (`alertname` included) and annotations, by name.
        public var labels: [String: String]
        public var annotations: [String: String]
        /// Bit pattern of the value last seen.
        public var valueBits: UInt64
        public var lifecycle: AlertLifecycle.Snapshot
    }

    /// A group's next evaluation time (ns), by group name; nil before the clock started.
    public var nextEvaluation: [String: Int64]
    public var alerts: [Alert]
    /// Sequence number of the last alert event emitted.
    public var seq: UInt64
    public var evaluationErrors: UInt64
}
