import Foundation
import SeismoHistory
import SeismoTestSupport
import Testing

/// Crashes and damage, end to end: `seismo run --data` killed with SIGKILL at random moments, torn tails, and a
/// flipped bit in a sealed segment.
@Suite struct HistoryCrashTests {
    private static let base: Int64 = 1_790_000_000_000_000_000

    /// Lines `first ..< first + count` of run `run`: value = run × 1,000,000 + position, one sample per line,
    /// timestamps 1 ms apart and rising over all runs.
    private func lines(run: Int, from first: Int, count: Int) -> Data {
        var text = ""
        text.reserveCapacity(count * 48)
        for k in first..<(first + count) {
            text += "crash value=\(run * 1_000_000 + k) \(Self.base + Int64(run) * 1_000_000_000_000 + Int64(k) * 1_000_000)\n"
        }
        return Data(text.utf8)
    }

    /// The number in the ack file; 0 while there is none.
    private static func acknowledgement(_ path: String) -> UInt64 {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    private func appendGarbage(_ count: Int, _ random: inout SplitMix64, to path: String) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }))
    }

    /// Every sample in history with its sequence number, in sequence order.
    private func history(_ directory: String) throws -> [(sequence: UInt64, metric: String, value: Double)] {
        let reader = try HistoryReader(directory: directory)
        var out: [(UInt64, String, Double)] = []
        let damage = reader.forEachBlock { block in
            for (i, sample) in block.samples.enumerated() {
                out.append((block.header.firstSequence + UInt64(i), block.series[sample.series.index].labels.metric, sample.value))
            }
        }
        #expect(damage.isEmpty, "\(damage)")
        return out
    }

    /// Where a test keeps its history, its ack file and the fixture's rules (written there).
    private func paths(in dir: URL) throws -> (data: String, ack: String, rules: String) {
        let rules = dir.appendingPathComponent("rules.yml").path
        try HistoryFixture.rules.write(toFile: rules, atomically: true, encoding: .utf8)
        return (dir.appendingPathComponent("data").path, dir.appendingPathComponent("ack").path, rules)
    }

    @Test func killedWriterLosesNoAcknowledgedSample() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let (data, ack, rules) = try paths(in: dir)
            var random = SplitMix64(seed: 20_261_124)
            var acknowledged: [UInt64] = []
            var tornInjected = false
            var killedRuns = 0
            let runs = 8
            for run in 0..<runs {
                let live = try PipedSeismo(["run", "--format", "influx", "--data", data, "--fsync", "always", "--ack-file", ack])
                // Kill at a random moment while input is flowing: 0 to 300 ms after this run acknowledged samples
                // of its own (the count starts where recovery left it, up to a batch past the last run's
                // acknowledgement; wait at most 30 s for that, however loaded the machine).
                let delay = Double(random.next() % 300) / 1000
                let previous = acknowledged.last ?? 0
                DispatchQueue.global().async {
                    let deadline = Date().addingTimeInterval(30)
                    while Self.acknowledgement(ack) <= previous + 10_000, Date() < deadline { usleep(5_000) }
                    usleep(UInt32(delay * 1_000_000))
                    live.killNow()
                }
                var position = 0
                let chunk = 2_000
                while position < 900_000, live.write(lines(run: run, from: position, count: chunk)) { position += chunk }
                let killed = try live.wait()
                #expect(killed.status == 9 || killed.status == 0)
                if killed.status == 9 { killedRuns += 1 }
                acknowledged.append(Self.acknowledgement(ack))

                // Replay straight after the crash (before any recovery) reads what it can and never crashes.
                let replay = try SeismoProcess.run(["replay", "--data", data, "--rules", rules])
                #expect(replay.status == 0, "\(replay.stderr)")

                // Once, tear the tails by hand as a write cut short would: the next open must cut and count them.
                let names = try FileManager.default.contentsOfDirectory(atPath: data).sorted()
                if !tornInjected, let last = names.last(where: { $0.hasPrefix("seg-") && $0.hasSuffix(".sz") }) {
                    tornInjected = true
                    try appendGarbage(53, &random, to: data + "/" + last)
                    try appendGarbage(37, &random, to: data + "/journal.wal")
                    let stats = dir.appendingPathComponent("stats.json").path
                    let reopened = try SeismoProcess.run(["run", "--format", "influx", "--data", data, "--stats-json", stats])
                    #expect(reopened.status == 0, "\(reopened.stderr)")
                    #expect(reopened.stderr.contains("cut a torn tail of"), "\(reopened.stderr)")
                    #expect(reopened.stderr.contains("cut a torn journal record of"), "\(reopened.stderr)")
                    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as! [String: Any]
                    let history = try #require(json["history"] as? [String: Any])
                    #expect((history["segment_truncated_bytes"] as? Int ?? 0) >= 53)
                    #expect((history["journal_truncated_bytes"] as? Int ?? 0) >= 37)
                }
            }
            #expect(tornInjected)
            // Recover once more, then check everything.
            let final = try SeismoProcess.run(["run", "--format", "influx", "--data", data])
            #expect(final.status == 0, "\(final.stderr)")
            let samples = try history(data)

            // Sequence numbers are dense and monotonic: nothing rewritten, nothing renumbered.
            #expect(samples.map(\.sequence) == Array(0..<UInt64(samples.count)))
            // Each run's samples are a prefix of what it was sent, in order, and runs follow each other.
            var expectedNext: [Int: Int] = [:]
            var lastRun = 0
            for sample in samples {
                let run = Int(sample.value) / 1_000_000
                let position = Int(sample.value) % 1_000_000
                #expect(run >= lastRun)
                lastRun = run
                #expect(position == expectedNext[run, default: 0], "run \(run): position \(position) out of order")
                expectedNext[run] = position + 1
            }
            // Nothing acknowledged was lost: the samples of runs 0...r number at least run r's acknowledgement.
            for (run, ack) in acknowledged.enumerated() {
                let kept = (0...run).reduce(0) { $0 + expectedNext[$1, default: 0] }
                #expect(UInt64(kept) >= ack, "run \(run): \(ack) acknowledged, \(kept) in history")
            }
            // The kills must have landed while samples were flowing, or the test shows nothing.
            #expect(killedRuns >= runs / 2, "\(killedRuns) of \(runs) runs were killed")
            #expect(zip([0] + acknowledged, acknowledged).filter { $0 < $1 }.count >= runs / 2, "\(acknowledged)")
            print("HistoryCrashTests: acknowledged \(acknowledged), \(samples.count) samples kept, \(killedRuns) runs killed")
        }
    }

    /// A run killed before it wrote its open block leaves that block in the journal only: replay plays it after the
    /// blocks (here all of it, the fixture being smaller than a block), with the journal as the alerts' source.
    @Test func replayPlaysTheJournalOfAKilledRun() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let (data, ack, rules) = try paths(in: dir)
            let live = try PipedSeismo(["run", "--format", "influx", "--data", data, "--fsync", "always", "--ack-file", ack])
            #expect(live.write(HistoryFixture.data(HistoryFixture.lines())))
            let deadline = Date().addingTimeInterval(30)
            while Self.acknowledgement(ack) < 2_130, Date() < deadline { usleep(5_000) }
            live.killNow()
            #expect(try live.wait().status == 9)
            #expect(Self.acknowledgement(ack) >= 2_130)

            let replay = try SeismoProcess.run(["replay", "--data", data, "--rules", rules])
            let alerts = String(decoding: replay.stdout, as: UTF8.self)
            #expect(replay.status == 0, "\(replay.stderr)")
            #expect(replay.stderr.contains("samples   2130 evaluated"), "\(replay.stderr)")
            #expect(replay.stderr.contains("journal   2130 samples past the blocks, 0 bytes unreadable"), "\(replay.stderr)")
            #expect(alerts.contains("\"provenance\":{\"source\":\"journal.wal\",\"line\":"), "\(alerts)")
            // The same alerts once a run has reopened the directory and written the journal as a block.
            let reopened = try SeismoProcess.run(["run", "--format", "influx", "--data", data])
            #expect(reopened.status == 0, "\(reopened.stderr)")
            let after = try SeismoProcess.run(["replay", "--data", data, "--rules", rules])
            #expect(!after.stderr.contains("journal "), "\(after.stderr)")
            let withoutSource = { (text: String) in
                text.replacingOccurrences(of: #""source":"[^"]*""#, with: "", options: .regularExpression)
            }
            let events = { (text: String) in text.split(separator: "\n").filter { !$0.contains("\"end\"") } }
            let recovered = String(decoding: after.stdout, as: UTF8.self)
            #expect(!events(withoutSource(alerts)).isEmpty)
            #expect(events(withoutSource(alerts)) == events(withoutSource(recovered)))
        }
    }

    @Test func bitFlipInSealedSegmentSkipsThatBlockOnly() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let (data, _, rules) = try paths(in: dir)
            // Noisy 3-decimal values over 4 series, so blocks take tens of kilobytes.
            var random = SplitMix64(seed: 99)
            let total = 200_000
            var text = ""
            for k in 0..<total {
                text += "noise,s=\(k % 4) value=\(Double(random.next() % 100_000) / 1000) \(Self.base + Int64(k) * 1_000_000)\n"
            }
            // Small segments: a new one before a block would take it past 4 KiB, so every block has its own.
            let write = try SeismoProcess.run(["run", "--format", "influx", "--data", data, "--segment-size", "4KiB"], input: Data(text.utf8))
            #expect(write.status == 0, "\(write.stderr)")
            let reader = try HistoryReader(directory: data)
            try #require(reader.segments.count >= 3)
            let clean = try SeismoProcess.run(["replay", "--data", data, "--rules", rules])
            #expect(clean.stderr.contains("samples   \(total) evaluated"), "\(clean.stderr)")

            // Flip one bit in the compressed body of the second segment's first block (a sealed segment).
            let segment = reader.segments[1]
            let block = try #require(segment.blocks.first)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: segment.path))
            bytes[Int(block.offset) + block.length / 2] ^= 0x10
            try bytes.write(to: URL(fileURLWithPath: segment.path))

            let damaged = try SeismoProcess.run(["replay", "--data", data, "--rules", rules])
            #expect(damaged.status == 0, "\(damaged.stderr)")
            #expect(damaged.stderr.contains("\(segment.path): block at offset \(block.offset) is corrupt"), "\(damaged.stderr)")
            #expect(damaged.stderr.contains("samples   \(total - block.header.sampleCount) evaluated"), "\(damaged.stderr)")
            #expect(damaged.stderr.contains("damage    1 blocks skipped"))
        }
    }
}
