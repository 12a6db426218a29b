/// A group of rules evaluated together, in order, at the group's interval; Prometheus's `rulefmt.RuleGroup` plus
/// Seismo's extension blocks.
public struct RuleGroup: Equatable, Sendable {
    /// Unique within its file.
    public var name: String
    /// Evaluation interval in ns; nil: the global default.
    public var interval: Int64?
    /// How far (ns) behind the evaluation time queries look; nil: the global default.
    public var queryOffset: Int64?
    /// Most alerts (or recorded series) one evaluation may produce; 0 is no limit.
    public var limit: Int
    /// Labels added to every rule's results and alerts, before the rule's own labels.
    public var labels: [String: String]
    public var rules: [Rule]

    // Seismo extensions: their outputs are series the group's rules can select.

    /// `detectors:`: streaming anomaly detectors over the series a selector matches.
    public var detectors: [DetectorDeclaration]
    /// `health:`: health classifiers of dependencies, from call outcomes.
    public var health: [HealthDeclaration]
    /// `slos:`: service-level objectives with error budgets and burn rates.
    public var slos: [SLODeclaration]
    /// `invariants:`: conditions that must always hold; a violation fires a critical alert at once.
    public var invariants: [InvariantDeclaration]

    /// Where the group starts in its file.
    public var position: RuleFilePosition

    public init(
        name: String, interval: Int64? = nil, queryOffset: Int64? = nil, limit: Int = 0,
        labels: [String: String] = [:], rules: [Rule] = [], detectors: [DetectorDeclaration] = [],
        health: [HealthDeclaration] = [], slos: [SLODeclaration] = [], invariants: [InvariantDeclaration] = [],
        position: RuleFilePosition
    ) {
        self.name = name
        self.interval = interval
        self.queryOffset = queryOffset
        self.limit = limit
        self.labels = labels
        self.rules = rules
        self.detectors = detectors
        self.health = health
        self.slos = slos
        self.invariants = invariants
        self.position = position
    }
}
