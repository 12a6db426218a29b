import SeismoCore
import SeismoEngine
import SeismoRules
import Testing

/// `DetectionStage.init(ruleSet:store:carryingOver:)`: a reload keeps the state of unchanged declarations, so the
/// outputs are those of a run that never reloaded, and starts changed ones afresh.
@Suite struct DetectionStageReloadTests {
    private static let second: Int64 = 1_000_000_000

    private static let rules = """
        groups:
          - name: g
            detectors:
              - name: latency
                selector: latency
                window: 20
                warm_up: 10
            health:
              - name: api
                requests: requests_total
                errors: errors_total
                window: 1000
                min_calls: 1
        """

    private static func ruleSet(_ yaml: String) throws -> RuleSet {
        let (file, diagnostics) = RuleFileParser().parse(yaml, path: "reload.yml")
        try #require(diagnostics.filter(\.isError).isEmpty, "\(diagnostics)")
        return RuleSet(files: [file])
    }

    /// A latency that wanders and cumulative request and error counters, one sample each per second, with a
    /// spike at 35 s.
    private static func samples() -> [Sample] {
        (0..<50).flatMap { i -> [Sample] in
            let time = Int64(i) * second
            let latency = i == 35 ? 400 : 100 + Double((i * 7) % 11)
            return [
                Sample(series: SeriesID(0), timestamp: time, value: latency),
                Sample(series: SeriesID(1), timestamp: time, value: Double(i * 10)),
                Sample(series: SeriesID(2), timestamp: time, value: Double(i)),
            ]
        }
    }

    private static let labels = [
        SeriesLabels(metric: "latency"), SeriesLabels(metric: "requests_total"), SeriesLabels(metric: "errors_total"),
    ]

    /// Runs the samples through a stage, replacing it after the first `reloadAfter` samples with one for `reloaded`
    /// that carries over; returns every derived series with its samples.
    private static func run(reloadAfter: Int? = nil, reloaded: String = rules) throws -> [String] {
        let store = SeriesStore(retention: 86_400 * second)
        var stage = DetectionStage(ruleSet: try ruleSet(rules), store: store)
        for (n, sample) in samples().enumerated() {
            if n == reloadAfter {
                stage = DetectionStage(ruleSet: try ruleSet(reloaded), store: store, carryingOver: stage)
            }
            stage.observe(sample) {
                let labels = labels[sample.series.index]
                store.register(sample.series, labels: labels)
                return labels
            }
            store.append(sample.series, time: sample.timestamp, value: sample.value)
        }
        stage.flush(upTo: 50 * second)
        return store.allSeries().filter { $0.rawValue > UInt32.max / 2 }.map { id in
            "\(store.labels(of: id)) " + store.samples(id, from: .min, through: .max).map { "\($0.time / second)=\($0.value)" }.joined(separator: " ")
        }
    }

    @Test func unchangedDeclarationsGoOnAsIfNothingHappened() throws {
        // Moved down by a new group in front, and so at other positions: still the same declarations.
        let moved = Self.rules.replacingOccurrences(of: "groups:\n", with: "groups:\n  - name: first\n    rules: []\n")
        let reference = try Self.run()
        #expect(try Self.run(reloadAfter: 31, reloaded: moved) == reference)
        #expect(try Self.run(reloadAfter: 90, reloaded: Self.rules) == reference)
    }

    @Test func aChangedDetectorStartsAfresh() throws {
        let changed = Self.rules.replacingOccurrences(of: "warm_up: 10", with: "warm_up: 12")
        let reference = try Self.run()
        let reloaded = try Self.run(reloadAfter: 90, reloaded: changed)
        #expect(reloaded != reference)
        // The new detector warms up again from 30 s: no z for its first 12 samples, so the spike at 35 s is not
        // judged; the health outputs (unchanged) are the same as without the reload.
        let z = try #require(reloaded.first { $0.hasPrefix("seismo_anomaly_z") })
        #expect(!z.contains(" 30=") && !z.contains(" 35=") && z.contains(" 42="))
        #expect(reloaded.filter { $0.hasPrefix("seismo_health") } == reference.filter { $0.hasPrefix("seismo_health") })
    }
}
