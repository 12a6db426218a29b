import ArgumentParser
import Foundation
import SeismoEngine
import SeismoReport
import SeismoRules

/// `--report FILE`, shared by the commands that evaluate rules over a finite input (`run`, `replay`).
struct ReportOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write a self-contained HTML backtest report here at the end: per alert rule its numbers and a chart of "
                + "its series with the detector's band and firing spans; per SLO the error-budget burn-down. Needs --rules.",
            valueName: "file"
        )
    )
    var report: String?

    /// Starts a report when `--report` was given: installs its recorder and sampler into `configuration` and, when
    /// stderr is a terminal and `progress` can tell, a progress bar. nil without `--report`.
    ///
    /// - Parameter progress: the share of the input done so far (bytes, or event time), or nil when unknown.
    func begin(
        ruleSet: RuleSet?, configuration: inout EngineConfiguration, progress: (@Sendable () -> Double?)?
    ) throws -> ReportSession? {
        guard let path = report else { return nil }
        guard let ruleSet else { throw ValidationError("--report needs --rules: the report charts alert rules and SLOs") }
        // Fail before the run, not after it, when the file cannot be written.
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw ValidationError("cannot write --report \(path): \(String(cString: strerror(errno)))")
        }
        let backtest = BacktestReport(ruleSet: ruleSet)
        backtest.install(into: &configuration)
        var ticker: ProgressTicker?
        if let progress, ProgressTicker.isTerminal(2) {
            ticker = ProgressTicker(fraction: progress)
            ticker?.start()
        }
        return ReportSession(report: backtest, ticker: ticker, path: path)
    }
}

/// A report being recorded during a run; `finish` once the run has returned, before printing the summary.
struct ReportSession {
    let report: BacktestReport
    let ticker: ProgressTicker?
    let path: String

    /// Stops the progress bar, renders the report titled `title` and writes it to the file.
    func finish(title: String) throws {
        ticker?.stop()
        let html = HTMLReportRenderer.render(report.data(title: title))
        do {
            try html.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("cannot write --report \(path): \(error.localizedDescription)")
        }
    }
}
