/// A Prometheus alerting rule: every result of `expr` is an alert, pending until it has held for `for`, then firing.
public struct AlertingRule: Hashable, Sendable {
    /// The alert's name (the `alertname` label). Any string; several rules may share a name.
    public var alert: String
    /// The PromQL expression, as written.
    public var expr: String
    /// `expr` parsed and type-checked.
    public var expression: PromQLExpression
    /// How long (ns) a result must persist before the alert fires; 0 fires at once.
    public var `for`: Int64
    /// How long (ns) the alert keeps firing after its expression stops returning it; 0 resolves at once.
    public var keepFiringFor: Int64
    /// Labels added to every alert; values may hold templates (`{{ $labels.host }}`).
    public var labels: [String: String]
    /// Annotations of every alert; values may hold templates.
    public var annotations: [String: String]
    /// Where the rule starts in its file.
    public var position: RuleFilePosition
    /// Hysteresis (`clear:`, a Seismo extension): a firing alert resolves only once its expression stops returning
    /// it *and* this expression returns its label set. nil: it resolves as in Prometheus.
    public var clear: PromQLExpression?
    /// Flap detection (`flapping:`, a Seismo extension); nil: off.
    public var flapDetection: FlapDetection?

    public init(
        alert: String, expr: String, expression: PromQLExpression, for: Int64 = 0, keepFiringFor: Int64 = 0, labels: [String: String] = [:],
        annotations: [String: String] = [:], position: RuleFilePosition
    ) {
        self.alert = alert
        self.expr = expr
        self.expression = expression
        self.for = `for`
        self.keepFiringFor = keepFiringFor
        self.labels = labels
        self.annotations = annotations
        self.position = position
    }

    /// The state machine's settings: `for`, `keep_firing_for` and flap detection.
    public var timing: AlertTiming {
        AlertTiming(
            holdFor: self.for, keepFiringFor: keepFiringFor, flapWindow: flapDetection?.window ?? 0,
            flapThreshold: flapDetection?.threshold ?? 0.5
        )
    }
}
