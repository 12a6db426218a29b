import SeismoCore

/// Evaluates loaded rule groups in event time: recording rules write derived series into the store, alerting
/// rules and invariants drive one `AlertLifecycle` per label set and report each state change as an `AlertEvent`.
///
/// Each group evaluates at multiples of its interval (aligned to the epoch, so the same input always gives the
/// same evaluation times), every tick in order, as the engine's event clock passes them. Within a group, rules run
/// in file order and see the series earlier recording rules wrote at the same tick, as in Prometheus.
///
/// Each rule keeps what its previous evaluation worked out (selections, groupings, alert labels: see
/// `PromQLEvaluationCache` and `ResultMemo`), which changes what a tick costs, never what it returns. The
/// evaluation caches are objects, so copies of an engine share them: use an engine and its copies from one
/// thread at a time.
public struct RuleEngine {
    struct Instance {
        var lifecycle: AlertLifecycle
        var labels: [Label]
        /// The rule's annotation templates and constants, and the label map, value and time of the latest evaluation
        /// that returned this alert. The annotations are expanded only when an event or a listing needs them:
        /// expanding every alert's annotations at every evaluation cost more than the rest of the evaluation on a
        /// stream with many alerts.
        var annotationSource: AnnotationSource?
        var templateLabels: [String: String] = [:]
        var templateTime: Int64 = 0
        /// The store and time of that evaluation, which the templates' `query` calls read.
        var annotationQuery: AlertTemplate.Query?
        var value: Double = .nan
        /// The expression result's labels (no metric name), which a rule's clear condition is matched on.
        var source: [Label] = []
        /// Annotations as they were expanded when the alert was checkpointed; shown until an evaluation returns
        /// the alert again and gives it template data.
        var restoredAnnotations: [Label] = []
        /// The number of the latest evaluation that returned this alert (`RuleEngine.evaluations`).
        var seen: UInt64 = 0

        /// The annotations expanded with the data of the latest evaluation, sorted by name.
        var annotations: [Label] {
            guard let annotationSource else { return restoredAnnotations }
            return annotationSource.annotations(labels: templateLabels, value: value, time: templateTime, query: annotationQuery)
        }
    }

    /// An alert that is pending or firing, as `activeAlerts(named:)` lists it.
    public struct ActiveAlert: Sendable, Equatable {
        public var labels: [Label]
        public var annotations: [Label]
        public var state: AlertState
        public var activeAt: Int64
        public var value: Double
    }

    struct GroupState {
        var group: RuleGroup
        var interval: Int64
        var next: Int64?
        /// Per rule index (alerting rules first, then invariants), the live alerts by fingerprint.
        var alerts: [AlertTable]
        /// Per alert slot, what its alerts' annotations are expanded from (`AnnotationSource`), made at its first
        /// evaluation.
        var annotationSources: [AnnotationSource?] = []
        /// Per alert slot, its rule labels (group labels overridden by the rule's), worked out once.
        var slotLabels: [SlotLabels] = []
        /// Per alert slot, what the previous evaluation derived from each result label set (`ResultMemo`).
        var alertMemos: [ResultMemo<AlertDerivation>] = []
        /// Per recording rule, the output series of each result label set of the previous evaluation.
        var recordMemos: [ResultMemo<SeriesID>] = []
        /// Per rule its expression's and its clear condition's evaluation caches, then one per invariant.
        var caches: [PromQLEvaluationCache] = []
        /// The group's rules and invariants as a tick runs them (`RuleStep`), built once.
        var steps: [RuleStep] = []
        /// Per evaluation cache (`caches`), the expression it serves compiled for its shape when it has a common one
        /// (`ExpressionPlan`); built for each store, as the plans hold its series.
        var plans: [ExpressionPlan?] = []
    }

    /// An alert slot's rule labels, and whether any is a template (whose value may depend on the sample's).
    struct SlotLabels {
        var labels: [String: String]
        var templated: Bool

        init(_ labels: [String: String]) {
            self.labels = labels
            templated = labels.values.contains { $0.contains("{{") }
        }
    }

    /// What an alerting rule derives from one result label set when its labels have no templates: the alert's
    /// labels, fingerprint, and the label map its annotation templates see.
    struct AlertDerivation {
        var labels: [Label]
        var fingerprint: UInt64
        var templateLabels: [String: String]
    }

