/// One entry of a group's `rules:` list: a recording or an alerting rule, as Prometheus defines them.
public enum Rule: Hashable, Sendable {
    case recording(RecordingRule)
    case alerting(AlertingRule)

    /// `record` or `alert`.
    public var name: String {
        switch self {
        case .recording(let rule): rule.record
        case .alerting(let rule): rule.alert
        }
    }

    public var expr: String {
        switch self {
        case .recording(let rule): rule.expr
        case .alerting(let rule): rule.expr
        }
    }

    public var expression: PromQLExpression {
        switch self {
        case .recording(let rule): rule.expression
        case .alerting(let rule): rule.expression
        }
    }

    public var labels: [String: String] {
        switch self {
        case .recording(let rule): rule.labels
        case .alerting(let rule): rule.labels
        }
    }

    public var position: RuleFilePosition {
        switch self {
        case .recording(let rule): rule.position
        case .alerting(let rule): rule.position
        }
    }
}
