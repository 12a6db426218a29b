import SeismoCore
import SeismoDetect
import SeismoRules
import Testing

/// Seismo's extension blocks: what they load into, their defaults, and their problems at exact positions.
@Suite struct RuleExtensionTests {
    static func parse(_ yaml: String) -> (file: RuleFile, problems: [String]) {
        let (file, diagnostics) = RuleFileParser().parse(yaml, path: "x.yml")
        return (file, diagnostics.map(\.description))
    }

    static let second: Int64 = 1_000_000_000

    @Test func detectorsOfEveryKind() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                detectors:
                  - name: latency
                    selector: http_request_duration_ms{endpoint="/api/cart"}
                  - name: cpu
                    kind: robust
                    selector: system_cpu_percent
                    window: 90
                    sensitivity: 4.5
                    direction: above
                    warm_up: 30
                    relearn_after: never
                    exclude_anomalies: false
                    labels: {team: infra}
                  - name: queue
                    kind: ewma
                    selector: '{__name__="queue_depth"}'
                    half_life: 1
                  - name: queue-alpha
                    kind: ewma
                    selector: queue_depth
                    alpha: 0.25
            """)
        #expect(problems == [])
        let detectors = try #require(file.groups.first?.detectors)
        #expect(detectors.map(\.name) == ["latency", "cpu", "queue", "queue-alpha"])
        #expect(detectors[0].kind == .zscore(window: 100))
        #expect(detectors[0].policy == DetectionPolicy.standard)
        #expect(detectors[0].selector.metricName == "http_request_duration_ms")
        #expect(detectors[0].selector.matchers.map(\.name) == ["endpoint"])
        #expect(detectors[0].position == RuleFilePosition(line: 4, column: 9))
        #expect(detectors[1].kind == .robust(window: 90))
        #expect(detectors[1].policy == (try DetectionPolicy(threshold: 4.5, direction: .above, warmUp: 30, excludesAnomalies: false, relearnAfter: nil)))
        #expect(detectors[1].labels == ["team": "infra"])
        #expect(detectors[2].kind == .ewma(alpha: 0.5))  // a half-life of one sample halves each step
        #expect(detectors[2].selector.metricName == nil)
        #expect(detectors[3].kind == .ewma(alpha: 0.25))
        #expect(file.detectorCount == 4)
    }

    @Test func healthClassifiers() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                health:
                  - name: upstreams
                    selector: upstream_success
                    latency: upstream_latency_ms
                    key: [service, dependency]
                    window: 5m
                    thresholds: {degraded: 0.05, unhealthy: 0.25}
                    recovery_margin: 0.01
                    min_calls: 20
                    slow_call_threshold: 250
                  - name: counted
                    requests: http_requests_total
                    errors: http_errors_total
                    window: 200
            """)
        #expect(problems == [])
        let health = try #require(file.groups.first?.health)
        #expect(health[0].key == ["service", "dependency"])
        guard case .outcomes(let outcomes, let latency) = health[0].input else {
            Issue.record("expected outcomes")
            return
        }
        #expect(outcomes.metricName == "upstream_success")
        #expect(latency?.metricName == "upstream_latency_ms")
        #expect(health[0].configuration == (try HealthConfiguration(
            window: .time(duration: 300 * Self.second, bucket: Self.second), healthyMaxRate: 0.05, degradedMaxRate: 0.25,
            recoveryMargin: 0.01, minimumCalls: 20, slowCallThreshold: 250
        )))
        guard case .counters(let requests, let errors) = health[1].input else {
            Issue.record("expected counters")
            return
        }
        #expect(requests.metricName == "http_requests_total")
        #expect(errors.metricName == "http_errors_total")
        #expect(health[1].key == nil)
        #expect(health[1].configuration.window == .count(200))
    }

    @Test func slosWithEveryIndicator() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                slos:
                  - name: availability
                    objective: 0.999
                    good: http_requests_total{code!~"5.."}
                    total: http_requests_total
                  - name: errors
                    objective: 0.99
                    period: 7d
                    bad: http_requests_total{code=~"5.."}
                    total: http_requests_total
                    by: [service]
                    burn_rate_windows:
                      - {long: 1h, short: 5m, factor: 10}
                      - {long: 6h, short: 30m, factor: 3, severity: ticket}
                  - name: deps
                    objective: 0.98
                    success: upstream_success
                  - name: latency
                    objective: 0.95
                    latency: http_request_duration_ms
                    threshold: 250
            """)
        #expect(problems == [])
        let slos = try #require(file.groups.first?.slos)
        guard case .goodTotal(let good, let total) = slos[0].indicator else {
            Issue.record("expected good/total")
            return
        }
        #expect(good.matchers.first?.value == "5..")
        #expect(total.metricName == "http_requests_total")
        #expect(slos[0].configuration == (try SLOConfiguration(objective: 0.999)))
        #expect(slos[0].burnRateWindows.map { PromDuration.format(nanoseconds: $0) } == ["5m", "30m", "1h", "6h", "3d"])

        #expect(slos[1].by == ["service"])
        #expect(slos[1].configuration.period == 7 * 86_400 * Self.second)
        #expect(slos[1].configuration.conditions == [
            BurnRateCondition(severity: .page, longWindow: 3_600 * Self.second, shortWindow: 300 * Self.second, factor: 10),
            BurnRateCondition(severity: .ticket, longWindow: 21_600 * Self.second, shortWindow: 1_800 * Self.second, factor: 3),
        ])
        if case .badTotal = slos[1].indicator {} else { Issue.record("expected bad/total") }
        if case .outcomes = slos[2].indicator {} else { Issue.record("expected outcomes") }
        if case .latency(let selector) = slos[3].indicator {
            #expect(selector.metricName == "http_request_duration_ms")
        } else {
            Issue.record("expected latency")
        }
        #expect(slos[3].configuration.indicator == .latency(threshold: 250))
    }

    @Test func invariants() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                invariants:
                  - name: QueueDepthNotNegative
                    expr: queue_depth >= 0
                    labels: {team: queues}
                    annotations:
                      summary: "{{ $labels.queue }} is at {{ $value }}"
                  - name: Parenthesized
                    expr: (up == 1)
            """)
        #expect(problems == [])
        let invariants = try #require(file.groups.first?.invariants)
        #expect(invariants[0].expr == "queue_depth >= 0")
        #expect(invariants[0].expression == (try PromQLParser.parse("queue_depth >= 0")))
        #expect(invariants[0].alertLabels == ["team": "queues", "severity": "critical"])
        #expect(invariants[0].annotations == ["summary": "{{ $labels.queue }} is at {{ $value }}"])
        #expect(invariants[1].name == "Parenthesized")
        #expect(file.invariantCount == 2)
    }

    /// An extension block with one problem, and the diagnostic it must give.
    @Test(arguments: [
        // Detectors.
        ("detectors:\n  - selector: up\n", "x.yml:4:9: group \"g\", detector \"\": field name must be set"),
        ("detectors:\n  - name: d\n    selector: up\n    sensitvity: 3\n", "x.yml:6:9: group \"g\", detector \"d\": field sensitvity not found in detector (did you mean sensitivity?)"),
        ("detectors:\n  - name: d\n", "x.yml:4:9: group \"g\", detector \"d\": field selector must be set"),
        ("detectors:\n  - name: d\n    selector: rate(x[5m])\n", "x.yml:5:19: group \"g\", detector \"d\": field selector must be a series selector such as http_requests_total{job=\"api\"}, not an expression (record the expression with a recording rule and select that)"),
        ("detectors:\n  - name: d\n    selector: up offset 5m\n", "x.yml:5:19: group \"g\", detector \"d\": field selector must be a series selector such as http_requests_total{job=\"api\"}, not an expression (record the expression with a recording rule and select that)"),
        ("detectors:\n  - name: d\n    selector: up{a=}\n", "x.yml:5:24: group \"g\", detector \"d\": could not parse expression: unexpected \"}\" in label matching, expected string"),
        ("detectors:\n  - name: d\n    selector: up\n    kind: arima\n", "x.yml:6:9: group \"g\", detector \"d\": field kind: expected zscore, ewma or robust, got \"arima\""),
        ("detectors:\n  - name: d\n    selector: up\n    sensitivity: 20\n", "x.yml:6:9: group \"g\", detector \"d\": field sensitivity: must be between 0.1 and 10, got 20.0"),
        ("detectors:\n  - name: d\n    selector: up\n    sensitivity: high\n", "x.yml:6:22: group \"g\", detector \"d\": field sensitivity: expected a finite number, got the string \"high\""),
        ("detectors:\n  - name: d\n    selector: up\n    window: 10\n", "x.yml:6:9: group \"g\", detector \"d\": field warm_up: 20 samples do not fit in a window of 10"),
        ("detectors:\n  - name: d\n    selector: up\n    window: 1\n", "x.yml:6:9: group \"g\", detector \"d\": field window: must be 2 to 1000000 samples, got 1"),
        ("detectors:\n  - name: d\n    selector: up\n    direction: up\n", "x.yml:6:9: group \"g\", detector \"d\": field direction: expected above, below or both, got \"up\""),
        ("detectors:\n  - name: d\n    selector: up\n    relearn_after: 0\n", "x.yml:6:9: group \"g\", detector \"d\": field relearn_after: must be at least 1 anomaly, got 0"),
        ("detectors:\n  - name: d\n    selector: up\n    alpha: 0.2\n", "x.yml:6:9: group \"g\", detector \"d\": field alpha applies only to ewma detectors"),
        ("detectors:\n  - name: d\n    kind: ewma\n    selector: up\n    window: 20\n", "x.yml:7:9: group \"g\", detector \"d\": field window does not apply to ewma detectors (use half_life or alpha)"),
        ("detectors:\n  - name: d\n    kind: ewma\n    selector: up\n    alpha: 0.2\n    half_life: 3\n", "x.yml:8:9: group \"g\", detector \"d\": set either alpha or half_life, not both"),
        ("detectors:\n  - name: d\n    kind: ewma\n    selector: up\n    alpha: 1.5\n", "x.yml:7:9: group \"g\", detector \"d\": field alpha: must be between 0 and 1 (exclusive), got 1.5"),
        ("detectors:\n  - name: d\n    selector: up\n    exclude_anomalies: maybe\n", "x.yml:6:28: group \"g\", detector \"d\": field exclude_anomalies: expected true or false, got the string \"maybe\""),
        // Health classifiers.
        ("health:\n  - name: h\n", "x.yml:4:9: group \"g\", health \"h\": field selector must be set"),
        ("health:\n  - name: h\n    selector: ok\n    requests: r\n    errors: e\n", "x.yml:6:9: group \"g\", health \"h\": selector (call outcomes) and requests/errors (counters) exclude each other; set one"),
        ("health:\n  - name: h\n    requests: r\n", "x.yml:4:9: group \"g\", health \"h\": field errors must be set"),
        ("health:\n  - name: h\n    selector: ok\n    key: [service, service]\n", "x.yml:6:24: group \"g\", health \"h\": label service is listed twice in key"),
        ("health:\n  - name: h\n    selector: ok\n    key: [1abc]\n", "x.yml:6:15: group \"g\", health \"h\": invalid label name: 1abc"),
        ("health:\n  - name: h\n    selector: ok\n    window: 1 hour\n", "x.yml:6:17: group \"g\", health \"h\": field window: invalid duration \"1 hour\" (expected e.g. 30s, 5m, 1h30m, 250ms)"),
        ("health:\n  - name: h\n    selector: ok\n    window: 5\n", "x.yml:4:9: group \"g\", health \"h\": minimum calls 10 exceeds the 5-call window: the class would stay unknown"),
        ("health:\n  - name: h\n    selector: ok\n    thresholds: {degraded: 0.6, unhealthy: 0.5}\n", "x.yml:4:9: group \"g\", health \"h\": thresholds must satisfy 0 ≤ healthy (0.6) ≤ degraded (0.5) ≤ 1"),
        ("health:\n  - name: h\n    selector: ok\n    thresholds: {degrade: 0.2}\n", "x.yml:6:22: group \"g\", health \"h\": field degrade not found in health thresholds (did you mean degraded?)"),
        ("health:\n  - name: h\n    selector: ok\n    slow_call_threshold: 100\n", "x.yml:6:9: group \"g\", health \"h\": field slow_call_threshold needs latency (a series of call latencies)"),
        // SLOs.
        ("slos:\n  - name: s\n    success: ok\n", "x.yml:4:9: group \"g\", slo \"s\": field objective must be set (e.g. 0.999)"),
        ("slos:\n  - name: s\n    objective: 99.9\n    success: ok\n", "x.yml:4:9: group \"g\", slo \"s\": objective 99.9 must be strictly between 0 and 1"),
        ("slos:\n  - name: s\n    objective: 0.99\n", "x.yml:4:9: group \"g\", slo \"s\": set one indicator: good and total, bad and total, success, or latency and threshold"),
        ("slos:\n  - name: s\n    objective: 0.99\n    success: ok\n    total: t\n", "x.yml:7:9: group \"g\", slo \"s\": fields success, total mix indicators; set one of good and total, bad and total, success, or latency and threshold"),
        ("slos:\n  - name: s\n    objective: 0.99\n    total: t\n", "x.yml:6:9: group \"g\", slo \"s\": field total needs good or bad"),
        ("slos:\n  - name: s\n    objective: 0.99\n    good: g\n", "x.yml:4:9: group \"g\", slo \"s\": field total must be set"),
        ("slos:\n  - name: s\n    objective: 0.99\n    latency: l\n", "x.yml:4:9: group \"g\", slo \"s\": field threshold must be set with latency"),
        ("slos:\n  - name: s\n    objective: 0.99\n    success: ok\n    period: 1month\n", "x.yml:7:17: group \"g\", slo \"s\": field period: invalid duration \"1month\" (expected e.g. 30s, 5m, 1h30m, 250ms)"),
        ("slos:\n  - name: s\n    objective: 0.99\n    success: ok\n    burn_rate_windows:\n      - {long: 1h, factor: 2}\n", "x.yml:8:13: group \"g\", slo \"s\": field short must be set in a burn-rate window"),
        ("slos:\n  - name: s\n    objective: 0.99\n    success: ok\n    burn_rate_windows:\n      - {long: 5m, short: 1h, factor: 2}\n", "x.yml:4:9: group \"g\", slo \"s\": condition 0: need 0 < short window ≤ long window ≤ period"),
        ("slos:\n  - name: s\n    objective: 0.99\n    success: ok\n    burn_rate_windows:\n      - {long: 1h, short: 5m, factor: 2, severity: sms}\n", "x.yml:8:46: group \"g\", slo \"s\": field severity: expected page or ticket, got \"sms\""),
        // Invariants.
        ("invariants:\n  - name: i\n    expr: absent(up)\n", "x.yml:5:15: group \"g\", invariant \"i\": expr must be a comparison such as queue_depth >= 0; the invariant holds for a series while the comparison is true"),
        ("invariants:\n  - name: i\n    expr: up > 0 and up < 2\n", "x.yml:5:15: group \"g\", invariant \"i\": expr must be a comparison such as queue_depth >= 0; the invariant holds for a series while the comparison is true"),
        ("invariants:\n  - name: i\n", "x.yml:4:9: group \"g\", invariant \"i\": field 'expr' must be set in invariant"),
        ("invariants:\n  - name: i\n    expr: up >= 0\n    labels: {severity: warning}\n", "x.yml:6:28: group \"g\", invariant \"i\": an invariant's severity is always critical"),
        ("invariants:\n  - name: i\n    expr: up >= 0\n    annotations: {summary: \"{{ $labels.x\"}\n", "x.yml:6:33: group \"g\", invariant \"i\": annotation \"summary\": template: unclosed action"),
        ("invariants:\n  - name: i\n    expr: up >= 0\n    for: 5m\n", "x.yml:6:9: group \"g\", invariant \"i\": field for not found in invariant"),
        // Blocks of the wrong shape.
        ("detectors:\n  name: d\n", "x.yml:4:7: group \"g\": field detectors: expected a list, got a mapping"),
        ("slos:\n  - objective\n", "x.yml:4:9: group \"g\", slo \"\": expected SLO as a mapping, got the string \"objective\""),
    ])
    func problemIsReportedAtItsPosition(block: String, expected: String) {
        let indented = block.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }
        let yaml = "groups:\n  - name: g\n" + indented.joined(separator: "\n")
        let (_, problems) = Self.parse(yaml)
        #expect(problems == [expected], "\(yaml)")
    }
}
