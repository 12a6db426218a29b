import SeismoCore
import SeismoDetect
import Yams

/// Seismo's extension blocks of a group: `detectors:`, `health:`, `slos:` and `invariants:`. Their numeric settings
/// are validated by the very configuration types the evaluator builds from them (`DetectionPolicy`,
/// `HealthConfiguration`, `SLOConfiguration`), so a file that loads configures them without surprises.
extension RuleFileReader {
    static let detectorFields = [
        "name", "kind", "selector", "window", "alpha", "half_life", "sensitivity", "direction", "warm_up",
        "relearn_after", "exclude_anomalies", "labels",
    ]
    static let healthFields = [
        "name", "selector", "latency", "requests", "errors", "key", "window", "thresholds", "recovery_margin",
        "min_calls", "slow_call_threshold", "labels",
    ]
    static let thresholdFields = ["degraded", "unhealthy"]
    static let sloFields = [
        "name", "objective", "period", "good", "bad", "total", "success", "latency", "threshold", "by",
        "burn_rate_windows", "labels",
    ]
    static let burnRateWindowFields = ["long", "short", "factor", "severity"]
    static let invariantFields = ["name", "expr", "labels", "annotations"]

    // MARK: Detectors

    mutating func detector(_ node: Node, group: String) -> DetectorDeclaration? {
        let context = "group \"\(group)\", detector \"\(Self.peekName(node, keys: ["name"]))\": "
        guard let fields = fields(of: node, in: "detector", known: Self.detectorFields, context: context),
            let name = declarationName(fields, context: context)
        else { return nil }
        let selector = selector(fields["selector"], field: "selector", context: context, at: fields.position)

        let kindName = string(fields["kind"], field: "kind", context: context) ?? "zscore"
        let window = integer(fields["window"], field: "window", context: context)
        let alpha = number(fields["alpha"], field: "alpha", context: context)
        let halfLife = number(fields["half_life"], field: "half_life", context: context)
        let sensitivity = number(fields["sensitivity"], field: "sensitivity", context: context) ?? 3
        let directionName = string(fields["direction"], field: "direction", context: context) ?? "both"
        let warmUp = integer(fields["warm_up"], field: "warm_up", context: context) ?? 20
        let exclude = boolean(fields["exclude_anomalies"], field: "exclude_anomalies", context: context) ?? true
        let labels = labelMap(fields["labels"], field: "labels", context: context)

        var relearnAfter: Int? = 5
        if let node = fields["relearn_after"] {
            if case .scalar(let scalar) = node, scalar.string == "never" {
                relearnAfter = nil
            } else {
                relearnAfter = integer(node, field: "relearn_after", context: context)
            }
        }
        guard let direction = AnomalyDirection(rawValue: directionName) else {
            error("\(context)field direction: expected above, below or both, got \"\(directionName)\"", at: fields.keyPosition("direction"))
            return nil
        }
        let policy: DetectionPolicy
        do {
            policy = try DetectionPolicy(
                threshold: sensitivity, direction: direction, warmUp: warmUp, excludesAnomalies: exclude,
                relearnAfter: relearnAfter
            )
        } catch {
            report(error, fields: fields, context: context)
            return nil
        }

        let kind: DetectorDeclaration.Kind
        do {
            switch kindName {
            case "zscore", "robust":
                for field in ["alpha", "half_life"] where fields[field] != nil {
                    error("\(context)field \(field) applies only to ewma detectors", at: fields.keyPosition(field))
                }
                let size = window ?? 100
                if kindName == "zscore" {
                    _ = try ZScoreDetector(windowSize: size, policy: policy)
                    kind = .zscore(window: size)
                } else {
                    _ = try RobustDetector(windowSize: size, policy: policy)
                    kind = .robust(window: size)
                }
            case "ewma":
                if fields["window"] != nil {
                    error("\(context)field window does not apply to ewma detectors (use half_life or alpha)", at: fields.keyPosition("window"))
                }
                switch (alpha, halfLife) {
                case (.some, .some):
                    error("\(context)set either alpha or half_life, not both", at: fields.keyPosition("half_life"))
                    return nil
                case (let alpha?, nil):
                    kind = .ewma(alpha: try EWMADetector(alpha: alpha, policy: policy).alpha)
                case (nil, let halfLife?):
                    kind = .ewma(alpha: try EWMADetector(halfLife: halfLife, policy: policy).alpha)
                case (nil, nil):
                    kind = .ewma(alpha: try EWMADetector(policy: policy).alpha)
                }
            default:
                error("\(context)field kind: expected zscore, ewma or robust, got \"\(kindName)\"", at: fields.keyPosition("kind"))
                return nil
            }
        } catch {
            report(error, fields: fields, context: context)
            return nil
        }
        guard let selector else { return nil }
        return DetectorDeclaration(name: name, kind: kind, selector: selector, policy: policy, labels: labels, position: fields.position)
    }

