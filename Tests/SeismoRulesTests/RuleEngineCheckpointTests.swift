import Foundation
import SeismoCore
import SeismoRules
import Testing

/// A rule engine restored from a checkpoint (through JSON) carries on exactly as the engine it was taken from.
@Suite struct RuleEngineCheckpointTests {
    private static let second: Int64 = 1_000_000_000
    /// Two files with a group of the same name, and two alerts of the same name in one group: the checkpoint
    /// keys must keep them apart.
    private static let files = [
        """
        groups:
          - name: g
            interval: 10s
            rules:
              - alert: High
                expr: x > 5
                for: 30s
                keep_firing_for: 20s
              - alert: High
                expr: x > 8
                labels:
                  level: hard
        """,
        """
        groups:
          - name: g
            interval: 15s
            rules:
              - alert: Any
                expr: max(x) > 7
                for: 15s
        """,
    ]

    /// A store with three series whose values cross the thresholds in runs of every length.
    private func store() -> SeriesStore {
        let store = SeriesStore(retention: 3600 * Self.second)
        var random = SplitMix64(seed: 5)
        for h in 0..<3 {
            let id = SeriesID(UInt32(h))
            store.register(id, labels: SeriesLabels(metric: "x", labels: [Label(name: "h", value: "\(h)")]))
            var high = 0
            for t in stride(from: Int64(0), to: 1800, by: 5) {
                if high == 0, random.next() % 12 == 0 { high = Int(random.next() % 20) }
                let value = high > 0 ? (random.next() % 7 == 0 ? 2 : 9) : Double(random.next() % 5)
                if high > 0 { high -= 1 }
                store.append(id, time: t * Self.second, value: value)
            }
        }
        return store
    }

    private func ruleSet() throws -> RuleSet {
        var files: [RuleFile] = []
        for (i, text) in Self.files.enumerated() {
            let (file, diagnostics) = RuleFileParser().parse(text, path: "\(i).yml")
            try #require(diagnostics.isEmpty, "\(diagnostics)")
            files.append(file)
        }
        return RuleSet(files: files)
    }

    @Test(arguments: [300, 605, 1210])
    func restoredEngineCarriesOn(stoppingAt seconds: Int64) throws {
        let ruleSet = try ruleSet()
        let store = store()
        let end = 1795 * Self.second
        var reference = RuleEngine(ruleSet: ruleSet)
        reference.start(at: 0)
        var expected: [AlertEvent] = []
        reference.advance(to: end, store: store) { expected.append($0) }

        var first = RuleEngine(ruleSet: ruleSet)
        first.start(at: 0)
        var events: [AlertEvent] = []
        first.advance(to: seconds * Self.second, store: store) { events.append($0) }
        let json = try JSONEncoder().encode(first.checkpoint)
        let checkpoint = try JSONDecoder().decode(RuleEngineCheckpoint.self, from: json)
        #expect(checkpoint == first.checkpoint)
        #expect(!checkpoint.alerts.isEmpty, "the stop must fall where alerts are live, or the test shows nothing")

        var second = RuleEngine(ruleSet: ruleSet)
        #expect(second.restore(checkpoint) == checkpoint.alerts.count)
        second.advance(to: end, store: store) { events.append($0) }
        #expect(events == expected)

        // Without the checkpoint, a fresh engine would not carry on the same way.
        var fresh = RuleEngine(ruleSet: ruleSet)
        fresh.start(at: seconds * Self.second + 1)
        var unrestored = Array(expected.prefix(while: { $0.seq <= checkpoint.seq }))
        fresh.advance(to: end, store: store) { unrestored.append($0) }
        #expect(unrestored != expected)
    }

    @Test func lifecycleSnapshotKeepsEveryField() throws {
        var lifecycle = AlertLifecycle(timing: AlertTiming(holdFor: 10, keepFiringFor: 20, flapWindow: 8, flapThreshold: 0.5))
        for (t, active) in [true, true, false, true, true, true, false].enumerated() {
            _ = lifecycle.evaluate(at: Int64(t) * 10, active: active, value: active ? .infinity : .nan)
        }
        let data = try JSONEncoder().encode(lifecycle.snapshot)
        let snapshot = try JSONDecoder().decode(AlertLifecycle.Snapshot.self, from: data)
        var restored = try #require(AlertLifecycle(timing: lifecycle.timing, restoring: snapshot))
        #expect(restored == lifecycle)
        // And they keep agreeing.
        for (t, active) in [false, false, true, false, false, false].enumerated() {
            let time = Int64(t + 7) * 10
            #expect(restored.evaluate(at: time, active: active, value: 1) == lifecycle.evaluate(at: time, active: active, value: 1))
        }
        #expect(restored == lifecycle)
    }
}
