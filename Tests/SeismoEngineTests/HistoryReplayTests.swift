import Foundation
import SeismoTestSupport
import Testing

/// End-to-end: `seismo run --data` writes history, `seismo replay` plays it back through the same rules, and a
/// restarted run resumes its alerts; the built binary on real files.
@Suite struct HistoryReplayTests {
    private func rules(in dir: URL, _ text: String = HistoryFixture.rules) throws -> String {
        let path = dir.appendingPathComponent("rules.yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func run(_ arguments: [String], _ input: Data = Data()) throws -> SeismoProcess.Result {
        let result = try SeismoProcess.run(arguments, input: input)
        #expect(result.status == 0, "seismo \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    @Test func replayWritesTheAlertsTheLiveRunWrote() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = try rules(in: dir)
            let data = dir.appendingPathComponent("data").path
            let live = dir.appendingPathComponent("live.jsonl")
            let replayed = dir.appendingPathComponent("replay.jsonl")
            _ = try run(["run", "--format", "influx", "--data", data, "--rules", rules, "--output", live.path],
                        HistoryFixture.data(HistoryFixture.lines()))
            let replay = try run(["replay", "--data", data, "--rules", rules, "--output", replayed.path])
            #expect(replay.stderr.contains("samples   2130 evaluated"), "\(replay.stderr)")

            let expected = try HistoryFixture.alerts(file: live)
            let actual = try HistoryFixture.alerts(file: replayed)
            #expect(actual == expected)
            // The fixture must exercise what the comparison is about: `for`, `keep_firing_for`, absence.
            let states = Set(expected.filter { $0["alert"] as? String == "HighLoad" }.map { $0["state"] as! String })
            #expect(states == ["pending", "firing", "resolved"])
            #expect(expected.contains { $0["alert"] as? String == "HostSilent" && $0["state"] as? String == "firing" })
            // Provenance names the segment and the sample's position in history.
            let raw = try String(contentsOf: replayed, encoding: .utf8)
            #expect(raw.contains("\"provenance\":{\"source\":\"seg-00000000000000000000.sz\",\"line\":"))
        }
    }

    @Test(arguments: [0.3, 0.5, 0.77])
    func restartedRunResumesItsAlerts(splitAt fraction: Double) throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = try rules(in: dir)
            let lines = HistoryFixture.lines()
            // Split between two timestamps: a tick at the last timestamp of the first half is evaluated at its end.
            var split = Int(Double(lines.count) * fraction)
            let time = { (line: String) in line.split(separator: " ").last! }
            while time(lines[split]) == time(lines[split - 1]) { split += 1 }