    /// Per group, per recording rule (in file order), the derived series each result label set was written to.
    /// Only valid for `outputStore`: a different store clears it. Holding the store keeps its identity unique.
    var outputs: [[[SeriesLabels: SeriesID]]]
    var outputStore: SeriesStore?
    /// The store and time of the tick being evaluated, for the `query` calls of alert templates.
    var templateQuery: AlertTemplate.Query?

    var groups: [GroupState]
    public let evaluator: PromQLEvaluator
    public let externalLabels: [String: String]
    /// The external URL alert templates' `externalURL` and `pathPrefix` return; nil (as in `promtool test rules`)
    /// makes those two fail as in Prometheus. Its text is also `$externalURL`, unless `templateExternalURL` says
    /// otherwise.
    public let externalURL: AlertTemplate.ExternalURL?
    /// `$externalURL` and `.ExternalURL` in templates: the external URL's text, or what a promtool test group's
    /// `external_url` sets (promtool keeps it apart from the URL of the `externalURL` function).
    var templateExternalURL: String
    /// Interval of groups that set none, ns.
    public let defaultInterval: Int64
    /// The interval every group evaluates at whatever its own, if set.
    public let intervalOverride: Int64?
    /// Alerting rule and invariant evaluations so far: each numbers the alerts it returns (`Instance.seen`).
    var evaluations: UInt64 = 0
    /// Sequence number of the last event emitted; monotonic over the engine's life.
    public internal(set) var seq: UInt64 = 0
    /// Rule evaluations that failed (e.g. many-to-many matching) and were skipped.
    public internal(set) var evaluationErrors: UInt64 = 0
    /// Ticks skipped because the clock jumped more than `maxCatchUp` intervals at once.
    public private(set) var skippedTicks: UInt64 = 0
    /// The most ticks of one group evaluated in one `advance` before jumping ahead (bounds work after a gap).
    public var maxCatchUp = 10_000

    /// - Parameters:
    ///   - intervalOverride: evaluate every group at this interval whatever its own (promtool's unit tests do so
    ///     with `evaluation_interval`).
    ///   - externalURL: Prometheus's `--web.external-url` for alert templates (`externalURL`, `pathPrefix`,
    ///     `$externalURL`); nil, the default, is what `promtool test rules` has.
    public init(
        ruleSet: RuleSet, defaultInterval: Int64 = 60 * Timestamp.nanosecondsPerSecond, intervalOverride: Int64? = nil,
        evaluator: PromQLEvaluator = PromQLEvaluator(), externalLabels: [String: String] = [:],
        externalURL: AlertTemplate.ExternalURL? = nil
    ) {
        self.evaluator = evaluator
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        templateExternalURL = externalURL?.text ?? ""
        self.defaultInterval = defaultInterval
        self.intervalOverride = intervalOverride
        outputs = Self.recordingOutputs(ruleSet)
        groups = ruleSet.groups.map { group in
            let alertCount = group.rules.filter { if case .alerting = $0 { true } else { false } }.count
            return GroupState(
                group: group, interval: intervalOverride ?? group.interval ?? defaultInterval, next: nil,
                alerts: Array(repeating: AlertTable(), count: alertCount + group.invariants.count)
            )
        }
    }

    /// Schedules every group's first evaluation at the first multiple of its interval at or after `time`, without
    /// evaluating anything. Call once, with the first event time, before `advance`.
    public mutating func start(at time: Int64) {
        for i in groups.indices where groups[i].next == nil {
            groups[i].next = Self.align(time, groups[i].interval)
        }
        updateNextEvaluation()
    }

    /// The earliest pending evaluation time, nil before the clock first advances.
    ///
    /// Stored, not computed: the engine asks for it at every sample.
    public private(set) var nextEvaluation: Int64?

    mutating func updateNextEvaluation() {
        var earliest: Int64? = nil
        for i in groups.indices {
            if let next = groups[i].next, earliest.map({ next < $0 }) ?? true { earliest = next }
        }
        nextEvaluation = earliest
    }

    /// Number of alerts currently pending or firing.
    public var activeAlerts: Int {
        groups.reduce(0) { $0 + $1.alerts.reduce(0) { $0 + $1.instances.filter { $0.lifecycle.state == .pending || $0.lifecycle.state == .firing }.count } }
    }

