import Foundation
import Logging
import MetricsTestKit
import SeismoCore
import SeismoDelivery
import SeismoRules
import SeismoTestSupport
import Testing

/// `seismo run --alertmanager` against real Alertmanagers started on loopback, and against a closed port.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isAvailable, "Alertmanager is not installed"))
struct AlertmanagerIntegrationTests {
    static let rules = """
        groups:
          - name: probe
            interval: 1s
            rules:
              - alert: ProbeHigh
                expr: probe_value > 10
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.job }} probe at {{ $value }}"

        """

    /// Prometheus text lines of `probe_value{job="checkout"}` at `start + i` seconds (ms timestamps).
    static func lines(value: Double, startMilliseconds start: Int64, count: Int) -> String {
        (0..<count).map { "probe_value{job=\"checkout\"} \(value) \(start + Int64($0) * 1000)\n" }.joined()
    }

    /// Polls `condition` every 200 ms for at most `seconds`; true once it held.
    static func eventually(within seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    static func probeAlerts(_ am: AlertmanagerProcess) async throws -> [[String: Any]] {
        try await am.alerts().filter { ($0["labels"] as? [String: String])?["alertname"] == "ProbeHigh" }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    @Test(.timeLimit(.minutes(3)))
    func alertsReachEveryAlertmanagerWithTheirLabelsAndResolve() async throws {
        let first = try await AlertmanagerProcess()
        defer { first.stop() }
        let second = try await AlertmanagerProcess()
        defer { second.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seismo-am-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ruleFile = dir.appendingPathComponent("probe.yml")
        try Self.rules.write(to: ruleFile, atomically: true, encoding: .utf8)

        // Event time ten minutes behind the wall clock, so the resolution's endsAt is in Alertmanager's past.
        let t0 = Timestamp.now() / 1_000_000 - 600_000
        let seismo = try SeismoProcess.start([
            "run", "--format", "prometheus", "--rules", ruleFile.path, "--alertmanager", first.url,
            "--alertmanager", second.url + "/", "--external-url", "http://seismo.test",
        ])
        try seismo.write(Self.lines(value: 50, startMilliseconds: t0, count: 6))

        for am in [first, second] {
            let appeared = try await Self.eventually(within: 30) { try await !Self.probeAlerts(am).isEmpty }
            #expect(appeared, "the firing alert never reached \(am.url); seismo wrote: \(seismo.stdoutText)")
            guard appeared else { return }
            let alerts = try await Self.probeAlerts(am)
            #expect(alerts.count == 1)
            let alert = alerts[0]
            #expect(alert["labels"] as? [String: String] == ["alertname": "ProbeHigh", "job": "checkout", "severity": "page"])
            #expect(alert["annotations"] as? [String: String] == ["summary": "checkout probe at 50"])
            #expect(alert["generatorURL"] as? String == "http://seismo.test/alerts/ProbeHigh")
            #expect((alert["status"] as? [String: Any])?["state"] as? String == "active")
            let startsAt = try #require(Self.date(alert["startsAt"] as? String ?? ""))
            let endsAt = try #require(Self.date(alert["endsAt"] as? String ?? ""))
            #expect(startsAt >= Date(timeIntervalSince1970: Double(t0) / 1000))
            #expect(startsAt <= Date(timeIntervalSince1970: Double(t0 + 6000) / 1000))
            #expect(endsAt > Date(), "a firing alert is valid into the future")
        }
        // The firing event's time is the startsAt Alertmanager shows.
        let firing = seismo.stdoutText.split(separator: "\n").first { $0.contains("\"state\":\"firing\"") }
        let firingLine = try #require(firing.map(String.init))
        let event = try #require(try JSONSerialization.jsonObject(with: Data(firingLine.utf8)) as? [String: Any])
        let shown = try #require(Self.date(try await Self.probeAlerts(first)[0]["startsAt"] as? String ?? ""))
        #expect(Self.date(event["time"] as? String ?? "") == shown)

        // Two minutes of event time later the probe is low: the alert resolves, and the input ends.
        try seismo.write(Self.lines(value: 1, startMilliseconds: t0 + 120_000, count: 3))
        try seismo.closeInput()
        let result = try await seismo.wait(timeout: 60)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("\"state\":\"resolved\""))
        for am in [first, second] {
            let resolved = try await Self.eventually(within: 30) { try await Self.probeAlerts(am).isEmpty }
            #expect(resolved, "the alert is still active in \(am.url)")
        }
        #expect(result.stderr.contains("alertmanager \(first.url): "))
        #expect(result.stderr.contains("alertmanager \(second.url)/: "))
        let summary = result.stderr.split(separator: "\n").filter { $0.contains("  alertmanager ") }
        #expect(summary.count == 2)
        #expect(summary.allSatisfy { $0.hasSuffix(", 0 dropped") && !$0.contains(": 0 alerts sent") }, "\(summary)")
    }

    @Test(.timeLimit(.minutes(2)))
    func aDownAlertmanagerNeitherBlocksNorFailsTheRun() throws {
        let url = "http://127.0.0.1:\(try AlertmanagerProcess.freePort())"
        let (result, stats) = try SeismoProcess.withTemporaryDirectory { dir in
            let ruleFile = dir.appendingPathComponent("probe.yml")
            try Self.rules.write(to: ruleFile, atomically: true, encoding: .utf8)
            let statsFile = dir.appendingPathComponent("stats.json")
            let t0 = Timestamp.now() / 1_000_000
            let result = try SeismoProcess.run(
                [
                    "run", "--format", "prometheus", "--rules", ruleFile.path, "--alertmanager", url,
                    "--alertmanager-timeout", "1s", "--stats-json", statsFile.path,
                ],
                input: Data(Self.lines(value: 50, startMilliseconds: t0, count: 20).utf8)
            )
            return (result, try? Data(contentsOf: statsFile))
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("\"state\":\"firing\""), "alerts still go to the JSON-lines output")
        #expect(result.stderr.contains("lines     20 (accepted 20"), "every line was read: \(result.stderr)")
        let line = try #require(result.stderr.split(separator: "\n").first { $0.contains("  alertmanager \(url): ") })
        #expect(line.contains(": 0 alerts sent in 0 requests, "), "\(line)")
        #expect(line.contains(", 1 dropped ("), "\(line)")
        #expect(result.stderr.contains("alerts dropped"), "the drop is logged: \(result.stderr)")
        // The same counts in --stats-json.
        let object = try JSONSerialization.jsonObject(with: try #require(stats)) as? [String: Any]
        let deliveries = try #require(object?["alertmanager"] as? [[String: Any]])
        #expect(deliveries.count == 1)
        #expect(deliveries.first?["url"] as? String == url)
        #expect(deliveries.first?["alerts_sent"] as? Int == 0)
        #expect((deliveries.first?["dropped"] as? [String: Int])?.values.reduce(0, +) == 1, "\(deliveries)")
    }

    @Test(.timeLimit(.minutes(2)))
    func failedSendsAndDropsAreCountedAndRecordedAsMetrics() async throws {
        let url = "http://127.0.0.1:\(try AlertmanagerProcess.freePort())"
        var configuration = AlertmanagerConfiguration(urls: [url], externalURL: "seismo://test")
        configuration.requestTimeout = 300_000_000
        configuration.initialBackoff = 10_000_000
        configuration.maxAttempts = 2
        configuration.flushTimeout = 20 * Timestamp.nanosecondsPerSecond
        let metrics = TestMetrics()
        let sink = AlertmanagerSink(
            configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            metricsFactory: metrics, seed: 1
        )
        let now = Timestamp.now()
        for host in ["a", "b"] {
            sink.receive(
                AlertEvent(
                    seq: 1, time: now, alert: "HostDown", state: .firing,
                    labels: [Label(name: "alertname", value: "HostDown"), Label(name: "host", value: host)],
                    annotations: [], value: 1, activeAt: now
                )
            )
        }
        sink.receive(
            AlertEvent(
                seq: 3, time: now, alert: "HostDown", state: .pending,
                labels: [Label(name: "alertname", value: "HostDown"), Label(name: "host", value: "c")],
                annotations: [], value: 1, activeAt: now
            )
        )
        let counts = try #require(await sink.finish().first)
        // Both alerts tried twice (one request, or a first request and a batch of the second), then given up.
        #expect(counts.alertsSent == 0)
        #expect(counts.requests == 0)
        #expect(counts.dropped == [.retriesExhausted: 2], "\(counts)")
        #expect(counts.failedRequests >= 2)
        #expect(metrics.counterTotal(label: "seismo_alertmanager_alerts_dropped_total") == 2)
        #expect(
            try metrics.expectCounter(
                "seismo_alertmanager_alerts_dropped_total", [("alertmanager", url), ("reason", "retries_exhausted")]
            ).totalValue == 2
        )
        #expect(metrics.counterTotal(label: "seismo_alertmanager_send_failures_total") == Int64(counts.failedRequests))
        #expect(metrics.counterTotal(label: "seismo_alertmanager_sends_total") == Int64(counts.failedRequests))
        #expect(metrics.counterTotal(label: "seismo_alertmanager_alerts_sent_total") == 0)
        #expect(try metrics.expectTimer("seismo_alertmanager_send_duration_seconds", [("alertmanager", url)]).values.count
            == Int(counts.failedRequests))
        #expect(await sink.finish() == [counts], "finishing twice gives the same counts")
    }
}
