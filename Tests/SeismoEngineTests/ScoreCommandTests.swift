import Foundation
import SeismoTestSupport
import Testing

/// End-to-end: `seismo score` on real inputs, checked line by line.
@Suite struct ScoreCommandTests {
    /// `count` rows of `timestamp,value` five minutes apart, noise around 100 with one spike at `spike`.
    static func csvRows(_ count: Int, spike: Int) -> [(timestamp: String, value: String)] {
        var rng = SplitMix64(seed: 3)
        let formatter = ISO8601DateFormatter()
        return (0..<count).map { k in
            let time = formatter.string(from: Date(timeIntervalSince1970: 1_700_000_000 + Double(k) * 300))
            let value = k == spike ? 160 : 100 + 2 * rng.nextGaussian()
            return (time, String(format: "%.3f", value))
        }
    }

    func lines(_ result: SeismoProcess.Result) -> [Substring] {
        result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    @Test func csvInGivesCSVOutInTheSameOrderWithTheTextAsWritten() throws {
        let rows = Self.csvRows(600, spike: 450)
        let input = "timestamp,value\n" + rows.map { "\($0.timestamp),\($0.value)\n" }.joined()
        let result = try SeismoProcess.run(["score"], input: Data(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let out = lines(result)
        #expect(out.first == "timestamp,value,anomaly_score")
        try #require(out.count == rows.count + 1)
        var scores: [Double] = []
        for (row, line) in zip(rows, out.dropFirst()) {
            let fields = line.split(separator: ",")
            try #require(fields.count == 3, "\(line)")
            #expect(fields[0] == row.timestamp && fields[1] == row.value)
            let score = try #require(Double(fields[2]))
            #expect(score >= 0 && score <= 1)
            scores.append(score)
        }
        #expect(scores.prefix(20).allSatisfy { $0 == 0 }, "warm-up scores 0")
        #expect(scores[450] > 0.9, "the spike scores \(scores[450])")
        #expect(scores.enumerated().filter { $0.offset != 450 }.allSatisfy { $0.element < scores[450] })
        #expect(result.stderr.contains("600 samples scored, 1 anomalous"))
    }

    @Test func rejectedLinesAreNotEchoedAndAreCountedOnStderr() throws {
        let input = """
            timestamp,value
            1700000000,1
            1700000060,not-a-number
            1700000120,2
            ,3
            1700000180,NaN
            1700000240,1.5
            """
        let result = try SeismoProcess.run(["score", "--warm-up", "2", "--window", "10"], input: Data(input.utf8))
        #expect(result.status == 0)
        let out = lines(result)
        #expect(out.map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
            == ["timestamp,value", "1700000000,1", "1700000120,2", "1700000240,1.5"])
        #expect(result.stderr.contains("stdin:3: rejected (bad number)"))
        #expect(result.stderr.contains("stdin:5: rejected (bad timestamp)"))
        #expect(result.stderr.contains("stdin:6: rejected (non finite)"))
        #expect(result.stderr.contains("rejected 3"))
        #expect(result.stderr.contains("3 samples scored"))
    }

    @Test func csvWithSeriesColumnsNamesTheSeries() throws {
        let input = "timestamp,value,name,host\n1,1,cpu,a\n2,5,cpu,\"b\"\n"
        let result = try SeismoProcess.run(["score"], input: Data(input.utf8))
        #expect(lines(result) == [
            "timestamp,value,anomaly_score,series", #"1,1,0.000000,"cpu{host=""a""}""#, #"2,5,0.000000,"cpu{host=""b""}""#,
        ])
    }

    static let otherFormats: [(format: String, lines: [String])] = [
        ("influx", ["cpu,host=a,note=q\\\"x usage=1.5,idle=2 1700000000000000000", "cpu,host=b usage=-3e-7 1700000000000000001"]),
        ("prometheus", ["# TYPE up gauge", #"up{job="a\"b",path="c:\\d"} 1 1700000000000"#, "up 0"]),
        ("graphite", ["servers.web01.load 0.75 1700000000", "disk;dc=x 1e21 1700000001"]),
        ("statsd", ["requests:3|c", "latency:12.5|ms|#host:a"]),
        ("jsonl", [#"{"name":"m","labels":{"k":"tab\there"},"value":42,"timestamp":1700000000}"#]),
    ]

    @Test(arguments: otherFormats.indices)
    func otherFormatsGiveValidJSONLines(index: Int) throws {
        let (format, input) = Self.otherFormats[index]
        let result = try SeismoProcess.run(["score", "--format", format], input: Data(input.joined(separator: "\n").utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let out = lines(result)
        #expect(!out.isEmpty)
        #expect(result.stderr.contains("\(out.count) samples scored"))
        for line in out {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == ["series", "timestamp", "value", "score", "anomalous"], "\(line)")
            #expect(object["series"] is String && object["timestamp"] is NSNumber && object["value"] is NSNumber)
            #expect((object["score"] as? Double).map { (0...1).contains($0) } == true)
            #expect(object["anomalous"] as? Bool == false, "too few samples to judge")
        }
    }

    @Test func jsonLinesKeepInputOrderAcrossSeriesAndScoreASpike() throws {
        var rng = SplitMix64(seed: 9)
        var input = ""
        for k in 0..<400 {
            for host in ["a", "b"] {
                let value = host == "b" && k == 300 ? 500 : 50 + rng.nextGaussian()
                input += "lat,host=\(host) ms=\(value) \(1_700_000_000_000_000_000 + k * 1_000_000_000)\n"
            }
        }
        let result = try SeismoProcess.run(["score", "--detector", "zscore"], input: Data(input.utf8))
        let objects = try lines(result).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        try #require(objects.count == 800)
        #expect(objects.enumerated().allSatisfy { ($0.element["series"] as? String)?.hasSuffix($0.offset % 2 == 0 ? #""a"}"# : #""b"}"#) == true })
        let spike = objects[601]
        #expect(spike["anomalous"] as? Bool == true && (spike["score"] as? Double ?? 0) > 0.9)
        #expect(objects.filter { $0["anomalous"] as? Bool == true }.count <= 10, "k = 3 on Gaussian noise flags about 0.3%")
    }

    @Test(arguments: [
        ["--detector", "ewma", "--window", "50"], ["--sensitivity", "20"], ["--detector", "zscore", "--alpha", "0.1"],
        ["--window", "10"],
    ])
    func invalidDetectorOptionsAreUsageErrors(arguments: [String]) throws {
        let result = try SeismoProcess.run(["score"] + arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--"))
    }
}