    /// A detector parameter error, at the field it names.
    private mutating func report(_ problem: DetectorConfigurationError, fields: Fields, context: String) {
        let field = [
            "k": "sensitivity", "warm-up": "warm_up", "relearn-after": "relearn_after", "window": "window",
            "alpha": "alpha", "half-life": "half_life",
        ][problem.parameter] ?? problem.parameter
        // A warm-up that does not fit may come from the default warm-up and a written window.
        let place = fields[field] == nil && field == "warm_up" && fields["window"] != nil ? "window" : field
        error("\(context)field \(field): \(problem.message)", at: fields.keyPosition(place))
    }

    // MARK: Health classifiers

    mutating func health(_ node: Node, group: String) -> HealthDeclaration? {
        let context = "group \"\(group)\", health \"\(Self.peekName(node, keys: ["name"]))\": "
        guard let fields = fields(of: node, in: "health classifier", known: Self.healthFields, context: context),
            let name = declarationName(fields, context: context)
        else { return nil }

        var input: HealthDeclaration.Input?
        let hasOutcomes = fields["selector"] != nil
        let hasCounters = fields["requests"] != nil || fields["errors"] != nil
        if hasOutcomes && hasCounters {
            error("\(context)selector (call outcomes) and requests/errors (counters) exclude each other; set one", at: fields.keyPosition("requests"))
        } else if hasCounters {
            let requests = selector(fields["requests"], field: "requests", context: context, at: fields.position)
            let errors = selector(fields["errors"], field: "errors", context: context, at: fields.position)
            if fields["latency"] != nil {
                error("\(context)field latency needs selector (call outcomes), not counters", at: fields.keyPosition("latency"))
            }
            if let requests, let errors { input = .counters(requests: requests, errors: errors) }
        } else {
            let outcomes = selector(fields["selector"], field: "selector", context: context, at: fields.position)
            let latency = selector(fields["latency"], field: "latency", context: context, required: false, at: fields.position)
            if let outcomes, fields["latency"] == nil || latency != nil { input = .outcomes(selector: outcomes, latency: latency) }
        }

        let key = labelNames(fields["key"], field: "key", context: context)
        var window = HealthConfiguration.Window.count(100)
        if let node = fields["window"] {
            if node.tagName == .int {
                if let calls = integer(node, field: "window", context: context) { window = .count(calls) }
            } else if let span = duration(node, field: "window", context: context) {
                window = .time(duration: span, bucket: Timestamp.nanosecondsPerSecond)
            }
        }
        var degraded = 0.10
        var unhealthy = 0.50
        if let node = fields["thresholds"],
            let thresholds = self.fields(of: node, in: "health thresholds", known: Self.thresholdFields, context: context)
        {
            degraded = number(thresholds["degraded"], field: "thresholds.degraded", context: context) ?? degraded
            unhealthy = number(thresholds["unhealthy"], field: "thresholds.unhealthy", context: context) ?? unhealthy
        }
        let margin = number(fields["recovery_margin"], field: "recovery_margin", context: context) ?? 0.02
        let minimumCalls = integer(fields["min_calls"], field: "min_calls", context: context) ?? 10
        let slowCall = number(fields["slow_call_threshold"], field: "slow_call_threshold", context: context)
        if slowCall != nil, fields["latency"] == nil {
            error("\(context)field slow_call_threshold needs latency (a series of call latencies)", at: fields.keyPosition("slow_call_threshold"))
        }
        let labels = labelMap(fields["labels"], field: "labels", context: context)
        let configuration: HealthConfiguration
        do {
            configuration = try HealthConfiguration(
                window: window, healthyMaxRate: degraded, degradedMaxRate: unhealthy, recoveryMargin: margin,
                minimumCalls: minimumCalls, slowCallThreshold: slowCall
            )
        } catch {
            self.error("\(context)\(error.description)", at: fields.position)
            return nil
        }
        guard let input else { return nil }
        return HealthDeclaration(name: name, input: input, key: key, configuration: configuration, labels: labels, position: fields.position)
    }

