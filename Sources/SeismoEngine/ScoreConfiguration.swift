import SeismoDetect
import SeismoIngest

/// Everything `seismo score` can be told, as one value; the command line fills it in, tests build it directly.
public struct ScoreConfiguration: Sendable {
    /// Input format; `.auto` sniffs the first lines.
    public var format: InputFormat = .auto
    /// Unit of integer timestamps in line protocol.
    public var precision: TimestampPrecision = .ns
    public var limits = IngestLimits()
    /// How many rejections of each reason are printed before only counting.
    public var rejectsShownPerReason = 5
    /// Name of the input in messages.
    public var source = "stdin"
    /// Bytes per read from the input. 128 KiB: a chunk is still in the L2 cache when its lines are parsed; 1 MiB
    /// chunks were read back from L3 and ran about 2% slower end to end (Benchmarks/README.md, twelfth round).
    public var readSize = 1 << 17
    /// The detector every series gets (a copy each).
    public var detector: ConfiguredDetector = .ensemble(try! EnsembleDetector())

    public init() {}
}
