import Foundation
import SeismoTestSupport
import Testing

/// `seismo generate` piped into `seismo run`: every format the generator writes is detected as itself and read
/// back with no rejection.
@Suite struct GenerateCommandTests {
    @Test(arguments: ["influx", "prometheus", "graphite", "statsd", "jsonl", "csv"])
    func generatedStreamsAreDetectedAndReadWithoutRejections(format: String) throws {
        let generated = try SeismoProcess.run(["generate", "--series", "25", "--lines", "5000", "--format", format, "--seed", "3"])
        #expect(generated.status == 0, "\(generated.stderr)")
        try SeismoProcess.withTemporaryDirectory { dir in
            let statsPath = dir.appendingPathComponent("stats.json").path
            let result = try SeismoProcess.run(["run", "--stats-json", statsPath], input: generated.stdout)
            #expect(result.status == 0, "\(result.stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: statsPath))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["format"] as? String == format)
            #expect(json["rejected_lines"] as? Int == 0, "\(result.stderr)")
            #expect(json["accepted_lines"] as? Int == 5000)
            let samples = try #require(json["samples"] as? Int)
            // Influx lines of two kinds carry a second field; every other format has one value per line.
            #expect(format == "influx" ? samples > 5000 : samples == 5000)
            let series = try #require(json["series"] as? Int)
            #expect(format == "influx" ? series > 25 : series == 25)
        }
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let a = try SeismoProcess.run(["generate", "--lines", "2000", "--seed", "9"])
        let b = try SeismoProcess.run(["generate", "--lines", "2000", "--seed", "9"])
        let c = try SeismoProcess.run(["generate", "--lines", "2000", "--seed", "10"])
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
        #expect(a.stdoutText.split(separator: "\n").count == 2000)
    }

    @Test func truthFileListsInjectedAnomalies() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let truth = dir.appendingPathComponent("truth.jsonl").path
            let result = try SeismoProcess.run(["generate", "--series", "4", "--lines", "40000", "--truth", truth])
            #expect(result.status == 0)
            let lines = try String(contentsOfFile: truth, encoding: .utf8).split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["kind"] is String)
                #expect((object["start"] as? Int ?? 0) <= (object["end"] as? Int ?? -1))
            }
        }
    }

    @Test func autoIsNotAnOutputFormat() throws {
        let result = try SeismoProcess.run(["generate", "--format", "auto"])
        #expect(result.status == 64)
    }
}
