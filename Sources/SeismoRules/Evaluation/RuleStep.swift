/// One recording rule, alerting rule or invariant of a group as a tick runs it, worked out once per group state.
///
/// A class holding what a tick reads, so a tick takes one reference per rule: going through the `Rule` enum
/// copied each rule's payload (names, source text, label and annotation maps, expressions, positions), a retain
/// and a release per field, at every rule of every tick.
final class RuleStep: Sendable {
    enum Kind: Sendable {
        case recording
        case alerting
        case invariant
    }

    let kind: Kind
    /// The recorded series' name, or the alert's.
    let name: String
    /// What the tick evaluates: the rule's expression, or an invariant's violation query.
    let expression: PromQLExpression
    /// An alerting rule's clear condition (hysteresis).
    let clear: PromQLExpression?
    /// A recording rule's extra output labels: the group's labels overridden by the rule's.
    let outputLabels: [String: String]
    let annotations: [String: String]
    let timing: AlertTiming
    /// Where its evaluation cache is in the group state's `caches`; the clear condition's is the next one.
    let cache: Int
    /// The recording rule's index among the group's recording rules, or the alert slot (alerting rules in order,
    /// then invariants).
    let slot: Int

    private init(
        kind: Kind, name: String, expression: PromQLExpression, clear: PromQLExpression? = nil,
        outputLabels: [String: String] = [:], annotations: [String: String] = [:], timing: AlertTiming = AlertTiming(),
        cache: Int, slot: Int
    ) {
        self.kind = kind
        self.name = name
        self.expression = expression
        self.clear = clear
        self.outputLabels = outputLabels
        self.annotations = annotations
        self.timing = timing
        self.cache = cache
        self.slot = slot
    }

    /// The steps of `group` in the order a tick runs them: its rules in file order, then its invariants. Caches are
    /// numbered as `RuleEngine` lays them out: two per rule (expression, clear condition), then one per invariant.
    static func steps(of group: RuleGroup) -> [RuleStep] {
        var steps: [RuleStep] = []
        var recordIndex = 0
        var alertIndex = 0
        for (r, rule) in group.rules.enumerated() {
            switch rule {
            case .recording(let recording):
                steps.append(RuleStep(
                    kind: .recording, name: recording.record, expression: recording.expression,
                    outputLabels: group.labels.merging(recording.labels) { _, rule in rule }, cache: 2 * r,
                    slot: recordIndex))
                recordIndex += 1
            case .alerting(let alerting):
                steps.append(RuleStep(
                    kind: .alerting, name: alerting.alert, expression: alerting.expression, clear: alerting.clear,
                    annotations: alerting.annotations, timing: alerting.timing, cache: 2 * r, slot: alertIndex))
                alertIndex += 1
            }
        }
        for (i, invariant) in group.invariants.enumerated() {
            steps.append(RuleStep(
                kind: .invariant, name: invariant.name, expression: RuleEngine.violations(of: invariant.expression),
                annotations: invariant.annotations, cache: 2 * group.rules.count + i, slot: alertIndex))
            alertIndex += 1
        }
        return steps
    }
}
