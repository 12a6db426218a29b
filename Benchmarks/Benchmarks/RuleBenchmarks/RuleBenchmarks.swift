import Benchmark
import SeismoCore
import SeismoRules

/// The cost of one rule-group evaluation over a store of 10,000 and 100,000 input series in steady state: every
/// series has six minutes of samples ten seconds apart, the group was evaluated at the tick before (selections,
/// the rules' evaluation caches and memos are warm) and its recording rules' outputs exist. One iteration
/// evaluates the group once at the same tick (alerts start from the same state), so wall clock per iteration is
/// the cost of one group evaluation.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 1_000
    )
    for seriesCount in [10_000, 100_000] {
        let fixture = GroupFixture(seriesCount: seriesCount)
        Benchmark("group evaluation, \(seriesCount / 1000)k series", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(fixture.evaluateOnce()) }
        }
    }
}

/// A store filled like the bundled example stream's families, and the bundled `service` group's rules that read
/// them (the detector-output alerts left out: they select series the detection stage would publish).
final class GroupFixture: @unchecked Sendable {
    static let rules = """
        groups:
          - name: service
            interval: 30s
            labels:
              team: storefront
            rules:
              - record: endpoint:http_request_duration_ms:avg5m
                expr: avg by (endpoint) (avg_over_time(http_request_duration_ms[5m]))
              - record: dependency:upstream_error_ratio:5m
                expr: 1 - avg by (service, dependency) (avg_over_time(upstream_success[5m]))
              - record: host:system_cpu_percent:avg5m
                expr: avg_over_time(system_cpu_percent[5m])
              - alert: EndpointLatencyHigh
                expr: endpoint:http_request_duration_ms:avg5m > 120
                for: 5m
                labels:
                  severity: warning
                annotations:
                  summary: "{{ $labels.endpoint }} is slow"
              - alert: DependencyErrorRatioHigh
                expr: dependency:upstream_error_ratio:5m > 0.2
                for: 1m
              - alert: QueueBacklog
                expr: avg_over_time(queue_depth[5m]) > 75
                for: 5m
                annotations:
                  summary: "Queue {{ $labels.queue }} of {{ $labels.service }} is backing up"
              - alert: HostCPUHigh
                expr: host:system_cpu_percent:avg5m > 55
                for: 5m
            invariants:
              - name: QueueDepthNotNegative
                expr: queue_depth >= 0
        """

    private let store: SeriesStore
    private let engine: RuleEngine
    private let tick: Int64

    init(seriesCount: Int) {
        let (file, diagnostics) = RuleFileParser().parse(Self.rules, path: "bench.yml")
        precondition(diagnostics.isEmpty, "GroupFixture: \(diagnostics)")
        let second = Timestamp.nanosecondsPerSecond
        let start: Int64 = 1_793_491_200 * second
        tick = start + 360 * second
        store = SeriesStore(retention: 3_600 * second)
        var random = SplitMix64(seed: 1)
        for index in 0..<seriesCount {
            let labels = Self.labels(index)
            store.register(SeriesID(UInt32(index)), labels: labels)
            let base: Double = switch labels.metric {
            case "http_request_duration_ms": 100
            case "upstream_success": 1
            case "system_cpu_percent": 50
            default: 60
            }
            for step in 0...36 {
                let noise = Double(random.next() % 1000) / 1000
                let value = labels.metric == "upstream_success" ? (noise < 0.9 ? 1 : 0) : base * (0.5 + noise)
                store.append(SeriesID(UInt32(index)), time: start + Int64(step) * 10 * second, value: value)
            }
        }
        var engine = RuleEngine(ruleSet: RuleSet(files: [file]))
        // The tick before, once, so the recording rules' outputs exist, the selections are cached and the engine's
        // per-rule caches and memos are filled: the steady state. Every iteration starts from a copy of this warm
        // engine, due at `tick`.
        let previous = tick - 30 * second
        engine.start(at: previous)
        engine.advance(to: previous, store: store) { _ in }
        self.engine = engine
    }

    /// Evaluates the group at the fixed tick; returns the number of alert events (to keep the work observable).
    func evaluateOnce() -> Int {
        var engine = self.engine
        var events = 0
        engine.advance(to: tick, store: store) { _ in events += 1 }
        return events
    }

    /// Series `index`: the families of `seismo generate`, in its proportions (two of five are latency).
    private static func labels(_ index: Int) -> SeriesLabels {
        let group = index / 5
        switch index % 5 {
        case 0, 1:
            return SeriesLabels(metric: "http_request_duration_ms", labels: [
                Label(name: "host", value: "web-\(group % 500)"), Label(name: "endpoint", value: "/api/e\(index % 40)"),
            ])
        case 2:
            return SeriesLabels(metric: "system_cpu_percent", labels: [
                Label(name: "host", value: "web-\(group)"), Label(name: "region", value: "r\(group % 4)"),
            ])
        case 3:
            return SeriesLabels(metric: "queue_depth", labels: [
                Label(name: "service", value: "s\(group % 50)"), Label(name: "queue", value: "q\(group)"),
            ])
        default:
            return SeriesLabels(metric: "upstream_success", labels: [
                Label(name: "service", value: "s\(group % 50)"), Label(name: "dependency", value: "d\(group)"),
            ])
        }
    }
}
