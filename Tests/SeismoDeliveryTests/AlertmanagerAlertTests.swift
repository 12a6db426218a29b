import Foundation
import SeismoCore
import SeismoDelivery
import Testing

/// The request body Alertmanager's `POST /api/v2/alerts` takes, and the URLs around it.
@Suite struct AlertmanagerAlertTests {
    @Test func batchIsAJSONArrayOfAlertsInAlertmanagersShape() throws {
        let alerts = [
            AlertmanagerAlert(
                fingerprint: "f1",
                labels: [Label(name: "alertname", value: "HostDown"), Label(name: "path", value: "/a \"b\"\\c\n")],
                annotations: [Label(name: "summary", value: "ünïcode ✓")],
                startsAt: 1_793_491_200_000_000_000, endsAt: 1_793_491_440_250_000_000,
                generatorURL: "seismo://host/alerts/HostDown"
            ),
            AlertmanagerAlert(
                fingerprint: "f2", labels: [Label(name: "alertname", value: "Other")], annotations: [],
                startsAt: 0, endsAt: 1, generatorURL: ""
            ),
        ]
        let body = AlertmanagerAlert.renderBatch(alerts)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])
        #expect(parsed.count == 2)
        let first = parsed[0]
        #expect(Set(first.keys) == ["labels", "annotations", "startsAt", "endsAt", "generatorURL"])
        #expect(first["labels"] as? [String: String] == ["alertname": "HostDown", "path": "/a \"b\"\\c\n"])
        #expect(first["annotations"] as? [String: String] == ["summary": "ünïcode ✓"])
        #expect(first["startsAt"] as? String == "2026-11-01T00:00:00Z")
        #expect(first["endsAt"] as? String == "2026-11-01T00:04:00.250Z")
        #expect(first["generatorURL"] as? String == "seismo://host/alerts/HostDown")
        #expect(parsed[1]["annotations"] as? [String: String] == [:])
        #expect(parsed[1]["endsAt"] as? String == "1970-01-01T00:00:00.000000001Z")
    }

    @Test func emptyBatchIsAnEmptyArray() {
        #expect(AlertmanagerAlert.renderBatch([]) == Array("[]".utf8))
    }

    @Test(arguments: [
        ("http://127.0.0.1:9093", "http://127.0.0.1:9093/api/v2/alerts"),
        ("http://127.0.0.1:9093/", "http://127.0.0.1:9093/api/v2/alerts"),
        ("https://am.example/prefix/", "https://am.example/prefix/api/v2/alerts"),
        ("http://am:9093/api/v2/alerts", "http://am:9093/api/v2/alerts"),
        ("http://am:9093/api/v2/alerts/", "http://am:9093/api/v2/alerts"),
    ])
    func endpointAppendsTheAPIPathOnce(url: String, expected: String) {
        #expect(AlertmanagerConfiguration.endpoint(for: url) == expected)
    }

    @Test(arguments: [
        ("seismo://web-01", "HostDown", "seismo://web-01/alerts/HostDown"),
        ("https://seismo.example/", "Disk Full/é", "https://seismo.example/alerts/Disk%20Full%2F%C3%A9"),
    ])
    func generatorURLNamesTheAlert(external: String, alert: String, expected: String) {
        let configuration = AlertmanagerConfiguration(urls: [], externalURL: external)
        #expect(configuration.generatorURL(alertName: alert) == expected)
    }

    @Test func defaultExternalURLNamesThisHost() {
        let url = AlertmanagerConfiguration.defaultExternalURL()
        #expect(url.hasPrefix("seismo://"))
        #expect(url.count > "seismo://".count)
        #expect(!url.dropFirst("seismo://".count).contains("/"))
    }

    @Test func summaryLineListsDropReasons() {
        var counts = DeliveryCounts()
        counts.requests = 3
        counts.alertsSent = 5
        counts.failedRequests = 2
        counts.dropped = [.shutdown: 1, .queueFull: 4]
        #expect(
            counts.renderLine(url: "http://am:9093")
                == "  alertmanager http://am:9093: 5 alerts sent in 3 requests, 2 failed requests, 5 dropped (queue_full 4, shutdown 1)\n"
        )
    }
}