    // MARK: SLOs

    mutating func slo(_ node: Node, group: String) -> SLODeclaration? {
        let context = "group \"\(group)\", slo \"\(Self.peekName(node, keys: ["name"]))\": "
        guard let fields = fields(of: node, in: "SLO", known: Self.sloFields, context: context),
            let name = declarationName(fields, context: context)
        else { return nil }
        let objective = number(fields["objective"], field: "objective", context: context)
        if fields["objective"] == nil { error("\(context)field objective must be set (e.g. 0.999)", at: fields.position) }
        let period = duration(fields["period"], field: "period", context: context) ?? 30 * 86_400 * Timestamp.nanosecondsPerSecond

        // Exactly one indicator: good/total, bad/total, success, or latency/threshold.
        let present = ["good", "bad", "total", "success", "latency", "threshold"].filter { fields[$0] != nil }
        let forms = [
            present.contains("good") || present.contains("bad") || present.contains("total"), present.contains("success"),
            present.contains("latency") || present.contains("threshold"),
        ].filter { $0 }.count
        var indicator: SLODeclaration.Indicator?
        var threshold: Double?
        if forms == 0 {
            error("\(context)set one indicator: good and total, bad and total, success, or latency and threshold", at: fields.position)
        } else if forms > 1 {
            let written = fields.entries.map(\.name).filter(present.contains)
            error(
                "\(context)fields \(written.joined(separator: ", ")) mix indicators; set one of good and total, bad and "
                    + "total, success, or latency and threshold",
                at: fields.keyPosition(written[1])
            )
        } else if present.contains("success") {
            if let selector = selector(fields["success"], field: "success", context: context, at: fields.position) {
                indicator = .outcomes(selector: selector)
            }
        } else if present.contains("latency") || present.contains("threshold") {
            let selector = selector(fields["latency"], field: "latency", context: context, at: fields.position)
            threshold = number(fields["threshold"], field: "threshold", context: context)
            if fields["threshold"] == nil { error("\(context)field threshold must be set with latency", at: fields.position) }
            if let selector, threshold != nil { indicator = .latency(selector: selector) }
        } else if present.contains("good") && present.contains("bad") {
            error("\(context)fields good and bad exclude each other; set one, with total", at: fields.keyPosition("bad"))
        } else {
            let total = selector(fields["total"], field: "total", context: context, at: fields.position)
            if present.contains("good") {
                let good = selector(fields["good"], field: "good", context: context, at: fields.position)
                if let good, let total { indicator = .goodTotal(good: good, total: total) }
            } else if present.contains("bad") {
                let bad = selector(fields["bad"], field: "bad", context: context, at: fields.position)
                if let bad, let total { indicator = .badTotal(bad: bad, total: total) }
            } else {
                error("\(context)field total needs good or bad", at: fields.keyPosition("total"))
            }
        }

        let by = labelNames(fields["by"], field: "by", context: context) ?? []
        var conditions: [BurnRateCondition]?
        if let node = fields["burn_rate_windows"] {
            conditions = list(node, field: "burn_rate_windows", context: context).compactMap { burnRateWindow($0, context: context) }
        }
        let labels = labelMap(fields["labels"], field: "labels", context: context)
        guard let objective else { return nil }
        let configuration: SLOConfiguration
        do {
            configuration = try SLOConfiguration(
                objective: objective, period: period, indicator: threshold.map { .latency(threshold: $0) } ?? .events,
                conditions: conditions
            )
        } catch {
            self.error("\(context)\(error.description)", at: fields.position)
            return nil
        }
        guard let indicator else { return nil }
        return SLODeclaration(name: name, indicator: indicator, by: by, configuration: configuration, labels: labels, position: fields.position)
    }

