import Foundation
import SeismoCore
import SeismoRules
import Testing

@Suite struct AlertEventTests {
    private func render(_ event: AlertEvent) -> String {
        var out: [UInt8] = []
        event.render(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func everyLineIsValidJSONWhateverTheLabelsHold() throws {
        let nasty = ["quote\"d", "back\\slash", "new\nline", "tab\t", "ctrl\u{01}\u{1F}", "del\u{7F}", "ünïcödé ✓", "</script>"]
        for (i, text) in nasty.enumerated() {
            let event = AlertEvent(
                seq: UInt64(i), time: 0, alert: text, state: .firing,
                labels: [Label(name: "alertname", value: text), Label(name: "x", value: text)],
                annotations: [Label(name: "summary", value: text)], value: .nan, activeAt: 0,
                provenance: .init(source: text, line: 7)
            )
            let line = render(event)
            #expect(line.hasSuffix("}\n"))
            #expect(!line.dropLast().contains("\n"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["alert"] as? String == text)
            #expect((object["labels"] as? [String: String])?["x"] == text)
            #expect(object["value"] is NSNull)
            #expect((object["provenance"] as? [String: Any])?["source"] as? String == text)
        }
    }

    @Test func keysAndFormats() throws {
        let event = AlertEvent(
            seq: 3, time: 1_793_491_260_500_000_000, alert: "HighLatency", state: .pending,
            labels: [Label(name: "severity", value: "page"), Label(name: "alertname", value: "HighLatency")],
            annotations: [], value: 2.5, activeAt: 1_793_491_200_000_000_000
        )
        #expect(render(event) == #"{"seq":3,"time":"2026-11-01T00:01:00.500Z","alert":"HighLatency","state":"pending","labels":{"alertname":"HighLatency","severity":"page"},"annotations":{},"value":2.5,"activeAt":"2026-11-01T00:00:00Z","fingerprint":""# + event.fingerprint + #"","flapping":false,"provenance":null}"# + "\n")
    }

    @Test func infinityIsNeverAToken() {
        for value in [Double.infinity, -.infinity, .nan] {
            let line = render(AlertEvent(seq: 0, time: 0, alert: "a", state: .firing, labels: [], annotations: [], value: value, activeAt: 0))
            #expect(line.contains(#""value":null"#))
        }
    }

    @Test func fingerprintMatchesPrometheusAndIgnoresOrder() {
        #expect(Fingerprint.of([]) == 0xCBF2_9CE4_8422_2325)  // FNV-1a offset basis, as model.LabelSet{}.Fingerprint()
        let a = [Label(name: "a", value: "1"), Label(name: "b", value: "2")]
        #expect(Fingerprint.hex(a) == Fingerprint.hex(a.reversed()))
        #expect(Fingerprint.hex(a) != Fingerprint.hex([Label(name: "a", value: "12")]))
        #expect(Fingerprint.hex(a).count == 16)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_793_491_200_000_000_000, "2026-11-01T00:00:00Z"),
        (951_782_400_123_000_000, "2000-02-29T00:00:00.123Z"),
        (1_000_001_000, "1970-01-01T00:00:01.000001Z"),
        (1, "1970-01-01T00:00:00.000000001Z"),
        (-1_000_000_000, "1969-12-31T23:59:59Z"),
        (-1, "1969-12-31T23:59:59.999999999Z"),
        (.max, "2262-04-11T23:47:16.854775807Z"),
        (.min, "1677-09-21T00:12:43.145224192Z"),
        (4_102_444_800_500_000_000, "2100-01-01T00:00:00.500Z"),
    ])
    func rfc3339(ns: Int64, text: String) {
        #expect(Timestamp.rfc3339(ns) == text)
    }
}