    /// The pending and firing alerts of the alerting rule or invariant `name`, sorted by labels.
    public func activeAlerts(named name: String) -> [ActiveAlert] {
        var out: [ActiveAlert] = []
        for group in groups {
            var slot = 0
            var names: [String] = []
            for rule in group.group.rules { if case .alerting(let alerting) = rule { names.append(alerting.alert) } }
            names += group.group.invariants.map(\.name)
            for ruleName in names {
                defer { slot += 1 }
                guard ruleName == name else { continue }
                for instance in group.alerts[slot].instances
                where instance.lifecycle.state == .pending || instance.lifecycle.state == .firing {
                    out.append(ActiveAlert(
                        labels: instance.labels, annotations: instance.annotations, state: instance.lifecycle.state,
                        activeAt: instance.lifecycle.activeAt, value: instance.value
                    ))
                }
            }
        }
        return out.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
    }

    /// Evaluates every group tick at or before `time`, earliest first (groups in file order at equal times),
    /// calling `emit` for each alert state change.
    public mutating func advance(
        to time: Int64, store: SeriesStore, provenance: AlertEvent.Provenance? = nil, emit: (AlertEvent) -> Void
    ) {
        for i in groups.indices where groups[i].next == nil {
            groups[i].next = Self.align(time, groups[i].interval)
        }
        while true {
            var earliest: Int? = nil
            for i in groups.indices where groups[i].next! <= time {
                if earliest == nil || groups[i].next! < groups[earliest!].next! { earliest = i }
            }
            guard let g = earliest else {
                updateNextEvaluation()
                return
            }
            let tick = groups[g].next!
            evaluate(group: g, at: tick, store: store, provenance: provenance, emit: emit)
            var next = tick + groups[g].interval
            let behind = (time - next) / groups[g].interval
            if behind > Int64(maxCatchUp) {
                skippedTicks += UInt64(behind - Int64(maxCatchUp))
                next += (behind - Int64(maxCatchUp)) * groups[g].interval
            }
            groups[g].next = next
        }
    }

    /// Empty output-series caches: per group, one per recording rule.
    static func recordingOutputs(_ ruleSet: RuleSet) -> [[[SeriesLabels: SeriesID]]] {
        ruleSet.groups.map { group in
            Array(repeating: [:], count: group.rules.filter { if case .recording = $0 { true } else { false } }.count)
        }
    }

    /// The first multiple of `interval` at or after `time`.
    static func align(_ time: Int64, _ interval: Int64) -> Int64 {
        let floor = time - ((time % interval) + interval) % interval
        return floor == time ? time : floor + interval
    }

