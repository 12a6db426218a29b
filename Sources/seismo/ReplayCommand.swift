import ArgumentParser
import Foundation
import SeismoCore
import SeismoEngine
import SeismoHistory
import SeismoIngest
import SeismoReport
import SeismoRules

/// `seismo replay`: stream history through rule files and write the alerts, as `seismo run` would have.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay history (written by `seismo run --data`) through rule files and write the alerts.",
        discussion: """
            Samples are replayed in their original arrival order, with the live run's idle clock advances, through \
            the same detection stage and rule engine, as fast as the machine allows. Alerts are JSON lines as from \
            `seismo run`; their provenance names the segment file and the sample's position in history (1-based).
            """
    )

    @Option(help: ArgumentHelp("The history directory.", valueName: "dir"))
    var data: String

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp("A rule file, or a directory of *.yml/*.yaml rule files; repeatable.", valueName: "path")
    )
    var rules: [String] = []

    @Option(help: ArgumentHelp("Replay from this time on: RFC 3339 or Unix seconds.", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("Replay up to this time (inclusive): RFC 3339 or Unix seconds.", valueName: "time"))
    var to: String?

    @Option(help: ArgumentHelp("Only series this PromQL selector matches, e.g. 'http_requests_total{job=\"api\"}'.", valueName: "selector"))
    var match: String?

    @Option(help: "Write alert events (JSON lines) to this file instead of stdout.")
    var output: String?

    @Option(
        name: .customLong("external-url"),
        help: ArgumentHelp(
            "The URL Seismo is reached at, for alert templates' externalURL, pathPrefix and $externalURL (default none).",
            valueName: "url"
        )
    )
    var externalURL: String?

    @OptionGroup var reportOptions: ReportOptions

    func validate() throws {
        guard !rules.isEmpty else { throw ValidationError("--rules is required: replay runs history through rules") }
        _ = try Self.time(from, "--from")
        _ = try Self.time(to, "--to")
        _ = try selector()
    }

    func run() throws {
        let ruleSet: RuleSet
        do {
            ruleSet = try RuleSet(loading: rules)
            for warning in ruleSet.warnings { StandardError.line(warning.description) }
        } catch {
            for problem in error.diagnostics { StandardError.line(problem.description) }
            StandardError.line("seismo: --rules: \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"), nothing replayed")
            throw ExitCode.failure
        }
        var engine = EngineConfiguration()
        engine.ruleSet = ruleSet
        engine.externalURL = externalURL.map(AlertTemplate.ExternalURL.init)
        if let output {
            let fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw ValidationError("cannot open --output \(output): \(String(cString: strerror(errno)))") }
            engine.alertOutput = fd
        }
        // The progress bar (stderr on a terminal only) follows the blocks replayed, with or without --report.
        let progress = ReplayProgress()
        let report = try reportOptions.begin(ruleSet: ruleSet, configuration: &engine, progress: nil)
        var ticker: ProgressTicker?
        if ProgressTicker.isTerminal(2) {
            ticker = ProgressTicker(fraction: { progress.fraction })
            ticker?.start()
        }
        var configuration = ReplayConfiguration(directory: data, engine: engine)
        configuration.progress = progress
        configuration.from = try Self.time(from, "--from") ?? .min
        configuration.to = try Self.time(to, "--to") ?? .max
        configuration.match = try selector()

        let summary: ReplaySummary
        do throws(HistoryError) {
            summary = try Replay(configuration: configuration).run { damage in
                StandardError.line("seismo: \(damage)")
            }
        } catch {
            ticker?.stop()
            StandardError.line("seismo: --data: \(error)")
            throw ExitCode.failure
        }
        ticker?.stop()
        if let gap = summary.journalGap {
            StandardError.line(
                "seismo: --data: samples \(gap.lowerBound)..<\(gap.upperBound) are in neither a block nor the journal "
                    + "(lost to a crash, or written as blocks by a live run after replay listed the directory)")
        }
        try report?.finish(title: "replay of \(data)")
        StandardError.write(summary.renderText())
    }

    /// `--from`/`--to` in ns: RFC 3339 (`2026-11-24T07:00:00Z`) or Unix seconds (`1764000000`, fractions allowed).
    static func time(_ text: String?, _ option: String) throws -> Int64? {
        guard let text else { return nil }
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { raw in
            do throws(LineRejection) {
                if TimestampText.looksLikeISO8601(raw) { return try TimestampText.iso8601(raw) }
                guard let seconds = Double(text), seconds.isFinite, abs(seconds) < 9.2e9 else {
                    throw LineRejection(.badTimestamp, "not a number of seconds")
                }
                return Int64((seconds * 1e9).rounded())
            } catch {
                throw ValidationError("\(option): expected RFC 3339 (2026-11-24T07:00:00Z) or Unix seconds, got '\(text)'")
            }
        }
    }

    /// The `--match` selector; anything but a plain vector selector is a usage error.
    func selector() throws -> VectorSelector? {
        guard let match else { return nil }
        let expression: PromQLExpression
        do {
            expression = try PromQLParser.parse(match)
        } catch {
            throw ValidationError("--match: \(error)")
        }
        guard case .vectorSelector(let selector) = expression else {
            throw ValidationError("--match: expected a series selector like name{label=\"value\"}, got '\(match)'")
        }
        return selector
    }
}
