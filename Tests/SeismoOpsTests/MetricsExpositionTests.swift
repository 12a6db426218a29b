import Foundation
import SeismoCore
import SeismoEngine
import SeismoHistory
import SeismoOps
import SeismoRules
import SeismoTestSupport
import Testing

/// The self-metrics as the registry renders them, without a server: names, HELP lines, labels, values.
@Suite struct MetricsExpositionTests {
    @Test func everyMetricHasHelpAndPassesPromtool() throws {
        let factory = DescribedPrometheusFactory()
        _ = EngineMetrics(factory: factory)
        let history = HistoryMetrics(factory: factory)
        var statistics = HistoryWriterStatistics()
        statistics.bytesWritten = 4096
        statistics.syncs = 2
        statistics.syncNanoseconds = 3_000_000
        history.record(statistics)
        statistics.bytesWritten = 5000
        history.record(statistics)
        history.recordSync(nanoseconds: 2_000_000)
        let tally = AlertTally(factory: factory)
        tally.receive(AlertEvent(seq: 1, time: 0, alert: "Down", state: .firing, labels: [Label(name: "alertname", value: "Down")], annotations: [], value: 1, activeAt: 0))
        // A metric recorded by code that does not know the catalog still gets a HELP line.
        factory.makeCounter(label: "seismo_alertmanager_sends_total", dimensions: [("instance", "a")]).increment(by: 1)

        let text = factory.registry.emitToString()
        #expect(text.contains("# HELP seismo_lines_read_total Input lines read"))
        #expect(text.contains("seismo_lines_rejected_total{reason=\"bad_number\"} 0"))
        #expect(text.contains("seismo_history_bytes_written_total 5000"), "deltas add up to the latest total")
        #expect(text.contains("seismo_history_syncs_total 2"))
        // Two syncs from the statistics (each timed at their mean, 1.5 ms) and one recorded directly.
        #expect(text.contains("seismo_history_fsync_duration_seconds_count 3"))
        #expect(text.contains("seismo_history_fsync_duration_seconds_sum 0.005"))
        #expect(text.contains("seismo_alerts{state=\"firing\"} 1"))
        #expect(text.contains("seismo_alert_events_total{state=\"firing\"} 1"))
        #expect(text.contains("# HELP seismo_alertmanager_sends_total seismo alertmanager sends total"))
        let names = Set(text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] })
        let helped = Set(text.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }.map { $0.split(separator: " ")[2] })
        #expect(names == helped)
        #expect(names.count >= 20)

        try #require(Promtool.isAvailable, "promtool is needed (bash .ci/setup)")
        let check = try Promtool.checkMetrics(text)
        #expect(check.status == 0, "\(check.output)\n\(text)")
    }

    @Test func alertTallyTracksFiringAndResolved() {
        let tally = AlertTally()
        func event(_ seq: UInt64, _ state: AlertState, _ host: String) -> AlertEvent {
            AlertEvent(
                seq: seq, time: Int64(seq) * 1_000_000_000, alert: "Down", state: state,
                labels: [Label(name: "alertname", value: "Down"), Label(name: "host", value: host)],
                annotations: [], value: 1, activeAt: 0
            )
        }
        tally.receive(event(1, .pending, "b"))
        tally.receive(event(2, .pending, "a"))
        tally.receive(event(3, .firing, "b"))
        tally.receive(event(4, .firing, "a"))
        tally.receive(event(5, .resolved, "b"))
        let (firing, pending) = tally.active()
        #expect(firing == [.init(alert: "Down", labels: "host=\"a\"", since: 4_000_000_000)])
        #expect(pending == 0)
    }
}