    private mutating func evaluate(
        group g: Int, at time: Int64, store: SeriesStore, provenance: AlertEvent.Provenance?, emit: (AlertEvent) -> Void
    ) {
        if outputStore !== store {
            for i in outputs.indices { for j in outputs[i].indices { outputs[i][j] = [:] } }
            for i in groups.indices {
                groups[i].recordMemos = []
                groups[i].plans = []
            }
            outputStore = store
        }
        templateQuery = AlertTemplate.Query(evaluator: evaluator, store: store, time: time)
        if groups[g].steps.isEmpty, !groups[g].group.rules.isEmpty || !groups[g].group.invariants.isEmpty {
            let group = groups[g].group
            groups[g].steps = RuleStep.steps(of: group)
            groups[g].caches = (0..<(2 * group.rules.count + group.invariants.count)).map { _ in PromQLEvaluationCache() }
            groups[g].slotLabels = Self.slotLabels(group)
            groups[g].alertMemos = Array(repeating: ResultMemo(), count: groups[g].slotLabels.count)
            groups[g].annotationSources = Array(repeating: nil, count: groups[g].slotLabels.count)
        }
        if groups[g].recordMemos.isEmpty { groups[g].recordMemos = Array(repeating: ResultMemo(), count: outputs[g].count) }
        if groups[g].plans.isEmpty, !groups[g].caches.isEmpty {
            var plans = [ExpressionPlan?](repeating: nil, count: groups[g].caches.count)
            for step in groups[g].steps {
                plans[step.cache] = ExpressionPlan(step.expression)
                if let clear = step.clear { plans[step.cache + 1] = ExpressionPlan(clear) }
            }
            groups[g].plans = plans
        }
        let plans = groups[g].plans
        let caches = groups[g].caches
        for step in groups[g].steps {
            switch step.kind {
            case .recording:
                if let plan = plans[step.cache] {
                    // In place: the plan keeps each group's output series, so `outputs` is touched only for a new
                    // group, and the static `record` leaves self alone.
                    Self.record(
                        step, plan, evaluator: evaluator, at: time, store: store, cache: caches[step.cache],
                        outputs: &outputs[g][step.slot])
                    break
                }
                // Taken out while in use (and left empty, so it stays uniquely referenced): `record` mutates self.
                var known = outputs[g][step.slot]
                outputs[g][step.slot] = [:]
                var memo = groups[g].recordMemos[step.slot]
                groups[g].recordMemos[step.slot] = ResultMemo()
                record(step, at: time, store: store, cache: caches[step.cache], outputs: &known, memo: &memo)
                outputs[g][step.slot] = known
                groups[g].recordMemos[step.slot] = memo
            case .alerting:
                let result = samples(of: step.expression, at: time, store: store, cache: caches[step.cache], plan: plans[step.cache])
                // Hysteresis: the series for which the clear condition holds (none when it fails to evaluate).
                let clearing = step.clear.map { clear in
                    samples(of: clear, at: time, store: store, cache: caches[step.cache + 1], plan: plans[step.cache + 1]) ?? []
                }
                update(group: g, step: step, result: result, clearing: clearing, at: time, provenance: provenance, emit: emit)
            case .invariant:
                let violations = samples(of: step.expression, at: time, store: store, cache: caches[step.cache], plan: plans[step.cache])
                if let violations {
                    for sample in violations {
                        var labels = sample.labels.labels
                        labels.append(Label(name: "invariant", value: step.name))
                        let id = store.derivedSeries(SeriesLabels(metric: "seismo_invariant_violation", labels: labels))
                        store.append(id, time: time, value: 1)
                    }
                }
                update(group: g, step: step, result: violations, at: time, provenance: provenance, emit: emit)
            }
        }
    }

    /// The instant-vector result of `expression`, nil when evaluation failed (counted, and no state changes); through
    /// `plan` when the expression has one (`cache` is then required).
    private mutating func samples(
        of expression: PromQLExpression, at time: Int64, store: SeriesStore, cache: PromQLEvaluationCache? = nil,
        plan: ExpressionPlan? = nil
    ) -> [VectorSample]? {
        if let plan, let cache {
            var out: [VectorSample] = []
            plan.evaluate(evaluator, at: time, store: store, cache: cache) { group, value in
                // Room for every group at the first sample: one allocation, and none for an empty result.
                if out.isEmpty { out.reserveCapacity(plan.groupLabels.count) }
                out.append(VectorSample(labels: plan.groupLabels[group], value: value, time: time))
            }
            return out
        }
        do {
            switch try evaluator.evaluate(expression, at: time, store: store, cache: cache) {
            case .vector(let samples): return samples
            case .scalar(_, let value): return [VectorSample(labels: SeriesLabels(metric: ""), value: value, time: time)]
            case .string, .matrix:
                evaluationErrors += 1
                return nil
            }
        } catch {
            evaluationErrors += 1
            return nil
        }
    }

    /// Writes the rule's result into derived series; `outputs` remembers which series each result label set
    /// went to, so a steady result costs one lookup per sample instead of building and hashing its output labels.
    private mutating func record(
        _ rule: RuleStep, at time: Int64, store: SeriesStore, cache: PromQLEvaluationCache,
        outputs: inout [SeriesLabels: SeriesID], memo: inout ResultMemo<SeriesID>
    ) {
        guard let result = samples(of: rule.expression, at: time, store: store, cache: cache) else { return }
        for (i, sample) in result.enumerated() {
            let id = memo.value(at: i, for: sample.labels) {
                Self.outputSeries(rule, sample.labels, store: store, outputs: &outputs)
            }
            store.append(id, time: time, value: sample.value)
        }
        memo.truncate(to: result.count)
    }

