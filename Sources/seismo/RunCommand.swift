import ArgumentParser
import Foundation
import Logging
import SeismoDelivery
import SeismoDetect
import SeismoEngine
import SeismoRules

/// `seismo run`: read a metric stream on stdin until it ends or a signal arrives, then print a summary.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read a metric stream from stdin, detect anomalies, and print a summary at the end."
    )

    @OptionGroup var ingest: IngestOptions

    @Option(help: "What to do when the evaluator falls behind: block (lose nothing) or drop (count drops).")
    var onOverflow: OverflowPolicy = .block

    @Option(help: "Ring buffer capacity in samples (rounded up to a power of two).")
    var ringCapacity = 1 << 16

    @Option(help: "Also write the summary as JSON to this file.")
    var statsJson: String?

    @Option(help: "Samples per series in the anomaly detector's window.")
    var window = 100

    @Option(help: "Anomaly sensitivity k: a sample more than k standard deviations from the window mean is anomalous (0.1 to 10).")
    var sensitivity = 3.0

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "A rule file, or a directory of *.yml/*.yaml rule files; repeatable. Their detectors, health classifiers "
                + "and SLOs replace the built-in detector.",
            valueName: "path"
        )
    )
    var rules: [String] = []

    @Option(help: "Write alert events (JSON lines) to this file instead of stdout.")
    var output: String?

    @OptionGroup(title: "Alertmanager") var alertmanager: AlertmanagerOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .notice

    func validate() throws {
        _ = try detector()
        guard ringCapacity >= 2, ringCapacity <= 1 << 28 else {
            throw ValidationError("--ring-capacity must be between 2 and 268435456")
        }
    }

    func run() throws {
        let ruleSet = try loadRules()
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        SignalTrap.install()

        var configuration = EngineConfiguration()
        configuration.format = ingest.format
        configuration.precision = ingest.precision
        configuration.limits = ingest.limits
        configuration.rejectsShownPerReason = ingest.showRejects
        configuration.overflow = onOverflow
        configuration.ringCapacity = ringCapacity
        configuration.detector = try detector()
        configuration.ruleSet = ruleSet
        if let output {
            let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw ValidationError("cannot open --output \(output): \(String(cString: strerror(errno)))") }
            configuration.alertOutput = fd
        }

        let logger = Logger(label: "seismo")
        var delivery: AlertmanagerSink?
        if let alertmanagerConfiguration = try alertmanager.configuration() {
            if ruleSet == nil { StandardError.line("seismo: --alertmanager: no alerts without --rules, nothing will be sent") }
            let sink = AlertmanagerSink(configuration: alertmanagerConfiguration, logger: logger)
            configuration.alertSinks.append(sink)
            delivery = sink
        }

        let engine = Engine(configuration: configuration, logger: logger)
        let summary = engine.run(
            fd: 0,
            rejectOutput: { StandardError.line("seismo: " + $0) },
            shouldStop: { SignalTrap.isStopRequested }
        )
        var text = summary.renderText()
        if let delivery {
            // Pending sends get at most --alertmanager-timeout; what is left is dropped and counted.
            for (url, counts) in zip(delivery.configuration.urls, delivery.finishBlocking()) {
                text += counts.renderLine(url: url)
            }
        }
        StandardError.write(text)
        if let path = statsJson {
            do {
                try summary.renderJSON().write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write --stats-json \(path): \(error.localizedDescription)")
            }
        }
    }
}

extension RunCommand {
    /// The z-score detector the options describe; its configuration errors become usage errors.
    func detector() throws -> ZScoreDetector {
        do {
            return try ZScoreDetector(windowSize: window, policy: DetectionPolicy(threshold: sensitivity))
        } catch {
            throw ValidationError("--\(error.parameter == "k" ? "sensitivity" : error.parameter): \(error.message)")
        }
    }
}

extension RunCommand {
    /// The rule set `--rules` names, nil without the option. Problems are printed as `file:line:column: message`
    /// and end the command with status 1; warnings are printed and loading goes on.
    func loadRules() throws -> RuleSet? {
        guard !rules.isEmpty else { return nil }
        do {
            let ruleSet = try RuleSet(loading: rules)
            for warning in ruleSet.warnings { StandardError.line(warning.description) }
            return ruleSet
        } catch {
            for problem in error.diagnostics { StandardError.line(problem.description) }
            StandardError.line("seismo: --rules: \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"), nothing evaluated")
            throw ExitCode.failure
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
