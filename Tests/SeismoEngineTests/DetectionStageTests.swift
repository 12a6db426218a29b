import SeismoCore
import SeismoDetect
import SeismoEngine
import SeismoRules
import Testing

/// The detection stage driven directly: rule files parsed from text, synthetic samples in, and the derived series
/// read back from the store, checked against the detectors, classifiers and trackers run by hand or against
/// counts worked out by hand.
@Suite struct DetectionStageTests {
    private static let second: Int64 = 1_000_000_000
    /// A whole minute (1_700_000_040 s), so SLO buckets line up with the hand computation.
    private static let start: Int64 = 1_700_000_040 * second

    // MARK: Harness

    /// A stage over a store, with the input series' ids assigned in order of first use, as ingest does.
    private struct Harness {
        let ruleSet: RuleSet
        let store = SeriesStore(retention: 86_400 * DetectionStageTests.second)
        var stage: DetectionStage
        private var ids: [SeriesLabels: SeriesID] = [:]
        /// How often each series' labels were asked for.
        private(set) var labelRequests: [SeriesLabels: Int] = [:]

        init(_ yaml: String) throws {
            let (file, diagnostics) = RuleFileParser().parse(yaml, path: "test.yml")
            let errors = diagnostics.filter(\.isError)
            try #require(errors.isEmpty, "\(errors)")
            ruleSet = RuleSet(files: [file])
            stage = DetectionStage(ruleSet: ruleSet, store: store)
        }

        mutating func send(_ labels: SeriesLabels, at time: Int64, _ value: Double) {
            let id = ids[labels] ?? SeriesID(UInt32(ids.count))
            ids[labels] = id
            var requests = labelRequests
            stage.observe(Sample(series: id, timestamp: time, value: value)) {
                requests[labels, default: 0] += 1
                return labels
            }
            labelRequests = requests
        }

        /// Every derived series named `metric`, with its samples.
        func outputs(_ metric: String) -> [(labels: SeriesLabels, samples: [(time: Int64, value: Double)])] {
            store.series(named: metric).map { (store.labels(of: $0), store.samples($0, from: .min, through: .max)) }
        }

        /// The samples of the one series named `metric`; fails the test unless there is exactly one.
        func only(_ metric: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [(time: Int64, value: Double)] {
            let all = outputs(metric)
            try #require(all.count == 1, "\(metric): \(all.map(\.labels))", sourceLocation: sourceLocation)
            return all[0].samples
        }
    }

    private static func series(_ metric: String, _ labels: KeyValuePairs<String, String> = [:]) -> SeriesLabels {
        SeriesLabels(metric: metric, labels: labels.map { Label(name: $0.key, value: $0.value) })
    }

    private static func at(_ seconds: Double) -> Int64 { start + Int64((seconds * 1e9).rounded()) }

    // MARK: Detectors

    @Test func detectorPublishesForMatchedSeriesOnlyWithDocumentedLabels() throws {
        var harness = try Harness("""
            groups:
              - name: g
                detectors:
                  - name: lat
                    selector: http_latency{env="prod"}
                    window: 20
                    warm_up: 5
                    labels:
                      team: web
            """)
        let matched = Self.series("http_latency", ["env": "prod", "host": "a"])
        let others = [
            Self.series("http_latency", ["env": "staging", "host": "a"]),
            Self.series("http_latency", ["host": "c"]),
            Self.series("cpu", ["env": "prod"]),
        ]
        for i in 0..<30 {
            for labels in [matched] + others { harness.send(labels, at: Self.at(Double(i)), 100 + Double(i % 5)) }
        }
        for name in [
            ExtensionSeries.anomaly, ExtensionSeries.anomalyScore, ExtensionSeries.anomalyZ,
            ExtensionSeries.anomalyBaseline, ExtensionSeries.anomalyStddev,
        ] {
            let outputs = harness.outputs(name)
            #expect(outputs.count == 1, "\(name)")
            #expect(
                outputs.first?.labels == Self.series(
                    name, ["env": "prod", "host": "a", "metric": "http_latency", "detector": "lat", "team": "web"]))
        }
        #expect(try harness.only(ExtensionSeries.anomaly).count == 30)
        // No judgement during the 5-sample warm-up: score 0, no z.
        #expect(try harness.only(ExtensionSeries.anomalyScore).prefix(5).allSatisfy { $0.value == 0 })
        #expect(try harness.only(ExtensionSeries.anomalyZ).count == 25)
        #expect(try harness.only(ExtensionSeries.anomalyZ).first?.time == Self.at(5))
        #expect(harness.stage.boundSeriesCount == 1)
        // Labels are asked for once per series, at its first sample.
        #expect(harness.labelRequests.values.allSatisfy { $0 == 1 })
        #expect(harness.labelRequests.count == 4)
    }

