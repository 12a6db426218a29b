import Foundation
import SeismoTestSupport
import Testing

/// `seismo run --rules`: alert events on stdout, one valid JSON object per line, the same bytes whatever the ring
/// size or read pattern.
@Suite struct AlertOutputTests {
    static let rules = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    private func example() throws -> Data {
        let generated = try SeismoProcess.run(["generate", "--example"])
        #expect(generated.status == 0)
        return generated.stdout
    }

    @Test func bundledRulesOnTheExampleStreamGiveWellFormedAlerts() throws {
        let result = try SeismoProcess.run(["run", "--rules", Self.rules], input: try example())
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count > 5, "the example stream should raise a handful of alerts")
        var lastSeq = 0
        var states: Set<String> = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["seq", "time", "alert", "state", "labels", "annotations", "value", "activeAt", "fingerprint", "provenance"] {
                #expect(object.keys.contains(key), "missing \(key) in \(line)")
            }
            let seq = try #require(object["seq"] as? Int)
            #expect(seq == lastSeq + 1, "seq must be monotonic without gaps")
            lastSeq = seq
            states.insert(try #require(object["state"] as? String))
            let labels = try #require(object["labels"] as? [String: String])
            #expect(labels["alertname"] == object["alert"] as? String)
            #expect(!line.contains("NaN") && !line.contains("Inf"))
            #expect(!(object["annotations"] as? [String: String] ?? [:]).values.contains { $0.contains("error expanding template") })
        }
        #expect(states.contains("firing"))
        #expect(states.contains("resolved"))
    }

    @Test func alertsAreByteIdenticalWhateverTheRingSize() throws {
        let input = try example()
        let small = try SeismoProcess.run(["run", "--rules", Self.rules, "--ring-capacity", "8"], input: input)
        let large = try SeismoProcess.run(["run", "--rules", Self.rules, "--ring-capacity", "1048576"], input: input)
        #expect(small.status == 0 && large.status == 0)
        #expect(!small.stdout.isEmpty)
        #expect(small.stdout == large.stdout)
    }

    @Test func outputOptionWritesTheAlertsToAFile() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("alerts.jsonl").path
            let input = try example()
            let toFile = try SeismoProcess.run(["run", "--rules", Self.rules, "--output", file], input: input)
            let toStdout = try SeismoProcess.run(["run", "--rules", Self.rules], input: input)
            #expect(toFile.stdout.isEmpty)
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == toStdout.stdout)
        }
    }
}
