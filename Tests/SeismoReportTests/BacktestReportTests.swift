import Foundation
import Logging
import SeismoCore
import SeismoEngine
import SeismoReport
import SeismoRules
import SeismoTestSupport
import Testing

/// A report recorded in process from an engine run: the sampler follows the series that fired (not just the first
/// ones seen), reads back their run-up, and carries the detector's band; the SLO gets its burn-down.
@Suite struct BacktestReportTests {
    static let rules = """
        groups:
          - name: g
            interval: 30s
            detectors:
              - name: lat
                selector: lat
                window: 30
                sensitivity: 4
                direction: above
            slos:
              - name: fast
                objective: 0.99
                latency: lat
                threshold: 500
            rules:
              - alert: LatAnomaly
                expr: seismo_anomaly{detector="lat"} == 1
              - alert: LatHigh
                expr: lat > 500
              - alert: Never
                expr: lat < -1
        """

    static let hosts = 20
    static let spikeHost = 17
    static let spikeTime: Int64 = 1_800_001_500

    /// 20 hosts, one sample each every 10 s for 2,000 s; h17 spikes to 1,000 once.
    static func input() -> String {
        var rng = SplitMix64(seed: 7)
        var lines: [String] = []
        for t in stride(from: Int64(1_800_000_000), to: 1_800_002_000, by: 10) {
            for h in 0..<hosts {
                let value = h == spikeHost && t == spikeTime ? 1000 : 100 + Double(rng.next() % 200) / 10
                lines.append("lat,host=h\(h) value=\(value) \(t)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func run() throws -> (ReportData, [AlertEvent]) {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rulesURL = dir.appendingPathComponent("rules.yml")
            try Self.rules.write(to: rulesURL, atomically: true, encoding: .utf8)
            let inputURL = dir.appendingPathComponent("in.lp")
            try Self.input().write(to: inputURL, atomically: true, encoding: .utf8)
            let ruleSet = try RuleSet(loading: [rulesURL.path])
            var configuration = EngineConfiguration()
            configuration.format = .influx
            configuration.precision = .s
            configuration.ruleSet = ruleSet
            configuration.alertOutput = open("/dev/null", O_WRONLY)
            let events = EventList()
            configuration.alertSinks = [events]
            var settings = ReportSettings()
            settings.maxLinesPerChart = 4
            let report = BacktestReport(ruleSet: ruleSet, settings: settings)
            report.install(into: &configuration)
            let fd = open(inputURL.path, O_RDONLY)
            defer {
                close(fd)
                close(configuration.alertOutput)
            }
            _ = Engine(configuration: configuration, logger: Logger(label: "test")).run(fd: fd, rejectOutput: { _ in })
            return (report.data(title: "in.lp"), events.events)
        }
    }

    @Test func chartsFollowTheSeriesThatFired() throws {
        let (data, events) = try run()
        #expect(data.alerts.map(\.name) == ["LatAnomaly", "LatHigh", "Never"])
        let spikeHost = Label(name: "host", value: "h\(Self.spikeHost)")
        for alert in data.alerts.prefix(2) {
            let firing = events.filter { $0.alert == alert.name && $0.state == .firing }
            #expect(!firing.isEmpty, "\(alert.name) should fire on the spike")
            #expect(alert.statistics.timesFired == firing.count)
            #expect(alert.spans.count == firing.count)
            #expect(alert.spans.allSatisfy { $0.labels.contains(spikeHost) })
            // At most 4 lines, the one that fired first, although 17 hosts were seen before it.
            #expect(alert.lines.count == 4)
            #expect(alert.omittedSeries == Self.hosts - 4)
            let fired = alert.lines[0]
            #expect(fired.labels == SeriesLabels(metric: "lat", labels: [spikeHost]))
            // Its run-up was read back from the store: the line starts with the chart.
            #expect(try #require(fired.points.first).time <= data.start + 30 * Timestamp.nanosecondsPerSecond)
            #expect(fired.points.contains { $0.value == 1000 && $0.time == Self.spikeTime * Timestamp.nanosecondsPerSecond })
        }
        // The anomaly alert charts the detector's input with its band (k = 4); the threshold alert has a threshold.
        let anomaly = data.alerts[0]
        #expect(anomaly.lines.allSatisfy { !$0.band.isEmpty && $0.sensitivity == 4 })
        #expect(anomaly.threshold == nil)
        let band = anomaly.lines[0].band
        #expect(band.allSatisfy { $0.lower <= $0.upper })
        #expect(band.contains { $0.lower < 110 && $0.upper > 110 && $0.upper < 1000 })
        #expect(data.alerts[1].threshold == 500)
        #expect(data.alerts[1].lines.allSatisfy { $0.band.isEmpty })
        #expect(data.alerts[2].statistics == AlertStatistics())
        // The SLO's burn-down: the budget falls from 1 at the spike.
        let slo = try #require(data.slos.first)
        #expect(slo.name == "fast")
        let budget = try #require(slo.lines.first).points
        #expect(budget.first?.value == 1)
        #expect(try #require(budget.last).value < 1)
    }
}

/// Collects the alert events of a run, in order.
final class EventList: AlertSink, @unchecked Sendable {
    private let lock = NSLock()
    private var list: [AlertEvent] = []
    var events: [AlertEvent] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
    func receive(_ event: AlertEvent) {
        lock.lock()
        list.append(event)
        lock.unlock()
    }
    func flush() {}
}