    /// `record` through the rule's plan: the same output series and values, each group's output series looked up
    /// once per selection.
    private static func record(
        _ rule: RuleStep, _ plan: ExpressionPlan, evaluator: PromQLEvaluator, at time: Int64, store: SeriesStore,
        cache: PromQLEvaluationCache, outputs: inout [SeriesLabels: SeriesID]
    ) {
        plan.evaluate(evaluator, at: time, store: store, cache: cache) { group, value in
            let id = plan.outputs[group] ?? {
                let id = Self.outputSeries(rule, plan.groupLabels[group], store: store, outputs: &outputs)
                plan.outputs[group] = id
                return id
            }()
            store.append(id, time: time, value: value)
        }
    }

    /// The series a recording rule writes the result label set `labels` to, created on first use.
    private static func outputSeries(
        _ rule: RuleStep, _ labels: SeriesLabels, store: SeriesStore, outputs: inout [SeriesLabels: SeriesID]
    ) -> SeriesID {
        if let known = outputs[labels] { return known }
        let extra = rule.outputLabels
        var outputLabels = labels.labels.filter { extra[$0.name] == nil }
        outputLabels += extra.map { Label(name: $0.key, value: $0.value) }
        let id = store.derivedSeries(SeriesLabels(metric: rule.name, labels: outputLabels))
        outputs[labels] = id
        return id
    }

    /// Per alert slot of `group` (alerting rules, then invariants), the slot's rule labels.
    static func slotLabels(_ group: RuleGroup) -> [SlotLabels] {
        var slots: [SlotLabels] = []
        for rule in group.rules {
            if case .alerting(let alerting) = rule { slots.append(SlotLabels(group.labels.merging(alerting.labels) { _, rule in rule })) }
        }
        for invariant in group.invariants {
            slots.append(SlotLabels(group.labels.merging(invariant.alertLabels) { _, rule in rule }))
        }
        return slots
    }

