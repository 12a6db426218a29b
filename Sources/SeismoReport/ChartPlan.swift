import SeismoCore
import SeismoRules

/// What each chart of a report shows, worked out once from the rule set: per alert name the series its
/// expressions select, and per SLO its budget series.
struct ChartPlan: Sendable {
    /// Where a chart's lines come from.
    enum Source: Sendable, Equatable {
        /// The series a selector selects, charted as they are (recorded series included).
        case series(VectorSelector)
        /// A selector over a detector's outputs (`seismo_anomaly{detector="x"}`): the chart shows each matched
        /// detector's input series with its band, baseline ± k·stddev.
        case detector(VectorSelector)
    }

    /// One chart.
    struct Subject: Sendable {
        var name: String
        var expressions: [String]
        var sources: [Source]
        /// Labels the rule or its group set on alerts: an alert's value for them says nothing about its series.
        var overriddenLabels: Set<String>
        var threshold: Double?
        /// SLOs only: the objective.
        var objective: Double?
    }

    var alerts: [Subject] = []
    var slos: [Subject] = []
    /// Sensitivity (k) and extra labels of each declared detector, by name.
    var detectors: [String: (sensitivity: Double, labels: [String: String])] = [:]

    /// Metric names of the detector outputs; any of them identifies the detector's input series.
    static let detectorOutputs: Set<String> = [
        ExtensionSeries.anomaly, ExtensionSeries.anomalyScore, ExtensionSeries.anomalyZ,
        ExtensionSeries.anomalyBaseline, ExtensionSeries.anomalyStddev,
    ]

    init(ruleSet: RuleSet) {
        var recordings: [String: [PromQLExpression]] = [:]
        for group in ruleSet.groups {
            for rule in group.rules { if case .recording(let r) = rule { recordings[r.record, default: []].append(r.expression) } }
            for d in group.detectors { detectors[d.name] = (d.policy.threshold, d.labels) }
        }
        var byName: [String: Int] = [:]
        func add(name: String, expr: String, expression: PromQLExpression, overridden: Set<String>) {
            let sources = Self.sources(of: expression, recordings: recordings)
            if let i = byName[name] {
                alerts[i].expressions.append(expr)
                for s in sources where !alerts[i].sources.contains(s) { alerts[i].sources.append(s) }
                alerts[i].overriddenLabels.formUnion(overridden)
                if alerts[i].threshold != Self.threshold(of: expression) { alerts[i].threshold = nil }
            } else {
                byName[name] = alerts.count
                alerts.append(Subject(
                    name: name, expressions: [expr], sources: sources, overriddenLabels: overridden,
                    threshold: Self.threshold(of: expression), objective: nil
                ))
            }
        }
        defer {
            // An anomaly alert compares the 0/1 flag, not the charted input series: no threshold line.
            for i in alerts.indices where alerts[i].sources.contains(where: { if case .detector = $0 { true } else { false } }) {
                alerts[i].threshold = nil
            }
        }
        for group in ruleSet.groups {
            let groupLabels = Set(group.labels.keys)
            for rule in group.rules {
                guard case .alerting(let a) = rule else { continue }
                add(name: a.alert, expr: a.expr, expression: a.expression,
                    overridden: groupLabels.union(a.labels.keys).union(["alertname"]))
            }
            for inv in group.invariants {
                add(name: inv.name, expr: inv.expr, expression: inv.expression,
                    overridden: groupLabels.union(inv.alertLabels.keys).union(["alertname"]))
            }
            for slo in group.slos {
                let selector = VectorSelector(
                    metricName: ExtensionSeries.sloBudgetRemaining,
                    matchers: [.equal(ExtensionSeries.sloLabel, slo.name)]
                )
                slos.append(Subject(
                    name: slo.name, expressions: [], sources: [.series(selector)], overriddenLabels: [],
                    threshold: nil, objective: slo.configuration.objective
                ))
            }
        }
    }

    /// The selectors of `expression`, with a recorded series over detector outputs followed to those outputs
    /// (so an alert on a recorded anomaly still gets its band); other recorded series are charted as recorded.
    static func sources(of expression: PromQLExpression, recordings: [String: [PromQLExpression]], depth: Int = 0) -> [Source] {
        var out: [Source] = []
        func visit(_ e: PromQLExpression) {
            var selector: VectorSelector?
            switch e {
            case .vectorSelector(let s): selector = s
            case .matrixSelector(let m): selector = m.selector
            default: break
            }
            if let selector {
                let name = selector.metricName ?? selector.matchers.first { $0.name == "__name__" && $0.op == .equal }?.value
                var resolved: [Source] = []
                if let name, depth < 4, let inner = recordings[name] {
                    resolved = inner.flatMap { sources(of: $0, recordings: recordings, depth: depth + 1) }
                }
                if !resolved.isEmpty, resolved.allSatisfy({ if case .detector = $0 { true } else { false } }) {
                    for s in resolved where !out.contains(s) { out.append(s) }
                } else if let name, detectorOutputs.contains(name) {
                    out.append(.detector(selector))
                } else if name != nil, !out.contains(.series(selector)) {
                    out.append(.series(selector))
                }
            }
            for child in e.children { visit(child) }
        }
        visit(expression)
        return out
    }

    /// The constant a top-level comparison compares with (`x > 120`, `0.25 > x`); nil otherwise.
    static func threshold(of expression: PromQLExpression) -> Double? {
        guard case .binary(let b) = expression.unparenthesized else { return nil }
        switch b.op {
        case .greater, .less, .greaterOrEqual, .lessOrEqual, .equal, .notEqual: break
        default: return nil
        }
        if case .number(let n) = b.rhs.unparenthesized, b.lhs.type != .scalar { return n.value }
        if case .number(let n) = b.lhs.unparenthesized, b.rhs.type != .scalar { return n.value }
        return nil
    }
}
