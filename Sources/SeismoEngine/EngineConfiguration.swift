import SeismoDetect
import SeismoIngest
import SeismoRules

/// Everything `seismo run` can be told, as one value; the command line fills it in, tests build it directly.
public struct EngineConfiguration: Sendable {
    /// Input format; `.auto` sniffs the first lines.
    public var format: InputFormat = .auto
    /// Unit of integer timestamps in line protocol.
    public var precision: TimestampPrecision = .ns
    public var limits = IngestLimits()
    /// Ring capacity in samples (rounded up to a power of two).
    public var ringCapacity = 1 << 16
    public var overflow: OverflowPolicy = .block
    /// How many rejections of each reason are printed before only counting.
    public var rejectsShownPerReason = 5
    /// Name of the input in messages.
    public var source = "stdin"
    /// Bytes per read from the input. 128 KiB: a chunk is still in the L2 cache when its lines are parsed; 1 MiB
    /// chunks were read back from L3 and ran about 2% slower end to end (Benchmarks/README.md, twelfth round).
    public var readSize = 1 << 17
    /// The detector every series gets (a copy each) until rule files say otherwise: z-score over the last 100
    /// samples, k = 3.
    public var detector: ZScoreDetector = try! ZScoreDetector(windowSize: 100, policy: .standard)
    /// Rule files to run (`--rules`): their detectors, health classifiers and SLOs replace the built-in detector
    /// and publish their outputs as series. nil: the built-in detector only.
    public var ruleSet: RuleSet?

    public init() {}

    /// Where alert events go, as JSON lines (a file descriptor: stdout unless `--output`).
    public var alertOutput: Int32 = 1
    /// Further destinations for alert events (Alertmanager, reports), each given every event after the output.
    public var alertSinks: [any AlertSink] = []
    /// Called after every rule evaluation tick with the series store (a backtest report's sampler); rules only.
    public var tickObserver: (any RuleTickObserver)?
    /// Evaluation interval of rule groups that set none (Prometheus's default: 1m).
    public var defaultRuleInterval: Int64 = 60 * 1_000_000_000
    /// The external URL alert templates see (`--external-url`: `externalURL`, `pathPrefix`, `$externalURL`).
    /// nil, as in `promtool test rules`: `$externalURL` is empty and the two functions fail.
    public var externalURL: AlertTemplate.ExternalURL?
    /// Input silent this long (wall time) advances the event clock by the silence, so rules keep running.
    public var idleAdvanceAfter: Int64 = 1_000_000_000
    /// Self-metrics (`--metrics-listen`): the reader and the evaluation thread record into these per read chunk and
    /// per batch. nil records nothing.
    public var metrics: EngineMetrics?
    /// Where the live status view (`--status`) reads the run's state from. nil publishes nothing.
    public var statusBoard: StatusBoard?
    /// Beaten by the evaluation thread so `/healthz` can tell a stalled evaluator. nil: not watched.
    public var liveness: Liveness?
    /// Where every accepted sample is also written, and the alert state checkpointed (`--data`); nil: nowhere.
    /// `Engine.openHistory()` opens it before `run`.
    public var history: HistoryOptions?
}
