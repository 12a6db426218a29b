import SeismoCore

extension RuleEngine {
    /// Replaces the rules with `ruleSet` (a SIGHUP reload), keeping what Prometheus keeps across a reload.
    ///
    /// - An alerting rule with the same group name, alert name and rule labels as one before takes over its alerts:
    ///   pending and firing state, `activeAt`, the `keep_firing_for` clock and the flap history, under the new
    ///   rule's `for`, `keep_firing_for` and flap settings from the next evaluation. Invariants carry over by group
    ///   and name the same way.
    /// - A group with the same name and interval keeps its schedule; any other group starts at the next multiple
    ///   of its interval.
    /// - Firing alerts of rules that are gone are resolved: one `resolved` event each at `time`, in group, rule and
    ///   fingerprint order. Their pending alerts end silently, as a pending alert does.
    ///
    /// The sequence numbers, error counts and external labels go on.
    public mutating func reload(_ ruleSet: RuleSet, at time: Int64, emit: (AlertEvent) -> Void) {
        let defaultInterval = self.defaultInterval
        var old = groups
        var taken = Array(repeating: false, count: old.count)
        var fresh: [GroupState] = []
        for group in ruleSet.groups {
            let interval = intervalOverride ?? group.interval ?? defaultInterval
            let slots = Self.alertSlots(group)
            var state = GroupState(
                group: group, interval: interval, next: nil, alerts: Array(repeating: AlertTable(), count: slots.count))
            if let match = old.indices.first(where: { !taken[$0] && old[$0].group.name == group.name }) {
                taken[match] = true
                if old[match].interval == interval { state.next = old[match].next }
                let oldSlots = Self.alertSlots(old[match].group)
                var used = Array(repeating: false, count: oldSlots.count)
                for (slot, identity) in slots.enumerated() {
                    guard let previous = oldSlots.indices.first(where: { !used[$0] && oldSlots[$0].key == identity.key })
                    else { continue }
                    used[previous] = true
                    state.alerts[slot] = old[match].alerts[previous].mapInstances { instance in
                        var instance = instance
                        instance.lifecycle = instance.lifecycle.retimed(identity.timing)
                        return instance
                    }
                }
                for (previous, identity) in oldSlots.enumerated() where !used[previous] {
                    resolve(old[match].alerts[previous], name: identity.name, at: time, emit: emit)
                }
                old[match].alerts = []
            }
            fresh.append(state)
        }
        for (index, group) in old.enumerated() where !taken[index] {
            for (slot, identity) in Self.alertSlots(group.group).enumerated() {
                resolve(group.alerts[slot], name: identity.name, at: time, emit: emit)
            }
        }
        groups = fresh
        outputs = Self.recordingOutputs(ruleSet)
        updateNextEvaluation()
    }

    /// One alert slot of a group: alerting rules in order, then invariants, with what identifies it across reloads.
    struct AlertSlot {
        var name: String
        /// `alert` name, rule labels, and whether it is an invariant.
        var key: String
        var timing: AlertTiming
    }

    static func alertSlots(_ group: RuleGroup) -> [AlertSlot] {
        var slots: [AlertSlot] = []
        for rule in group.rules {
            guard case .alerting(let alerting) = rule else { continue }
            slots.append(AlertSlot(name: alerting.alert, key: "rule\0" + identity(alerting.alert, alerting.labels), timing: alerting.timing))
        }
        for invariant in group.invariants {
            slots.append(AlertSlot(
                name: invariant.name, key: "invariant\0" + identity(invariant.name, invariant.alertLabels),
                timing: AlertTiming()))
        }
        return slots
    }

    private static func identity(_ name: String, _ labels: [String: String]) -> String {
        ([name] + labels.sorted { $0.key < $1.key }.map { "\($0.key)\u{1}\($0.value)" }).joined(separator: "\0")
    }

    /// Emits `resolved` for each firing alert of a rule that no longer exists.
    private mutating func resolve(_ alerts: AlertTable, name: String, at time: Int64, emit: (AlertEvent) -> Void) {
        for instance in alerts.sortedByFingerprint where instance.lifecycle.state == .firing {
            let transition = AlertTransition(
                state: .resolved, time: time, activeAt: instance.lifecycle.activeAt, value: instance.value,
                flapping: false)
            emit(event(name, instance, transition, nil))
        }
    }
}
