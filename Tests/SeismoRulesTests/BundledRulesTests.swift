import Foundation
import SeismoRules
import Testing

/// The example rules shipped in `rules/` load cleanly and use the series the example stream carries.
@Suite struct BundledRulesTests {
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules")

    @Test func bundledRulesLoadWithoutProblems() throws {
        let report = RuleChecker().check(paths: [Self.rulesDirectory.path])
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.entries.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["invariants.yml", "service.yml", "slo.yml"])
        let files = report.entries.map(\.file)
        #expect(files.reduce(0) { $0 + $1.ruleCount } > 10)
        #expect(files.reduce(0) { $0 + $1.detectorCount } >= 3)
        #expect(files.reduce(0) { $0 + $1.healthCount } >= 1)
        #expect(files.reduce(0) { $0 + $1.sloCount } >= 1)
        #expect(files.reduce(0) { $0 + $1.invariantCount } >= 1)
    }

    @Test func everySelectorNamesASeriesTheExampleStreamOrTheRulesProduce() throws {
        let set = try RuleSet(loading: [Self.rulesDirectory.path])
        let stream: Set<String> = [
            "http_request_duration_ms", "system_cpu_percent", "system_load1", "queue_depth", "http_requests_total",
            "upstream_success", "upstream_latency_ms",
        ]
        let recorded = Set(set.groups.flatMap(\.rules).compactMap { rule -> String? in
            if case .recording(let recording) = rule { return recording.record }
            return nil
        })
        let known = stream.union(recorded).union(ExtensionSeries.reservedNames)
        var selected: [String] = []
        for group in set.groups {
            selected += group.detectors.compactMap(\.selector.metricName)
            for health in group.health {
                switch health.input {
                case .outcomes(let selector, let latency): selected += [selector.metricName, latency?.metricName].compactMap { $0 }
                case .counters(let requests, let errors): selected += [requests.metricName, errors.metricName].compactMap { $0 }
                }
            }
            for rule in group.rules { selected += Self.metricNames(in: rule.expression) }
            for invariant in group.invariants { selected += Self.metricNames(in: invariant.expression) }
        }
        #expect(!selected.isEmpty)
        for name in selected { #expect(known.contains(name), "\(name) is neither in the example stream nor recorded") }
    }

    /// The metric names of every selector in an expression.
    static func metricNames(in expression: PromQLExpression) -> [String] {
        switch expression {
        case .vectorSelector(let selector): [selector.metricName].compactMap { $0 }
        case .matrixSelector(let matrix): [matrix.selector.metricName].compactMap { $0 }
        default: expression.children.flatMap(metricNames(in:))
        }
    }
}