            let whole = try run(["run", "--format", "influx", "--rules", rules], HistoryFixture.data(lines))
            let data = dir.appendingPathComponent("data").path
            let first = try run(["run", "--format", "influx", "--data", data, "--rules", rules], HistoryFixture.data(lines[..<split]))
            let stats = dir.appendingPathComponent("stats.json").path
            let second = try run(
                ["run", "--format", "influx", "--data", data, "--rules", rules, "--stats-json", stats],
                HistoryFixture.data(lines[split...])
            )
            let expected = try HistoryFixture.alerts(whole.stdout)
            let resumed = try HistoryFixture.alerts(first.stdout) + HistoryFixture.alerts(second.stdout)
            #expect(!expected.isEmpty)
            #expect(resumed == expected)  // seq included: it continues across the restart

            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
            let history = try #require(json["history"] as? [String: Any])
            #expect(history["restored_checkpoint"] as? Int == split + 1)  // the first run's samples and its end marker
            #expect(history["first_sequence"] as? Int == split + 1)
            #expect(history["samples_written"] as? Int == lines.count - split)
            #expect(json["evaluated_samples"] as? Int == lines.count - split)
        }
    }

    @Test func boundedWarmUpResumesFromTheCheckpoint() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = try rules(in: dir)
            // Three hours of input, restarted after two and a half with a warm-up of one hour (the rules' own
            // lookback): what happened before that hour reaches the second run through the checkpoint only.
            let lines = HistoryFixture.lines(steps: 2160)
            var split = lines.count * 5 / 6
            let time = { (line: String) in line.split(separator: " ").last! }
            while time(lines[split]) == time(lines[split - 1]) { split += 1 }
            let whole = try run(["run", "--format", "influx", "--rules", rules], HistoryFixture.data(lines))
            let expected = try HistoryFixture.alerts(whole.stdout)

            func resumed(keepCheckpoint: Bool) throws -> [NSDictionary] {
                let data = dir.appendingPathComponent("data-\(keepCheckpoint)").path
                let first = try run(["run", "--format", "influx", "--data", data, "--rules", rules], HistoryFixture.data(lines[..<split]))
                if !keepCheckpoint { try FileManager.default.removeItem(atPath: data + "/checkpoint.json") }
                let second = try run(
                    ["run", "--format", "influx", "--data", data, "--rules", rules, "--warm-up", "1h"],
                    HistoryFixture.data(lines[split...])
                )
                #expect(second.stderr.contains("alerts restored from the checkpoint") == keepCheckpoint, "\(second.stderr)")
                return try HistoryFixture.alerts(first.stdout) + HistoryFixture.alerts(second.stdout)
            }
            #expect(try resumed(keepCheckpoint: true) == expected)
            // Without the checkpoint the bounded warm-up cannot know what came before its hour.
            #expect(try resumed(keepCheckpoint: false) != expected)
        }
    }

    @Test func replaySelectsByTimeAndSeries() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = try rules(in: dir)
            let data = dir.appendingPathComponent("data").path
            let lines = HistoryFixture.lines()
            _ = try run(["run", "--format", "influx", "--data", data, "--rules", rules], HistoryFixture.data(lines))

            // --match: as if only host a had been sent.
            let onlyA = try run(["run", "--format", "influx", "--rules", rules], HistoryFixture.data(lines.filter { $0.hasPrefix("load,host=a ") }))
            let matched = try run(["replay", "--data", data, "--rules", rules, "--match", "load{host=\"a\"}"])
            #expect(try HistoryFixture.alerts(matched.stdout) == HistoryFixture.alerts(onlyA.stdout))

            // --from (RFC 3339) and --to (Unix seconds), both inclusive.
            let from = HistoryFixture.start + 200 * HistoryFixture.step
            let to = HistoryFixture.start + 600 * HistoryFixture.step
            let window = lines.filter { line in
                let t = Int64(line.split(separator: " ").last!)!
                return t >= from && t <= to
            }
            let windowed = try run(["run", "--format", "influx", "--rules", rules], HistoryFixture.data(window))
            let rfc3339 = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(from / 1_000_000_000)))
            let ranged = try run([
                "replay", "--data", data, "--rules", rules, "--from", rfc3339, "--to", String(to / 1_000_000_000),
            ])
            let expected = try HistoryFixture.alerts(windowed.stdout)
            #expect(!expected.isEmpty)
            #expect(try HistoryFixture.alerts(ranged.stdout) == expected)
        }
    }

    @Test func idleClockAdvancesAreRecordedAndReplayed() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = try rules(in: dir, """
                groups:
                  - name: beat
                    interval: 1s
                    rules:
                      - alert: NoBeat
                        expr: absent_over_time(beat[1s])
                """)
            let data = dir.appendingPathComponent("data").path
            let stats = dir.appendingPathComponent("stats.json").path
            let live = try PipedSeismo(["run", "--format", "influx", "--data", data, "--rules", rules, "--stats-json", stats])
            let base: Int64 = 1_790_000_000_000_000_000
            let beats = { (range: Range<Int>) in HistoryFixture.data(range.map { "beat value=1 \(base + Int64($0) * 100_000_000)" }) }
            live.write(beats(0..<30))
            // Silence on the wire: the live run's clock moves on by wall time and NoBeat fires.
            Thread.sleep(forTimeInterval: 2.5)
            live.write(beats(30..<80))
            let result = try live.wait()
            #expect(result.status == 0, "\(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
            let history = try #require(json["history"] as? [String: Any])
            #expect((history["markers_written"] as? Int ?? 0) >= 2, "an idle advance and the end of the run")

            let expected = try HistoryFixture.alerts(result.stdout)
            #expect(expected.contains { $0["alert"] as? String == "NoBeat" && $0["state"] as? String == "firing" })
            let replay = try run(["replay", "--data", data, "--rules", rules])
            #expect(try HistoryFixture.alerts(replay.stdout) == expected)
        }
    }
}
