import SeismoCore
import SeismoIngest

/// Runs a parser over text the way the engine does (line splitting aside) and collects what came out,
/// so parser tests read as "these lines give these samples and these rejections".
public struct ParseHarness<Parser: LineParser> {
    /// One accepted sample with its series spelled out.
    public struct Row: Equatable, CustomStringConvertible {
        public var series: String
        public var timestamp: Int64
        public var value: Double
        public var description: String { "\(series) \(value) @\(timestamp)" }
    }

    public private(set) var ingestor: Ingestor<Parser>
    public private(set) var rows: [Row] = []
    /// The input line number of each row, in order.
    public private(set) var lines: [UInt32] = []
    public private(set) var messages: [String] = []
    private let registry: SeriesRegistry
    private var nextLine: UInt64 = 1

    public init(
        _ parser: Parser,
        limits: IngestLimits = IngestLimits(),
        precision: TimestampPrecision = .ns,
        arrivalTime: Int64 = 42
    ) {
        registry = SeriesRegistry()
        let table = SeriesTable(limits: limits, registry: registry)
        let sink = MessageSink()
        ingestor = Ingestor(
            parser: parser,
            context: ParseContext(series: table, precision: precision, arrivalTime: arrivalTime),
            rejectLog: RejectLog(perReason: 100, write: { sink.messages.append($0) })
        )
        self.sink = sink
    }

    private let sink: MessageSink

    /// Feeds each line of `text` (split on `\n`; a final line without newline counts too).
    public mutating func feed(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        for line in lines { feed(bytes: Array(line.utf8)) }
    }

    /// Feeds one line given as raw bytes (may hold anything, NUL and invalid UTF-8 included).
    public mutating func feed(bytes: [UInt8]) {
        let number = nextLine
        nextLine += 1
        bytes.withUnsafeBytes { ingestor.ingest(line: $0, number: number) }
        let registry = self.registry
        var collected: [Row] = []
        var collectedLines: [UInt32] = []
        ingestor.takeSamples { samples in
            collectedLines = samples.map(\.line)
            collected = samples.map {
                Row(series: registry.labels(of: $0.series).description, timestamp: $0.timestamp, value: $0.value)
            }
        }
        rows += collected
        lines += collectedLines
        messages = sink.messages
    }

    public var stats: IngestStats { ingestor.stats }

    /// Number of lines rejected for `reason`.
    public func rejected(_ reason: RejectReason) -> UInt64 { ingestor.stats[reason] }

    public var seriesCount: Int { registry.count }
}

/// Collects reject messages; a class so the escaping closure and the harness see the same list.
final class MessageSink {
    var messages: [String] = []
}
