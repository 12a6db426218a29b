import Logging
import SeismoCore
import SeismoDetect
import SeismoIngest

/// `seismo score`: reads a metric stream, runs one detector per series, and writes every accepted sample with its
/// anomaly score, in input order, on one thread.
///
/// Output, one line per accepted sample (rejected lines are counted and reported, never echoed):
/// - **CSV input**: a header `timestamp,value,anomaly_score`, then each record's timestamp and value exactly as
///   written in the input and the score. When the input's header has a `name` or label columns (several series),
///   a fourth column `series` holds the series (`name{label="value"}`, quoted as CSV).
/// - **Any other format**: JSON lines `{"series":"name{labels}","timestamp":ns,"value":v,"score":s,"anomalous":b}`,
///   with the timestamp in ns since the epoch and the value in its shortest round-trip form.
///
/// The score is `Verdict.alertScore(threshold:)`: in [0, 1], 0.5 at the detector's k, 0 during warm-up; `anomalous`
/// is the detector's verdict.
///
/// Ingest is the engine's (`LineReader`, `FormatDetector`, the format's parser through `InputFormat.withParser`,
/// `Ingestor`), so rejects, limits and out-of-order handling are the same as in `seismo run`.
public final class Scorer {
    public let configuration: ScoreConfiguration
    public let registry = SeriesRegistry()
    private let logger: Logger

    public init(configuration: ScoreConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Reads `input` to its end, writes the scored samples to `output`, and returns the summary.
    ///
    /// - Parameter rejectOutput: receives one message per reported rejection (the first few of each reason).
    public func run(input: Int32, output: Int32, rejectOutput: @escaping (String) -> Void) -> ScoreSummary {
        let started = Timestamp.monotonic()
        let setup = InputSetup(
            fd: input, format: configuration.format, precision: configuration.precision, limits: configuration.limits,
            readSize: configuration.readSize, rejectsShownPerReason: configuration.rejectsShownPerReason,
            registry: registry, rejectOutput: rejectOutput, logger: logger
        )
        let format = setup.format
        var loop = Loop(scorer: self, reader: setup.reader, context: setup.context, log: setup.log, output: ScoreOutput(fd: output))
        var summary = format.withParser(&loop)
        summary.format = format
        summary.elapsedNanoseconds = Timestamp.monotonic() - started
        return summary
    }

    /// Picks the renderer for the format and the concrete detector, so the loop is specialized for both.
    private struct Loop: ParserVisitor {
        let scorer: Scorer
        let reader: LineReader
        let context: ParseContext
        let log: RejectLog
        let output: ScoreOutput

        func visit<Parser: LineParser>(_ parser: Parser) -> ScoreSummary {
            switch scorer.configuration.detector {
            case .ensemble(let detector): visit(parser, detector)
            case .zscore(let detector): visit(parser, detector)
            case .ewma(let detector): visit(parser, detector)
            case .robust(let detector): visit(parser, detector)
            }
        }

        private func visit<Parser: LineParser, Detector: AnomalyDetector>(_ parser: Parser, _ detector: Detector) -> ScoreSummary {
            let threshold = scorer.configuration.detector.threshold
            if let csv = parser as? CSVLineParser {
                var renderer = CSVScoreRenderer(output: output, registry: scorer.registry)
                return scorer.score(reader, csv, context, log, detector, threshold, output) { sample, score, _, line, parser in
                    renderer.render(sample, score: score, line: line, parser: parser)
                } finish: {
                    renderer.finish()
                }
            }
            var renderer = JSONScoreRenderer(output: output, registry: scorer.registry)
            return scorer.score(reader, parser, context, log, detector, threshold, output) { sample, score, anomalous, _, _ in
                renderer.render(sample, score: score, anomalous: anomalous)
            } finish: {}
        }
    }

    /// The loop: each line is ingested, and each sample it yields is scored and rendered at once, while the
    /// line's bytes are still at hand.
    private func score<Parser: LineParser, Detector: AnomalyDetector>(
        _ reader: LineReader,
        _ parser: Parser,
        _ context: ParseContext,
        _ log: RejectLog,
        _ detector: Detector,
        _ threshold: Double,
        _ output: ScoreOutput,
        render: (Sample, Double, Bool, UnsafeRawBufferPointer, Parser) -> Void,
        finish: () -> Void
    ) -> ScoreSummary {
        var ingestor = Ingestor(parser: parser, context: context, rejectLog: log, source: configuration.source)
        var bank = DetectorBank(prototype: detector)
        var scored: UInt64 = 0
        var anomalies: UInt64 = 0
        while !output.failed {
            ingestor.context.arrivalTime = Timestamp.now()
            let result = reader.pump(
                line: { line, number, plainText in
                    ingestor.ingest(line: line, number: number, plainText: plainText)
                    guard !ingestor.context.samples.isEmpty else { return }
                    for sample in ingestor.context.samples {
                        let verdict = bank.observe(sample)
                        if verdict.isAnomalous { anomalies &+= 1 }
                        render(sample, verdict.alertScore(threshold: threshold), verdict.isAnomalous, line, ingestor.parser)
                    }
                    scored &+= UInt64(ingestor.context.samples.count)
                    ingestor.context.samples.removeAll(keepingCapacity: true)
                },
                tooLong: { head, number in ingestor.rejectTooLong(head: head, number: number) }
            )
            ingestor.takeSamples { _ in }
            if result == .endOfInput { break }
        }
        finish()
        output.flush()
        return ScoreSummary(
            format: .auto, ingest: ingestor.stats, series: registry.count, scored: scored, anomalies: anomalies,
            elapsedNanoseconds: 0, outputFailed: output.failed
        )
    }
}
