/// The contents of one rule file: `groups:` as Prometheus defines them, with Seismo's extensions inside the groups.
public struct RuleFile: Equatable, Sendable {
    /// The path the file was read from.
    public var path: String
    public var groups: [RuleGroup]

    public init(path: String, groups: [RuleGroup] = []) {
        self.path = path
        self.groups = groups
    }

    /// Recording and alerting rules in all groups (what promtool counts).
    public var ruleCount: Int { groups.reduce(0) { $0 + $1.rules.count } }
    public var detectorCount: Int { groups.reduce(0) { $0 + $1.detectors.count } }
    public var healthCount: Int { groups.reduce(0) { $0 + $1.health.count } }
    public var sloCount: Int { groups.reduce(0) { $0 + $1.slos.count } }
    public var invariantCount: Int { groups.reduce(0) { $0 + $1.invariants.count } }
}
