import ArgumentParser
import Logging
import SeismoDetect
import SeismoEngine

/// `seismo score`: every accepted sample of a stream, with its anomaly score, in input order.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every sample of a metric stream on stdin for anomalies; write one line per sample to stdout.",
        discussion: """
            CSV input (timestamp,value) gives CSV output: timestamp,value,anomaly_score, the timestamp and value as \
            written. Other formats give JSON lines: {"series":…,"timestamp":ns,"value":v,"score":s,"anomalous":b}. \
            The score is in [0, 1], 0.5 at the detector's threshold k. Rejected lines are reported and counted on \
            stderr, never echoed. The default detector (auto = ensemble) needs no tuning per stream.
            """
    )

    @OptionGroup var ingest: IngestOptions

    @Option(help: "Detector: auto (= ensemble), ensemble, zscore, ewma or robust.")
    var detector: DetectorChoice = .auto

    @Option(help: "Samples in the detector's window (default 300 for ensemble, 100 for zscore and robust).")
    var window: Int?

    @Option(name: [.customLong("sensitivity"), .customShort("k")], help: "Threshold k in standard deviations, 0.1 to 10 (default 4.5 for ensemble, 3 otherwise).")
    var sensitivity: Double?

    @Option(help: "Deviations that count: above, below or both.")
    var direction: AnomalyDirection = .both

    @Option(help: "Samples learnt before the first score (default 20).")
    var warmUp: Int?

    @Option(help: "EWMA weight of the newest sample, in (0, 1) (ewma and ensemble).")
    var alpha: Double?

    @Option(help: "Samples over which EWMA weights halve (ewma and ensemble; default 10).")
    var halfLife: Double?

    @Option(help: "Consecutive anomalies on one side after which the baseline restarts (default 5).")
    var relearnAfter: Int?

    @Flag(help: "Never restart the baseline after a run of anomalies.")
    var neverRelearn = false

    @Flag(help: "Learn from anomalous samples too (by default they are kept out of the baseline).")
    var keepAnomalies = false

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        _ = try configuredDetector()
        if neverRelearn, relearnAfter != nil { throw ValidationError("--never-relearn and --relearn-after exclude each other") }
    }

    func run() throws {
        logging.bootstrap()
        let logger = Logger(label: "seismo")
        var configuration = ScoreConfiguration()
        configuration.format = ingest.format
        configuration.precision = ingest.precision
        configuration.limits = ingest.limits
        configuration.rejectsShownPerReason = ingest.showRejects
        configuration.detector = try configuredDetector()

        let scorer = Scorer(configuration: configuration, logger: logger)
        let summary = scorer.run(input: 0, output: 1, rejectOutput: { logger.warning("\($0)") })
        StandardError.write(summary.renderText())
    }

    /// The detector the options describe; its configuration errors become usage errors.
    func configuredDetector() throws -> ConfiguredDetector {
        var parameters = DetectorParameters()
        parameters.window = window
        parameters.sensitivity = sensitivity
        parameters.direction = direction
        parameters.warmUp = warmUp
        parameters.alpha = alpha
        parameters.halfLife = halfLife
        parameters.relearnAfter = neverRelearn ? .max : relearnAfter
        parameters.keepAnomalies = keepAnomalies
        do {
            return try ConfiguredDetector(detector, parameters)
        } catch {
            throw ValidationError("--\(error.parameter == "k" ? "sensitivity" : error.parameter): \(error.message)")
        }
    }
}
