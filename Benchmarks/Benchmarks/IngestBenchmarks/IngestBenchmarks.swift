import Benchmark
import SeismoCore
import SeismoIngest

/// Parser throughput on one core: whole lines through `Ingestor` with `InfluxLineParser` (the plain-ASCII check
/// the reader makes, parsing, series lookup, out-of-order check), and `NumberParser.double` alone. Throughput reads as lines (or values)
/// per second. Line splitting is not measured: the lines are found once, up front.
let benchmarks: @Sendable () -> Void = {
    let ingest = IngestFixture()
    Benchmark(
        "Influx lines through Ingestor, 10k series",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal],
            scalingFactor: .kilo,
            maxDuration: .seconds(3),
            maxIterations: 10_000,
            setup: { ingest.prepare() }
        )
    ) { benchmark in
        ingest.run(lines: benchmark.scaledIterations.count)
    }

    let numbers = NumberFixture()
    Benchmark(
        "NumberParser.double, typical values",
        configuration: .init(
            metrics: [.throughput, .wallClock],
            scalingFactor: .mega,
            maxDuration: .seconds(3),
            maxIterations: 100
        )
    ) { benchmark in
        blackHole(numbers.parse(count: benchmark.scaledIterations.count))
    }
}

/// A warm ingestor and a corpus to cycle through. A class so its state carries over between iterations; the
/// benchmark runs its closure on one thread at a time.
final class IngestFixture {
    private var corpus: LineProtocolCorpus?
    private var ingestor: Ingestor<InfluxLineParser>?
    private var cursor = 0
    private var lineNumber: UInt64 = 0

    /// Generates the corpus and ingests it once, so every series is interned before measuring: the steady state
    /// of a long run. The out-of-order window is unlimited because the corpus is replayed from the start.
    func prepare() {
        guard corpus == nil else { return }
        let corpus = LineProtocolCorpus(lines: 200_000)
        var limits = IngestLimits()
        limits.outOfOrderWindow = .max
        self.corpus = corpus
        ingestor = Ingestor(
            parser: InfluxLineParser(),
            context: ParseContext(series: SeriesTable(limits: limits)),
            rejectLog: RejectLog(write: { print($0) })
        )
        run(lines: corpus.lines.count)
        let stats = ingestor!.stats
        precondition(stats.acceptedLines == stats.lines, "the corpus must parse cleanly")
        precondition(ingestor!.context.series.seriesCount == 10_000, "the corpus should cover 10,000 series")
    }

    /// Ingests the next `count` lines of the corpus, wrapping around, and hands the samples on as the engine
    /// would after each chunk.
    func run(lines count: Int) {
        guard let corpus else { return }
        var ingestor = self.ingestor.take()!
        corpus.bytes.withUnsafeBytes { bytes in
            for _ in 0..<count {
                let range = corpus.lines[cursor]
                cursor = cursor + 1 == corpus.lines.count ? 0 : cursor + 1
                lineNumber &+= 1
                let line = UnsafeRawBufferPointer(rebasing: bytes[range])
                // The engine's reader checks each read for plain ASCII once and vouches for its lines; checking
                // line by line here costs a little more than that, never less.
                ingestor.ingest(line: line, number: lineNumber, plainText: ByteValidation.isPlainASCII(line))
            }
        }
        ingestor.takeSamples { blackHole($0.count) }
        self.ingestor = ingestor
    }
}

/// Typical metric values as they appear on the wire, parsed in a loop.
final class NumberFixture {
    private let bytes: [UInt8]
    private let tokens: [Range<Int>]

    init() {
        let values = [
            "42.125", "0.5", "1234.75", "97", "0.000123", "-3.2e-4", "100.0", "65535", "3.14159", "2.5e6",
            "0.98", "812.3", "-17.25", "1e-3", "4096", "99.99",
        ]
        var bytes: [UInt8] = []
        var tokens: [Range<Int>] = []
        for value in values {
            let start = bytes.count
            bytes += value.utf8
            tokens.append(start..<bytes.count)
        }
        self.bytes = bytes
        self.tokens = tokens
    }

    /// Parses `count` tokens, cycling through the list; returns their sum so nothing is optimized away.
    func parse(count: Int) -> Double {
        var sum = 0.0
        bytes.withUnsafeBytes { bytes in
            var t = 0
            for _ in 0..<count {
                sum += NumberParser.double(UnsafeRawBufferPointer(rebasing: bytes[tokens[t]]))!
                t = t + 1 == tokens.count ? 0 : t + 1
            }
        }
        return sum
    }
}
