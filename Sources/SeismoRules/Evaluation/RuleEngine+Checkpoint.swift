import SeismoCore

extension RuleEngine {
    /// The engine's alert state and schedule as they stand; see `RuleEngineCheckpoint`.
    public var checkpoint: RuleEngineCheckpoint {
        var next: [String: Int64] = [:]
        var alerts: [RuleEngineCheckpoint.Alert] = []
        let groupNames = Self.groupNames(groups.map(\.group))
        for (g, group) in groups.enumerated() {
            if let tick = group.next { next[groupNames[g]] = tick }
            for (slot, name) in Self.alertNames(of: group.group).enumerated() {
                for instance in group.alerts[slot].sortedByFingerprint {
                    alerts.append(RuleEngineCheckpoint.Alert(
                        group: groupNames[g], rule: name,
                        labels: Dictionary(instance.labels.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
                        annotations: Dictionary(instance.annotations.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
                        valueBits: instance.value.bitPattern, lifecycle: instance.lifecycle.snapshot
                    ))
                }
            }
        }
        return RuleEngineCheckpoint(nextEvaluation: next, alerts: alerts, seq: seq, evaluationErrors: evaluationErrors)
    }

    /// Replaces the alert state, schedule and sequence number with the checkpoint's. Groups and rules are matched
    /// by name; each restored alert takes its rule's current `for` and `keep_firing_for`. Returns how many alerts
    /// were restored.
    @discardableResult
    public mutating func restore(_ checkpoint: RuleEngineCheckpoint) -> Int {
        var restored = 0
        var byRule: [String: [RuleEngineCheckpoint.Alert]] = [:]
        for alert in checkpoint.alerts { byRule[alert.group + "\u{0}" + alert.rule, default: []].append(alert) }
        let groupNames = Self.groupNames(groups.map(\.group))
        for g in groups.indices {
            let group = groups[g].group
            if let next = checkpoint.nextEvaluation[groupNames[g]] { groups[g].next = next }
            let timings = Self.alertTimings(of: group)
            for (slot, name) in Self.alertNames(of: group).enumerated() {
                var instances: [UInt64: Instance] = [:]
                for saved in byRule[groupNames[g] + "\u{0}" + name] ?? [] {
                    guard let lifecycle = AlertLifecycle(timing: timings[slot], restoring: saved.lifecycle) else { continue }
                    let labels = saved.labels.map { Label(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
                    let annotations = saved.annotations.map { Label(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
                    instances[Fingerprint.of(labels)] = Instance(
                        lifecycle: lifecycle, labels: labels, value: Double(bitPattern: saved.valueBits),
                        restoredAnnotations: annotations
                    )
                    restored += 1
                }
                groups[g].alerts[slot] = AlertTable(instances)
            }
        }
        seq = checkpoint.seq
        evaluationErrors = checkpoint.evaluationErrors
        updateNextEvaluation()
        return restored
    }

    /// The names of a group's alert slots: alerting rules in file order, then invariants; a name met again in
    /// the same group gets `#2`, `#3`… so that every slot has a key of its own.
    private static func alertNames(of group: RuleGroup) -> [String] {
        var names: [String] = []
        for rule in group.rules { if case .alerting(let alerting) = rule { names.append(alerting.alert) } }
        return disambiguated(names + group.invariants.map(\.name))
    }

    /// Group names, disambiguated the same way (two files may each have a group of the same name).
    private static func groupNames(_ groups: [RuleGroup]) -> [String] {
        disambiguated(groups.map(\.name))
    }

    private static func disambiguated(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return names.map { name in
            let count = seen[name, default: 0] + 1
            seen[name] = count
            return count == 1 ? name : "\(name)#\(count)"
        }
    }

    /// The timing of each alert slot, as `evaluate(group:)` builds it.
    private static func alertTimings(of group: RuleGroup) -> [AlertTiming] {
        var timings: [AlertTiming] = []
        for rule in group.rules {
            if case .alerting(let alerting) = rule {
                timings.append(AlertTiming(holdFor: alerting.for, keepFiringFor: alerting.keepFiringFor))
            }
        }
        return timings + group.invariants.map { _ in AlertTiming() }
    }
}