    private mutating func burnRateWindow(_ node: Node, context: String) -> BurnRateCondition? {
        guard let fields = fields(of: node, in: "burn-rate window", known: Self.burnRateWindowFields, context: context) else {
            return nil
        }
        let long = duration(fields["long"], field: "long", context: context)
        let short = duration(fields["short"], field: "short", context: context)
        let factor = number(fields["factor"], field: "factor", context: context)
        for field in ["long", "short", "factor"] where fields[field] == nil {
            error("\(context)field \(field) must be set in a burn-rate window", at: fields.position)
        }
        let severityName = string(fields["severity"], field: "severity", context: context) ?? "page"
        guard let severity = BurnRateCondition.Severity(rawValue: severityName) else {
            error("\(context)field severity: expected page or ticket, got \"\(severityName)\"", at: fields.keyPosition("severity"))
            return nil
        }
        guard let long, let short, let factor else { return nil }
        return BurnRateCondition(severity: severity, longWindow: long, shortWindow: short, factor: factor)
    }

    // MARK: Invariants

    mutating func invariant(_ node: Node, group: String) -> InvariantDeclaration? {
        let context = "group \"\(group)\", invariant \"\(Self.peekName(node, keys: ["name"]))\": "
        guard let fields = fields(of: node, in: "invariant", known: Self.invariantFields, context: context),
            let name = declarationName(fields, context: context)
        else { return nil }
        let exprNode = fields["expr"]
        let expr = string(exprNode, field: "expr", context: context) ?? ""
        var expression: PromQLExpression?
        if expr.allSatisfy(\.isWhitespace) {
            error("\(context)field 'expr' must be set in invariant", at: exprNode.map(Self.position) ?? fields.position)
        } else if let exprNode, let parsed = self.expression(expr, in: exprNode, context: context) {
            if Self.isComparison(parsed) {
                expression = parsed
            } else {
                error(
                    "\(context)expr must be a comparison such as queue_depth >= 0; the invariant holds for a series "
                        + "while the comparison is true",
                    at: Self.position(exprNode)
                )
            }
        }
        let labels = nameValueMap(fields["labels"], field: "labels", kind: "label", context: context)
        let annotations = nameValueMap(fields["annotations"], field: "annotations", kind: "annotation", context: context)
        if let severity = labels.first(where: { $0.name == "severity" }), severity.text != "critical" {
            error("\(context)an invariant's severity is always critical", at: Self.position(severity.value))
        }
        checkTemplates(labels, kind: "label", context: context)
        checkTemplates(annotations, kind: "annotation", context: context)
        guard let expression else { return nil }
        return InvariantDeclaration(
            name: name, expr: expr, expression: expression, labels: Self.dictionary(labels), annotations: Self.dictionary(annotations),
            position: fields.position
        )
    }

    /// A comparison at the root, under any parentheses.
    private static func isComparison(_ expression: PromQLExpression) -> Bool {
        if case .binary(let operation) = expression.unparenthesized { return operation.op.isComparison }
        return false
    }

    // MARK: Shared

    /// The required, non-empty `name:` of an extension declaration.
    private mutating func declarationName(_ fields: Fields, context: String) -> String? {
        guard let node = fields["name"], let name = string(node, field: "name", context: context) else {
            error("\(context)field name must be set", at: fields.position)
            return nil
        }
        guard !name.allSatisfy(\.isWhitespace) else {
            error("\(context)field name must not be empty", at: Self.position(node))
            return nil
        }
        return name
    }
}
