import Foundation
import Logging
import SeismoEngine
import SeismoRules
import SeismoTestSupport
import SeismoWorkload
import Testing

/// The declared detectors judge samples on the reader thread when nothing is dropped (`DetectorLane`), and on the
/// evaluation thread otherwise: both must publish the same series and alert the same, through a reload too.
@Suite struct DetectorLaneTests {
    /// The bundled rules with the queue detector made more sensitive (a changed declaration, which starts afresh)
    /// and one detector added; the other two are unchanged and keep what they learnt.
    private static func reloadedRules(into dir: URL) throws -> RuleSet {
        let rules = URL(fileURLWithPath: CheckCommandTests.repositoryRules)
        for name in ["slo.yml", "invariants.yml"] {
            try FileManager.default.copyItem(at: rules.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        var service = try String(contentsOf: rules.appendingPathComponent("service.yml"), encoding: .utf8)
        let queue = "half_life: 30         # samples\n        sensitivity: 5"
        #expect(service.contains(queue))
        service = service.replacingOccurrences(of: queue, with: "half_life: 30\n        sensitivity: 3")
        let added = """
                  - name: upstream-latency
                    kind: zscore
                    selector: upstream_latency_ms
                    window: 30
                    sensitivity: 3
            """
        service = service.replacingOccurrences(of: "    detectors:\n", with: "    detectors:\n" + added + "\n")
        try service.write(to: dir.appendingPathComponent("service.yml"), atomically: true, encoding: .utf8)
        return try RuleSet(loading: [dir.path])
    }

    /// Runs the bundled rules over a generated stream, reloading `reloaded` after `reloadAfterReads` reads; returns
    /// the summary, every series of the store with its samples, and the alert output.
    private func run(
        overflow: OverflowPolicy, ruleSet: RuleSet, reloaded: RuleSet?, reloadAfterReads: Int, input: Data, in dir: URL
    ) throws -> (RunSummary, [String], String) {
        let inputURL = dir.appendingPathComponent("input")
        try input.write(to: inputURL)
        let alertsURL = dir.appendingPathComponent("alerts-\(overflow)")
        #expect(FileManager.default.createFile(atPath: alertsURL.path, contents: nil))
        let fd = open(inputURL.path, O_RDONLY)
        let alerts = open(alertsURL.path, O_WRONLY)
        defer { close(fd) }
        var configuration = EngineConfiguration()
        configuration.overflow = overflow
        // Large enough that drop mode drops nothing, so the two runs see the same samples.
        configuration.ringCapacity = 1 << 20
        configuration.readSize = 4096
        configuration.limits.maxLineLength = 4096
        configuration.ruleSet = ruleSet
        configuration.alertOutput = alerts
        configuration.idleAdvanceAfter = .max
        let engine = Engine(configuration: configuration, logger: Logger(label: "test"))
        var reads = 0
        let summary = engine.run(fd: fd, rejectOutput: { _ in }, reload: {
            reads += 1
            guard reads == reloadAfterReads, let reloaded else { return nil }
            return .loaded(reloaded)
        })
        close(alerts)
        let store = try #require(engine.seriesStore)
        return (summary, store.lines(store.allSeries()), try String(contentsOf: alertsURL, encoding: .utf8))
    }

    @Test(arguments: [false, true])
    func readerThreadDetectorsPublishWhatTheEvaluationThreadWould(reload: Bool) throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let ruleSet = try RuleSet(loading: [CheckCommandTests.repositoryRules])
            let reloadedDir = dir.appendingPathComponent("reloaded")
            try FileManager.default.createDirectory(at: reloadedDir, withIntermediateDirectories: true)
            let reloaded = reload ? try Self.reloadedRules(into: reloadedDir) : nil
            let input = Data(WorkloadGenerator(WorkloadSpec(series: 40, lines: 40_000, format: .influx, seed: 3)).renderedBytes())
            // Reads fill a buffer of read size plus line length: halfway through the input.
            let reloadAfterReads = input.count / 8192 / 2
            #expect(reloadAfterReads > 10)
            let (laneSummary, laneSeries, laneAlerts) = try run(
                overflow: .block, ruleSet: ruleSet, reloaded: reloaded, reloadAfterReads: reloadAfterReads, input: input, in: dir)
            let (inlineSummary, inlineSeries, inlineAlerts) = try run(
                overflow: .drop, ruleSet: ruleSet, reloaded: reloaded, reloadAfterReads: reloadAfterReads, input: input, in: dir)
            #expect(inlineSummary.dropped == 0)
            #expect(laneSummary.ruleReloads == (reload ? 1 : 0))
            #expect(laneSummary.anomalies == inlineSummary.anomalies)
            #expect(laneSummary.anomalies > 0)
            #expect(laneSeries == inlineSeries)
            #expect(laneAlerts == inlineAlerts)
            #expect(laneAlerts.contains("\"LatencyAnomaly\""))
            if reload {
                // The added detector published from the reload on.
                #expect(laneSeries.contains { $0.contains("detector=\"upstream-latency\"") && $0.hasPrefix(ExtensionSeries.anomaly + "{") })
            }
        }
    }

    /// A run resumed from history warms its detectors up on the evaluation thread, then hands them to the lane with
    /// what they learnt: the outputs are those of the same resumption with the detectors on the evaluation thread.
    @Test func theLaneCarriesOnFromDetectorsWarmedUpOnHistory() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let ruleSet = try RuleSet(loading: [CheckCommandTests.repositoryRules])
            let lines = String(decoding: WorkloadGenerator(
                WorkloadSpec(series: 40, lines: 16_000, format: .influx, seed: 5)).renderedBytes(), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: true)
            let half = lines.count / 2
            let parts = [lines[..<half], lines[half...]].map { Data(($0.joined(separator: "\n") + "\n").utf8) }
            func resumed(_ overflow: OverflowPolicy) throws -> [String] {
                let data = dir.appendingPathComponent("data-\(overflow)").path
                var series: [String] = []
                for (i, part) in parts.enumerated() {
                    let input = dir.appendingPathComponent("part-\(i)")
                    try part.write(to: input)
                    let fd = open(input.path, O_RDONLY)
                    defer { close(fd) }
                    var configuration = EngineConfiguration()
                    configuration.overflow = overflow
                    configuration.ringCapacity = 1 << 20
                    configuration.ruleSet = ruleSet
                    configuration.alertOutput = open("/dev/null", O_WRONLY)
                    defer { close(configuration.alertOutput) }
                    configuration.idleAdvanceAfter = .max
                    var history = HistoryOptions(directory: data)
                    history.warmUp = 3_600 * 1_000_000_000
                    configuration.history = history
                    let engine = Engine(configuration: configuration, logger: Logger(label: "test"))
                    _ = try engine.openHistory()
                    let summary = engine.run(fd: fd, rejectOutput: { _ in })
                    #expect(summary.dropped == 0)
                    let store = try #require(engine.seriesStore)
                    series = store.lines(store.series(named: ExtensionSeries.anomalyScore))
                }
                return series
            }
            let lane = try resumed(.block)
            let inline = try resumed(.drop)
            #expect(lane.count == 24)
            #expect(lane == inline)
        }
    }
}