    /// Every output of every sample equals what the declared detector, run by hand on the same values, says; the
    /// spike is the only anomaly.
    @Test(arguments: ["kind: zscore\n        window: 50", "kind: ewma\n        half_life: 10", "kind: robust\n        window: 50"])
    func spikeIsAnomalousAndOutputsMatchTheDetectorRunByHand(kind: String) throws {
        var harness = try Harness("""
            groups:
              - name: g
                detectors:
                  - name: spike
                    selector: queue_depth
                    \(kind)
                    warm_up: 10
            """)
        let declaration = harness.ruleSet.groups[0].detectors[0]
        var reference: any AnomalyDetector
        switch declaration.kind {
        case .zscore(let window): reference = try ZScoreDetector(windowSize: window, policy: declaration.policy)
        case .ewma(let alpha): reference = try EWMADetector(alpha: alpha, policy: declaration.policy)
        case .robust(let window): reference = try RobustDetector(windowSize: window, policy: declaration.policy)
        }
        let input = Self.series("queue_depth", ["queue": "orders"])
        let values: [Double] = (0..<60).map { (i: Int) -> Double in i == 40 ? 200 : 95 + Double((i * 7) % 11) }
        var verdicts: [Verdict] = []
        for (i, value) in values.enumerated() {
            harness.send(input, at: Self.at(Double(i)), value)
            verdicts.append(reference.observe(value, at: Self.at(Double(i))))
        }
        let anomaly = try harness.only(ExtensionSeries.anomaly)
        #expect(anomaly.map(\.value) == values.indices.map { $0 == 40 ? 1 : 0 })
        #expect(anomaly.map(\.value) == verdicts.map { $0.isAnomalous ? 1 : 0 })
        #expect(try harness.only(ExtensionSeries.anomalyScore).map(\.value) == verdicts.map(\.score))
        #expect(try harness.only(ExtensionSeries.anomalyScore)[40].value > 0.99)
        let judged = verdicts.enumerated().filter { !$0.element.isWarmingUp && $0.element.z.isFinite }
        #expect(try harness.only(ExtensionSeries.anomalyZ).map(\.time) == judged.map { Self.at(Double($0.offset)) })
        #expect(try harness.only(ExtensionSeries.anomalyZ).map(\.value) == judged.map(\.element.z))
        #expect(try harness.only(ExtensionSeries.anomalyBaseline).map(\.value) == verdicts.map(\.mean))
        #expect(try harness.only(ExtensionSeries.anomalyStddev).map(\.value) == verdicts.map(\.standardDeviation))
        #expect(harness.stage.anomalies == 1)
    }

    @Test func flatBaselineThatMovesLeavesOutInfiniteZ() throws {
        var harness = try Harness("""
            groups:
              - name: g
                detectors:
                  - name: flat
                    selector: m
                    window: 10
                    warm_up: 3
            """)
        for i in 0..<5 { harness.send(Self.series("m"), at: Self.at(Double(i)), 1) }
        harness.send(Self.series("m"), at: Self.at(5), 2)
        #expect(try harness.only(ExtensionSeries.anomaly).last?.value == 1)
        #expect(try harness.only(ExtensionSeries.anomalyScore).last?.value == 1)
        // z at 3 and 4 is 0 (no deviation); at 5 it is +∞ and not appended.
        #expect(try harness.only(ExtensionSeries.anomalyZ).map(\.value) == [0, 0])
        #expect(harness.outputs(ExtensionSeries.anomalyZ).allSatisfy { $0.samples.allSatisfy(\.value.isFinite) })
    }

    // MARK: Health