    /// The alert labels, fingerprint and template label map of one result sample; `source` gives the rule's label
    /// templates what its annotation templates see.
    private func derive(
        _ sample: VectorSample, name: String, ruleLabels: [String: String], source: AnnotationSource, at time: Int64
    ) -> AlertDerivation {
        var sampleLabels: [String: String] = [:]
        for label in sample.labels.labels { sampleLabels[label.name] = label.value }
        var labels = sampleLabels
        // Templates see the metric name too, as Prometheus hands them the sample's whole label set.
        if !sample.labels.metric.isEmpty { sampleLabels["__name__"] = sample.labels.metric }
        if !ruleLabels.isEmpty {
            let data = source.data(labels: sampleLabels, value: sample.value, time: time)
            for (key, template) in ruleLabels { labels[key] = AlertTemplate.expand(template, data, query: templateQuery) }
        }
        labels["alertname"] = name
        let labelList = labels.map { Label(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        return AlertDerivation(labels: labelList, fingerprint: Fingerprint.of(labelList), templateLabels: sampleLabels)
    }

    private mutating func update(
        group g: Int, step: RuleStep, result: [VectorSample]?, clearing: [VectorSample]? = nil,
        at time: Int64, provenance: AlertEvent.Provenance?, emit: (AlertEvent) -> Void
    ) {
        guard let result else { return }  // a failed evaluation changes no alert
        let slot = step.slot
        // The usual case for most rules at most ticks: nothing returned, nothing live.
        if result.isEmpty, groups[g].alerts[slot].isEmpty {
            groups[g].alertMemos[slot].truncate(to: 0)
            return
        }
        let name = step.name
        let timing = step.timing
        evaluations += 1
        let evaluation = evaluations
        let source = annotationSource(group: g, step: step)
        let query = templateQuery
        // Taken out while in use, so the table is uniquely referenced and changes in place.
        var alerts = groups[g].alerts[slot]
        groups[g].alerts[slot] = AlertTable()
        var memo = groups[g].alertMemos[slot]
        groups[g].alertMemos[slot] = ResultMemo()
        let slotLabels = groups[g].slotLabels[slot]
        let ruleLabels = slotLabels.labels
        var returned = 0
        for (i, sample) in result.enumerated() {
            // Labels from templates may depend on the value: derived afresh every time. Otherwise the derivation
            // depends on the label set only and is reused while the result keeps its label sets.
            let derived = slotLabels.templated
                ? derive(sample, name: name, ruleLabels: ruleLabels, source: source, at: time)
                : memo.value(at: i, for: sample.labels) {
                    derive(sample, name: name, ruleLabels: ruleLabels, source: source, at: time)
                }
            let index: Int
            if let live = alerts.index(of: derived.fingerprint) {
                guard alerts[live].seen != evaluation else { continue }  // duplicate label set after alert labels
                index = live
            } else {
                index = alerts.append(Instance(lifecycle: AlertLifecycle(timing: timing), labels: derived.labels), fingerprint: derived.fingerprint)
            }
            returned += 1
            if let transition = Self.refresh(
                &alerts[index], source: source, templateLabels: derived.templateLabels, query: query, sample: sample,
                at: time, evaluation: evaluation) {
                emit(event(name, alerts[index], transition, provenance))
            }
        }
        memo.truncate(to: result.count)
        groups[g].alertMemos[slot] = memo
        if returned < alerts.count {
            var cleared: Set<[Label]>? = nil
            var dormant: [Int] = []
            // Alerts the result no longer returns, in fingerprint order.
            for index in alerts.fingerprintOrder where alerts[index].seen != evaluation {
                // The clear condition's label sets, gathered the first time an alert the result left out needs them.
                if let clearing, cleared == nil { cleared = Set(clearing.map(\.labels.labels)) }
                let clears = cleared.map { $0.contains(alerts[index].source) } ?? true
                if let transition = alerts[index].lifecycle.evaluate(at: time, active: false, value: .nan, cleared: clears) {
                    emit(event(name, alerts[index], transition, provenance))
                }
                if alerts[index].lifecycle.isDormant { dormant.append(index) }
            }
            // Highest index first: a removal moves the last alert, which is then never one still to remove.
            for index in dormant.sorted(by: >) { alerts.remove(at: index) }
        }
        groups[g].alerts[slot] = alerts
    }

    /// The annotation source of an alert slot, made at its first evaluation (again if the external URL text was
    /// changed since, as a promtool test group does before evaluating).
    private mutating func annotationSource(group g: Int, step: RuleStep) -> AnnotationSource {
        if let source = groups[g].annotationSources[step.slot], source.externalURL == templateExternalURL { return source }
        let source = AnnotationSource(
            templates: step.annotations, alertName: step.name, externalLabels: externalLabels,
            externalURL: templateExternalURL, configuredURL: externalURL)
        groups[g].annotationSources[step.slot] = source
        return source
    }

    /// A live alert the result returned again: its template data and value from `sample`, then its lifecycle at
    /// `time`; returns the transition, if any.
    private static func refresh(
        _ instance: inout Instance, source: AnnotationSource, templateLabels: [String: String],
        query: AlertTemplate.Query?, sample: VectorSample, at time: Int64, evaluation: UInt64
    ) -> AlertTransition? {
        if instance.annotationSource !== source { instance.annotationSource = source }
        instance.templateLabels = templateLabels
        instance.templateTime = time
        instance.annotationQuery = query
        instance.value = sample.value
        instance.source = sample.labels.labels
        instance.seen = evaluation
        return instance.lifecycle.evaluate(at: time, active: true, value: sample.value)
    }

    mutating func event(
        _ name: String, _ instance: Instance, _ transition: AlertTransition, _ provenance: AlertEvent.Provenance?
    ) -> AlertEvent {
        seq += 1
        return AlertEvent(
            seq: seq, time: transition.time, alert: name, state: transition.state, labels: instance.labels,
            annotations: instance.annotations, value: transition.value, activeAt: transition.activeAt,
            flapping: transition.flapping, provenance: provenance
        )
    }

    /// An invariant's condition turned into the query for its violations: the comparison negated, as a filter,
    /// so the violating series come back with their values.
    static func violations(of condition: PromQLExpression) -> PromQLExpression {
        guard case .binary(var comparison) = condition.unparenthesized else { return condition }
        let negated: BinaryOperator? = switch comparison.op {
        case .equal: .notEqual
        case .notEqual: .equal
        case .greater: .lessOrEqual
        case .lessOrEqual: .greater
        case .less: .greaterOrEqual
        case .greaterOrEqual: .less
        default: nil
        }
        guard let negated else { return condition }
        comparison.op = negated
        comparison.returnsBool = false
        return .binary(comparison)
    }
}
