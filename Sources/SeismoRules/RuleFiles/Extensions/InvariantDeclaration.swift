/// `invariants:` in a group: a condition that must always hold. A violation fires an alert at once (no `for`),
/// labelled `severity="critical"`.
///
/// `expr` is a comparison, such as `queue_depth >= 0`, evaluated as if it carried `bool`: every series for which it
/// is false violates the invariant. Each violation is an alert named `name` with the series' labels, the declared
/// labels and `severity="critical"`, and is published as `seismo_invariant_violation{invariant="<name>", ...} 1`.
public struct InvariantDeclaration: Equatable, Sendable {
    /// The alert name and the `invariant` label; unique among the invariants of all loaded files.
    public var name: String
    /// A comparison that must hold for every series it yields, as written.
    public var expr: String
    /// `expr` parsed: a comparison, possibly in parentheses.
    public var expression: PromQLExpression
    /// Labels of the alert besides `severity` (which is always `critical`); values may hold templates.
    public var labels: [String: String]
    /// Annotations of the alert; values may hold templates.
    public var annotations: [String: String]
    public var position: RuleFilePosition

    public init(
        name: String, expr: String, expression: PromQLExpression, labels: [String: String] = [:], annotations: [String: String] = [:],
        position: RuleFilePosition
    ) {
        self.name = name
        self.expr = expr
        self.expression = expression
        self.labels = labels
        self.annotations = annotations
        self.position = position
    }

    /// The labels every violation alert carries: the declared ones and `severity="critical"`.
    public var alertLabels: [String: String] {
        labels.merging(["severity": "critical"]) { _, critical in critical }
    }
}
