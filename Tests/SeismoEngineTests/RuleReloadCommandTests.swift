import Foundation
import SeismoTestSupport
import Testing

/// End-to-end: `seismo run --rules` reloads its rules on SIGHUP, only when every file is valid.
@Suite struct RuleReloadCommandTests {
    private let first = """
        groups:
          - name: load
            interval: 10s
            rules:
              - alert: Kept
                expr: m > 10
              - alert: Removed
                expr: m > 5
        """

    private let second = """
        groups:
          - name: load
            interval: 10s
            rules:
              - alert: Kept
                expr: m > 10
              - alert: Added
                expr: m > 15
        """

    /// Polls `body` every 20 ms for up to 10 s; true once it holds.
    private func eventually(_ body: () -> Bool) -> Bool {
        for _ in 0..<500 {
            if body() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return body()
    }

    private func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    /// `m value=20` at 10-second steps `from`..<`to` (seconds), as line protocol with second timestamps.
    private func lines(_ from: Int, _ to: Int) -> Data {
        Data(stride(from: from, to: to, by: 10).map { "m value=20 \($0)000000000\n" }.joined().utf8)
    }

    private func alerts(_ url: URL) throws -> [String] {
        try text(url).split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return "\(object["alert"]!) \(object["state"]!) \(object["time"]!)"
        }
    }

    @Test func sighupSwapsInValidRulesKeepsAlertStateAndRefusesABrokenFile() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let rules = dir.appendingPathComponent("reload.yml")
            let output = dir.appendingPathComponent("alerts.jsonl")
            let errors = dir.appendingPathComponent("stderr")
            let statsPath = dir.appendingPathComponent("stats.json").path
            try first.write(to: rules, atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            let process = Process()
            process.executableURL = SeismoProcess.executable
            process.arguments = [
                "run", "--format", "influx", "--precision", "ns", "--rules", rules.path, "--output", output.path,
                "--stats-json", statsPath,
            ]
            let stdin = Pipe()
            process.standardInput = stdin
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            // Samples up to 60 s evaluate the ticks up to 50 s: both alerts fire at 0.
            stdin.fileHandleForWriting.write(lines(0, 70))
            #expect(eventually { (try? alerts(output).count) == 2 }, "\(text(errors))")

            try second.write(to: rules, atomically: true, encoding: .utf8)
            kill(process.processIdentifier, SIGHUP)
            #expect(eventually { text(errors).contains("seismo: rules reloaded: 2 rules in 1 file") }, "\(text(errors))")
            stdin.fileHandleForWriting.write(lines(70, 100))
            #expect(eventually { (try? alerts(output).count) == 4 }, "\(text(errors))")

            // A broken file is refused with its position; the second rule set stays in force.
            try (second + "\n        for: soon\n").write(to: rules, atomically: true, encoding: .utf8)
            kill(process.processIdentifier, SIGHUP)
            #expect(eventually { text(errors).contains("keeping the previous rules") }, "\(text(errors))")
            stdin.fileHandleForWriting.write(Data("m value=1 100000000000\nm value=1 120000000000\n".utf8))
            try stdin.fileHandleForWriting.close()
            process.waitUntilExit()

            let err = text(errors)
            #expect(process.terminationStatus == 0, "\(err)")
            #expect(err.contains("\(rules.path):9:14: "), "\(err)")
            #expect(err.contains("reloads   1 ok, 1 failed"), "\(err)")
            // Kept fired once, before the reload, and is not reported again; Removed is resolved at the reload
            // (the newest event time, 60 s); Added fires at the first tick after it (60 s). The last samples drop
            // below every threshold: Kept and Added resolve at 100 s.
            #expect(try alerts(output) == [
                "Kept firing 1970-01-01T00:00:00Z",
                "Removed firing 1970-01-01T00:00:00Z",
                "Removed resolved 1970-01-01T00:01:00Z",
                "Added firing 1970-01-01T00:01:00Z",
                "Kept resolved 1970-01-01T00:01:40Z",
                "Added resolved 1970-01-01T00:01:40Z",
            ])
            let stats = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statsPath))) as? [String: Any])
            #expect(stats["rule_reloads"] as? Int == 1)
            #expect(stats["failed_rule_reloads"] as? Int == 1)
        }
    }
}
