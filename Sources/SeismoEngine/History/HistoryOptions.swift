import SeismoHistory

/// What `seismo run --data` asks of history: where and how samples are written, and how often the alert state
/// is checkpointed beside them.
public struct HistoryOptions: Sendable, Equatable {
    /// Directory, fsync mode, block and segment sizes, retention (see `HistoryConfiguration`).
    public var storage: HistoryConfiguration
    /// Wall time between alert checkpoints (monotonic clock, ns); one is also written when the run ends.
    public var checkpointInterval: Int64 = 10 * 1_000_000_000
    /// If set, after every append the number of samples that are durable in history (sequence numbers below it
    /// survive a crash as `storage.fsync` promises) is written to this file as one decimal line, rewritten in
    /// place: what a feeder may consider acknowledged.
    public var ackFile: String?
    /// Whether a restarted run with rules replays history (muted) and restores the checkpoint.
    public var resume = true
    /// How much history a restarted run with rules replays before reading input, back from the newest sample
    /// (ns, at least the rules' own lookback); nil: all of it. Detectors, health classifiers and SLO trackers
    /// remember more than the rules' lookback (sample-count windows, SLO periods), so only a full warm-up
    /// restores them exactly; a bounded one trades that for a faster start.
    public var warmUp: Int64?

    public init(directory: String) {
        storage = HistoryConfiguration(directory: directory)
    }
}
