import Foundation
import SeismoTestSupport
import Testing

/// End-to-end: the built `seismo` binary on real inputs, checked through its summary and `--stats-json`.
@Suite struct RunCommandTests {
    private func stats(_ dir: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: dir.appendingPathComponent("stats.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func summaryAndStatsJSONCountEverything() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let input = """
                cpu,host=a usage=1,idle=2 1000
                cpu,host=b usage=3 1000
                cpu,host=a usage=x 2000
                cpu,host=a usage=5 3000
                not a line
                """
            let statsPath = dir.appendingPathComponent("stats.json").path
            let result = try SeismoProcess.run(["run", "--format", "influx", "--stats-json", statsPath], input: Data(input.utf8))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("stdin:3: rejected (bad number)"))
            #expect(result.stderr.contains("stdin:5: rejected (syntax)"))
            #expect(result.stderr.contains("lines     5"))
            let json = try stats(dir)
            #expect(json["lines"] as? Int == 5)
            #expect(json["samples"] as? Int == 4)
            #expect(json["evaluated_samples"] as? Int == 4)
            #expect(json["series"] as? Int == 3)
            let rejects = try #require(json["rejects"] as? [String: Int])
            #expect(rejects["bad_number"] == 1)
            #expect(rejects["syntax"] == 1)
            #expect(rejects["out_of_order"] == 0)
            #expect(json["format"] as? String == "influx")
        }
    }

    @Test func showRejectsLimitsMessagesButNotCounts() throws {
        let input = (1...20).map { "m value=bad\($0)" }.joined(separator: "\n")
        let result = try SeismoProcess.run(["run", "--show-rejects", "2"], input: Data(input.utf8))
        #expect(result.status == 0)
        let shown = result.stderr.split(separator: "\n").filter { $0.contains("rejected (bad number)") }
        #expect(shown.count == 2)
        #expect(result.stderr.contains("rejected  bad_number: 20"))
    }

    @Test func invalidOptionsExitWithUsageError() throws {
        let result = try SeismoProcess.run(["run", "--ooo-window", "5 minutes"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--ooo-window"))
    }

    @Test func sigtermStopsReadingDrainsAndExitsZero() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let statsPath = dir.appendingPathComponent("stats.json").path
            let process = Process()
            process.executableURL = SeismoProcess.executable
            process.arguments = ["run", "--format", "influx", "--stats-json", statsPath]
            let stdin = Pipe()
            let stderr = Pipe()
            process.standardInput = stdin
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let lines = (0..<1000).map { "m,host=h\($0 % 10) value=\($0) \($0)\n" }.joined()
            stdin.fileHandleForWriting.write(Data(lines.utf8))
            // Wait (bounded) until the handler is installed, as /proc shows, so the signal tests the handler and
            // not the default action.
            for _ in 0..<200 where !Self.catchesSIGTERM(process.processIdentifier) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            // The write end stays open: only the signal can end this run. Signal until it exits (bounded).
            var attempts = 0
            while process.isRunning && attempts < 100 {
                kill(process.processIdentifier, SIGTERM)
                Thread.sleep(forTimeInterval: 0.05)
                attempts += 1
            }
            #expect(!process.isRunning, "seismo run did not stop on SIGTERM")
            try? stdin.fileHandleForWriting.close()
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(err)")
            #expect(err.contains("stopped by signal"))
            let json = try stats(dir)
            #expect(json["interrupted"] as? Bool == true)
            #expect(json["evaluated_samples"] as? Int == json["samples"] as? Int)
        }
    }

    /// `--rules` on the bundled example stream with the bundled rules: the detectors, health classifiers and SLOs
    /// publish series, counted in the summary.
    @Test func rulesPublishDerivedSeriesOnTheExampleStream() throws {
        let rules = CheckCommandTests.repositoryRules
        let example = try SeismoProcess.run(["generate", "--example"])
        #expect(example.status == 0)
        try SeismoProcess.withTemporaryDirectory { dir in
            let statsPath = dir.appendingPathComponent("stats.json").path
            let result = try SeismoProcess.run(["run", "--rules", rules, "--stats-json", statsPath], input: example.stdout)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("derived"))
            let json = try stats(dir)
            let derived = try #require(json["derived_series"] as? Int)
            // 3 detectors over 12 latency, 8 CPU and 4 checkout queue series publish 5 series each; the health
            // classifier and the SLOs add theirs.
            #expect(derived > 5 * 24)
            #expect(json["evaluated_samples"] as? Int == json["samples"] as? Int)
            #expect((json["anomalies"] as? Int ?? 0) > 0)

            let plain = try SeismoProcess.run(["run", "--stats-json", statsPath], input: example.stdout)
            #expect(plain.status == 0)
            #expect(try stats(dir)["derived_series"] is NSNull)
        }
    }

    @Test func invalidRulesExitOneWithEveryProblemAtItsPosition() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("bad.yml").path
            let text = "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: foo(\n        for: ten\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try SeismoProcess.run(["run", "--rules", path], input: Data("m value=1 1\n".utf8))
            #expect(result.status == 1)
            #expect(result.stderr.contains("\(path):5:19: group \"x\", rule 1, \"A\": could not parse expression"), "\(result.stderr)")
            #expect(result.stderr.contains("\(path):6:14: "), "\(result.stderr)")
            #expect(!result.stderr.contains("lines"), "nothing is read when the rules do not load")
        }
    }

    /// The rule files `run` starts loading beside argument parsing (`RulePrefetch`) are the ones it would load
    /// itself: `--rules PATH`, `--rules=PATH` and a guess the parsed options contradict (a `--rules` after `--`,
    /// which is not an option there, so the run fails on it as an unexpected argument) give what loading them after
    /// parsing gives.
    @Test func rulesLoadedAheadAreTheRulesTheOptionsName() throws {
        let rules = CheckCommandTests.repositoryRules
        let example = try SeismoProcess.run(["generate", "--example"])
        let spaced = try SeismoProcess.run(["run", "--rules", rules], input: example.stdout)
        let joined = try SeismoProcess.run(["run", "--rules=\(rules)"], input: example.stdout)
        let twice = try SeismoProcess.run(["run", "--rules", rules + "/service.yml", "--rules=\(rules)/slo.yml"], input: example.stdout)
        let twiceSpaced = try SeismoProcess.run(
            ["run", "--rules", rules + "/service.yml", "--rules", rules + "/slo.yml"], input: example.stdout)
        let separate = try SeismoProcess.run(["run", "--rules", rules + "/service.yml"], input: example.stdout)
        #expect(spaced.status == 0 && joined.status == 0 && twice.status == 0 && separate.status == 0, "\(twice.stderr)")
        #expect(!spaced.stdout.isEmpty)
        #expect(joined.stdout == spaced.stdout)
        #expect(twice.stdout == twiceSpaced.stdout)
        // One file of the set: its alerts only.
        #expect(String(decoding: spaced.stdout, as: UTF8.self).contains("\"alert\":\"SLO"))
        #expect(!String(decoding: separate.stdout, as: UTF8.self).contains("\"alert\":\"SLO"))
        let afterSeparator = try SeismoProcess.run(["run", "--", "--rules", rules], input: example.stdout)
        #expect(afterSeparator.status == 64, "\(afterSeparator.stderr)")
    }

    /// Whether process `pid` has a handler for SIGTERM (bit 15 of `SigCgt` in /proc/PID/status).
    static func catchesSIGTERM(_ pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
            let mask = UInt64(line.dropFirst(7).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << (UInt64(SIGTERM) - 1)) != 0
    }
}