    /// Successful but slow calls make the dependency unhealthy only because each outcome is paired with the
    /// latency of the same key and timestamp, whichever of the two arrives first.
    @Test func healthFollowsOutcomesPairedWithLatencies() throws {
        var harness = try Harness("""
            groups:
              - name: g
                health:
                  - name: upstreams
                    selector: upstream_success
                    latency: upstream_latency_ms
                    key: [service, dependency]
                    window: 20
                    min_calls: 5
                    thresholds: {degraded: 0.10, unhealthy: 0.50}
                    slow_call_threshold: 250
                    labels:
                      tier: backend
            """)
        let labels: KeyValuePairs<String, String> = ["service": "api", "dependency": "db", "instance": "i-1"]
        let outcome = Self.series("upstream_success", labels)
        let latency = Self.series("upstream_latency_ms", labels)
        var reference = HealthClassifier(harness.ruleSet.groups[0].health[0].configuration)
        var transitions: [HealthTransition] = []
        for k in 0..<30 {
            let time = Self.at(Double(k))
            let milliseconds = k < 10 ? 20.0 : 300.0
            if k.isMultiple(of: 2) {
                harness.send(latency, at: time, milliseconds)
                harness.send(outcome, at: time, 1)
            } else {
                harness.send(outcome, at: time, 1)
                harness.send(latency, at: time, milliseconds)
            }
            if let transition = reference.observe(success: true, latency: milliseconds, at: time) {
                transitions.append(transition)
            }
        }
        harness.stage.flush(upTo: Self.at(29))
        #expect(transitions.map(\.to) == [.healthy, .degraded, .unhealthy])

        let state = harness.outputs(ExtensionSeries.healthState)
        #expect(state.map(\.labels) == [
            Self.series(ExtensionSeries.healthState, ["dependency": "db", "health": "upstreams", "service": "api", "tier": "backend"])
        ])
        let published = try harness.only(ExtensionSeries.healthState)
        // Every transition is published at its own time, with the new class.
        for transition in transitions {
            #expect(published.contains { $0.time == transition.time && $0.value == Double(transition.to.severity) })
        }
        #expect(published.last?.value == 3)
        #expect(try harness.only(ExtensionSeries.healthBadRatio).last?.value == reference.counts.badRate)
        #expect(try harness.only(ExtensionSeries.healthCalls).last?.value == 20)
        #expect(reference.counts.badRate == 1)
    }

    @Test func outcomeWithoutLatencyIsRecordedAtTheNextOutcomeOrFlush() throws {
        var harness = try Harness("""
            groups:
              - name: g
                health:
                  - name: h
                    selector: ok
                    latency: latency
                    window: 10
                    min_calls: 1
                    slow_call_threshold: 1
            """)
        // Three outcomes, none with a latency: each counts as a call without latency (so not slow).
        for k in 0..<3 { harness.send(Self.series("ok", ["dep": "x"]), at: Self.at(Double(k)), 1) }
        // A latency with no outcome of its timestamp waits, and is dropped when a later outcome arrives: paired,
        // it would make that call slow.
        harness.send(Self.series("latency", ["dep": "x"]), at: Self.at(3), 5)
        harness.send(Self.series("ok", ["dep": "x"]), at: Self.at(4), 1)
        harness.stage.flush(upTo: Self.at(4))
        #expect(try harness.only(ExtensionSeries.healthCalls).last?.value == 4)
        #expect(try harness.only(ExtensionSeries.healthBadRatio).last?.value == 0)
        #expect(try harness.only(ExtensionSeries.healthState).last?.value == 1)
    }

    @Test func healthCountersArePairedByTimestampAndSurviveAReset() throws {
        var harness = try Harness("""
            groups:
              - name: g
                health:
                  - name: api
                    requests: requests_total
                    errors: errors_total
                    key: [service]
                    window: 1000
                    min_calls: 1
            """)
        let requests = Self.series("requests_total", ["service": "a", "instance": "1"])
        let errors = Self.series("errors_total", ["service": "a", "instance": "1", "code": "500"])
        harness.send(requests, at: Self.at(0), 100)  // baselines
        harness.send(errors, at: Self.at(0), 0)
        harness.send(errors, at: Self.at(15), 10)  // errors first this time: +10
        harness.send(requests, at: Self.at(15), 200)  // +100
        harness.send(requests, at: Self.at(30), 50)  // reset: +50
        harness.send(errors, at: Self.at(30), 5)  // reset: +5
        harness.stage.flush(upTo: Self.at(30))
        #expect(try harness.only(ExtensionSeries.healthCalls).last?.value == 150)
        #expect(try harness.only(ExtensionSeries.healthBadRatio).last?.value == 0.1)
        #expect(try harness.only(ExtensionSeries.healthState).last?.value == 1)
        // After the first step: 100 calls, 10 errors, published when the step was committed.
        #expect(try harness.only(ExtensionSeries.healthCalls).contains { $0.time == Self.at(15) && $0.value == 100 })
        #expect(harness.outputs(ExtensionSeries.healthState).map(\.labels) == [
            Self.series(ExtensionSeries.healthState, ["service": "a", "health": "api"])
        ])
    }

    /// Without a change of class, a key publishes once per event-time second: the state after that second's last
    /// input.
    @Test func healthPublishesOncePerSecondBetweenTransitions() throws {
        var harness = try Harness("""
            groups:
              - name: g
                health:
                  - name: h
                    selector: ok
                    window: 1000
                    min_calls: 1000
            """)
        for i in 0..<30 { harness.send(Self.series("ok", ["dep": "x"]), at: Self.at(Double(i) / 10), 1) }
        #expect(try harness.only(ExtensionSeries.healthCalls).map(\.value) == [10, 20])
        harness.stage.flush(upTo: Self.at(2.9))
        let calls = try harness.only(ExtensionSeries.healthCalls)
        #expect(calls.map(\.time) == [Self.at(0.9), Self.at(1.9), Self.at(2.9)])
        #expect(calls.map(\.value) == [10, 20, 30])
        #expect(try harness.only(ExtensionSeries.healthState).map(\.value) == [0, 0, 0])
        // A later flush publishes the state again at its own time.
        harness.stage.flush(upTo: Self.at(10))
        #expect(try harness.only(ExtensionSeries.healthCalls).last! == (Self.at(10), 30))
    }

    @Test func flushExpiresAnIdleTimeWindow() throws {
        var harness = try Harness("""
            groups:
              - name: g
                health:
                  - name: h
                    selector: ok
                    window: 1m
                    min_calls: 1
            """)
        for i in 0..<5 { harness.send(Self.series("ok"), at: Self.at(Double(i)), 1) }
        harness.stage.flush(upTo: Self.at(4))
        #expect(try harness.only(ExtensionSeries.healthState).last! == (Self.at(4), 1))
        harness.stage.flush(upTo: Self.at(300))
        #expect(try harness.only(ExtensionSeries.healthState).last! == (Self.at(300), 0))
        #expect(try harness.only(ExtensionSeries.healthCalls).last! == (Self.at(300), 0))
    }

    // MARK: SLOs

    /// 10 minutes of one event per second, all good for 5 minutes, then every fifth bad: 60 bad of 600.
    @Test func sloBurnRateBudgetAndComplianceMatchAHandComputation() throws {
        var harness = try Harness("""
            groups:
              - name: g
                slos:
                  - name: availability
                    objective: 0.99
                    period: 1d
                    success: request_ok
                    by: [service]
                    burn_rate_windows:
                      - {long: 1h, short: 5m, factor: 5, severity: page}
                    labels:
                      owner: sre
            """)
        var events: [(time: Int64, good: Bool)] = []
        for k in 0..<600 {
            let good = k < 300 || !k.isMultiple(of: 5)
            events.append((Self.at(Double(k)), good))
            harness.send(Self.series("request_ok", ["service": "api", "host": "h\(k % 3)"]), at: Self.at(Double(k)), good ? 1 : 0)
        }
        harness.stage.flush(upTo: Self.at(599))

        // By hand: the 1h window holds every event; the 5m window is the newest 5 one-minute buckets (minutes 5-9).
        let bad = events.filter { !$0.good }.count
        let recent = events.filter { $0.time >= Self.at(300) }
        let recentBad = recent.filter { !$0.good }.count
        let budget = 1 - 0.99
        let longBurn = Double(bad) / Double(events.count) / budget
        let shortBurn = Double(recentBad) / Double(recent.count) / budget
        #expect(abs(longBurn - 10) < 1e-9 && abs(shortBurn - 20) < 1e-9)

        let rates = harness.outputs(ExtensionSeries.sloBurnRate)
        let common = ["service": "api", "slo": "availability", "owner": "sre"]
        func labels(_ name: String, _ extra: [String: String] = [:]) -> SeriesLabels {
            SeriesLabels(metric: name, labels: common.merging(extra) { $1 }.map { Label(name: $0.key, value: $0.value) })
        }
        #expect(Set(rates.map(\.labels)) == [labels(ExtensionSeries.sloBurnRate, ["window": "1h"]), labels(ExtensionSeries.sloBurnRate, ["window": "5m"])])
        let long = try #require(rates.first { $0.labels["window"] == "1h" }?.samples.last)
        let short = try #require(rates.first { $0.labels["window"] == "5m" }?.samples.last)
        #expect(long.time == Self.at(599))
        #expect(abs(long.value - longBurn) < 1e-9)
        #expect(abs(short.value - shortBurn) < 1e-9)

        let condition = harness.outputs(ExtensionSeries.sloBurnCondition)
        #expect(condition.map(\.labels) == [
            labels(ExtensionSeries.sloBurnCondition, ["severity": "page", "long_window": "1h", "short_window": "5m"])
        ])
        #expect(condition.first?.samples.last?.value == 1)
        #expect(condition.first?.samples.first?.value == 0)
        let consumed = Double(bad) / (budget * Double(events.count))
        #expect(abs(try harness.only(ExtensionSeries.sloBudgetRemaining).last!.value - (1 - consumed)) < 1e-9)
        #expect(try harness.only(ExtensionSeries.sloCompliance).last!.value == Double(events.count - bad) / Double(events.count))
        #expect(try harness.only(ExtensionSeries.sloObjective).last!.value == 0.99)
        // Throttled: one publication per second of events, plus the transitions (the condition and the budget
        // crossings) at their own times, which fall on seconds already published.
        #expect(try harness.only(ExtensionSeries.sloObjective).count == 600)
    }

    /// Two instances' good and total counters feed one SLO: each series is differenced on its own (one resets),
    /// and good and total of one timestamp are paired whichever arrives first.
    @Test func sloCountersOfSeveralSeriesAddUpAcrossAReset() throws {
        var harness = try Harness("""
            groups:
              - name: g
                slos:
                  - name: c
                    objective: 0.9
                    period: 1d
                    good: good_total
                    total: requests_total
                    burn_rate_windows: [{long: 1h, short: 5m, factor: 2}]
            """)
        func send(_ metric: String, _ instance: String, _ minute: Double, _ value: Double) {
            harness.send(Self.series(metric, ["instance": instance]), at: Self.at(minute * 60), value)
        }
        send("requests_total", "a", 0, 100); send("good_total", "a", 0, 100)
        send("requests_total", "b", 0, 1000); send("good_total", "b", 0, 990)
        send("good_total", "a", 1, 190); send("requests_total", "a", 1, 200)  // +100, 10 bad
        send("requests_total", "b", 1, 1100); send("good_total", "b", 1, 1080)  // +100, 10 bad
        send("requests_total", "a", 2, 50); send("good_total", "a", 2, 45)  // reset: +50, 5 bad
        send("requests_total", "b", 2, 1200); send("good_total", "b", 2, 1180)  // +100, 0 bad
        harness.stage.flush(upTo: Self.at(120))
        let total = 350.0
        let bad = 25.0
        #expect(try harness.only(ExtensionSeries.sloCompliance).last! == (Self.at(120), (total - bad) / total))
        let long = try #require(harness.outputs(ExtensionSeries.sloBurnRate).first { $0.labels["window"] == "1h" })
        #expect(abs(long.samples.last!.value - bad / total / 0.1) < 1e-9)
        #expect(long.labels == Self.series(ExtensionSeries.sloBurnRate, ["slo": "c", "window": "1h"]))
        #expect(abs(try harness.only(ExtensionSeries.sloBudgetRemaining).last!.value - (1 - bad / (0.1 * total))) < 1e-9)
    }

    // MARK: Nothing to do

    @Test func seriesNoDeclarationSelectsPublishNothing() throws {
        var harness = try Harness("""
            groups:
              - name: g
                detectors:
                  - name: d
                    selector: http_latency{env="prod"}
                health:
                  - name: h
                    selector: upstream_success
                    latency: upstream_latency_ms
                slos:
                  - name: s
                    objective: 0.99
                    success: request_ok{service=~"api|web"}
            """)
        for i in 0..<50 {
            harness.send(Self.series("http_latency", ["env": "dev"]), at: Self.at(Double(i)), Double(i))
            harness.send(Self.series("cpu"), at: Self.at(Double(i)), Double(i))
            harness.send(Self.series("request_ok", ["service": "batch"]), at: Self.at(Double(i)), 1)
        }
        harness.stage.flush(upTo: Self.at(100))
        #expect(harness.store.seriesCount == 0)
        #expect(harness.stage.boundSeriesCount == 0)
        #expect(harness.stage.unitCount == (0, 0))
    }
}
