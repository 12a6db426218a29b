import ArgumentParser
import Foundation
import Logging
import SeismoDelivery
import SeismoDetect
import SeismoEngine
import SeismoReport
import SeismoHistory
import SeismoRules

/// `seismo run`: read a metric stream on stdin until it ends or a signal arrives, then print a summary.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Read a metric stream from stdin, detect anomalies, and print a summary at the end."
    )

    @OptionGroup var ingest: IngestOptions

    @OptionGroup var reportOptions: ReportOptions

    @OptionGroup(title: "History") var history: HistoryWriteOptions

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

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var operations: OperationsOptions

    @OptionGroup(title: "Alertmanager") var alertmanager: AlertmanagerOptions

    func validate() throws {
        _ = try detector()
        guard ringCapacity >= 2, ringCapacity <= 1 << 28 else {
            throw ValidationError("--ring-capacity must be between 2 and 268435456")
        }
    }

    func run() throws {
        let display = operations.makeDisplay()
        if let view = display?.1 { logging.bootstrap(write: view.writeLog) } else { logging.bootstrap() }
        let logger = Logger(label: "seismo")
        let ruleSet = try loadRules(logger: logger)
        SignalTrap.install()
        if ruleSet != nil { SignalTrap.installReload() }

        var configuration = EngineConfiguration()
        configuration.format = ingest.format
        configuration.precision = ingest.precision
        configuration.limits = ingest.limits
        configuration.rejectsShownPerReason = ingest.showRejects
        configuration.overflow = onOverflow
        configuration.ringCapacity = ringCapacity
        configuration.detector = try detector()
        configuration.ruleSet = ruleSet
        configuration.externalURL = alertmanager.externalURL.map(AlertTemplate.ExternalURL.init)
        configuration.history = try history.historyOptions
        if let output {
            let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw ValidationError("cannot open --output \(output): \(String(cString: strerror(errno)))") }
            configuration.alertOutput = fd
        }

        let report = try reportOptions.begin(
            ruleSet: ruleSet, configuration: &configuration, progress: ProgressTicker.fileOffsetFraction(fd: 0)
        )
        let running = try operations.start(configuration: &configuration, display: display, logger: logger)
        var delivery: AlertmanagerSink?
        if let alertmanagerConfiguration = try alertmanager.configuration() {
            if ruleSet == nil { StandardError.line("seismo: --alertmanager: no alerts without --rules, nothing will be sent") }
            let sink = AlertmanagerSink(configuration: alertmanagerConfiguration, logger: logger)
            configuration.alertSinks.append(sink)
            delivery = sink
        }

        let engine = Engine(configuration: configuration, logger: logger)
        if configuration.history != nil { try openHistory(engine) }
        let summary = engine.run(
            fd: 0,
            rejectOutput: { logger.warning("\($0)") },
            shouldStop: { SignalTrap.isStopRequested },
            reload: { SignalTrap.takeReloadRequest() ? reloadRules() : nil }
        )
        running.stop()
        try report?.finish(title: configuration.source)
        var text = summary.renderText()
        var deliveries: [[String: Any]] = []
        if let delivery {
            // Pending sends get at most --alertmanager-timeout; what is left is dropped and counted.
            for (url, counts) in zip(delivery.configuration.urls, delivery.finishBlocking()) {
                text += counts.renderLine(url: url)
                deliveries.append(counts.jsonObject(url: url))
            }
        }
        StandardError.write(text)
        if let path = statsJson {
            do {
                try summary.renderJSON(adding: ["alertmanager": deliveries]).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw ValidationError("cannot write --stats-json \(path): \(error.localizedDescription)")
            }
        }
        if summary.history?.failure != nil { throw ExitCode.failure }
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
    /// and end the command with status 1; warnings are logged and loading goes on.
    func loadRules(logger: Logger) throws -> RuleSet? {
        guard !rules.isEmpty else { return nil }
        do {
            let ruleSet: RuleSet
            if let prefetched = RulePrefetch.take(paths: rules) { ruleSet = prefetched } else { ruleSet = try RuleSet(loading: rules) }
            // The log record carries the level: `file:line:col: warning: message` loses its own `warning:`.
            for warning in ruleSet.warnings {
                let text = warning.description
                let range = text.range(of: ": warning: ")
                logger.warning("\(range.map { text.replacingCharacters(in: $0, with: ": ") } ?? text)")
            }
            return ruleSet
        } catch {
            for problem in error.diagnostics { StandardError.line(problem.description) }
            StandardError.line("seismo: --rules: \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"), nothing evaluated")
            throw ExitCode.failure
        }
    }
}

extension RunCommand {
    /// Loads `--rules` again (SIGHUP). Every file must be valid: otherwise the problems are printed as
    /// `file:line:column: message` and the rules in force stay.
    func reloadRules() -> RuleReload {
        do {
            let ruleSet = try RuleSet(loading: rules)
            for warning in ruleSet.warnings { StandardError.line(warning.description) }
            let count = ruleSet.groups.reduce(0) { $0 + $1.rules.count }
            StandardError.line("seismo: rules reloaded: \(count) rule\(count == 1 ? "" : "s") in \(ruleSet.files.count) file\(ruleSet.files.count == 1 ? "" : "s")")
            return .loaded(ruleSet)
        } catch {
            for problem in error.diagnostics { StandardError.line(problem.description) }
            StandardError.line("seismo: rules reload failed: \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"), keeping the previous rules")
            return .failed
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension RunCommand {
    /// Opens `--data` (recovering it) and reports on stderr what recovery repaired.
    func openHistory(_ engine: Engine) throws {
        do throws(HistoryError) {
            let report = try engine.openHistory()
            if let line = report.recoveryLine { StandardError.line("seismo: " + line) }
            for warning in report.warnings { StandardError.line("seismo: history: " + warning) }
        } catch {
            StandardError.line("seismo: --data: \(error)")
            throw ExitCode.failure
        }
    }
}
