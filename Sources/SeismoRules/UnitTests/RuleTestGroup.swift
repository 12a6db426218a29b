import SeismoCore

/// One entry of a test file's `tests`: input series, and the alerts and query results expected from them.
public struct RuleTestGroup: Equatable, Sendable {
    /// `name`, printed with failures; may be empty.
    public var name: String
    /// `interval` between the steps of every input series, in nanoseconds. Defaults to the file's
    /// `evaluation_interval`, as newer promtool does (Prometheus 2.42 left it at 0, stacking every value at time 0).
    public var interval: Int64
    public var inputSeries: [InputSeries]
    public var alertRuleTests: [AlertRuleTestCase]
    public var promqlExprTests: [PromQLExprTestCase]
    /// `external_labels`, sorted by name: visible to templates as `$externalLabels`, added to nothing else.
    public var externalLabels: [Label]
    /// `external_url`, visible to templates as `$externalURL`.
    public var externalURL: String
    /// Where the entry starts in the test file.
    public var position: RuleTestPosition

    public init(
        name: String = "", interval: Int64, inputSeries: [InputSeries] = [], alertRuleTests: [AlertRuleTestCase] = [],
        promqlExprTests: [PromQLExprTestCase] = [], externalLabels: [Label] = [], externalURL: String = "",
        position: RuleTestPosition
    ) {
        self.name = name
        self.interval = interval
        self.inputSeries = inputSeries
        self.alertRuleTests = alertRuleTests
        self.promqlExprTests = promqlExprTests
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.position = position
    }

    /// The latest eval time of any alert or expression test: promtool evaluates the rules from 0 through it,
    /// every evaluation interval.
    public var maxEvalTime: Int64 {
        max(alertRuleTests.map(\.evalTime).max() ?? 0, promqlExprTests.map(\.evalTime).max() ?? 0)
    }

    /// `alertRuleTests` in the order promtool checks them: by eval time, file order among equal times, which is
    /// the order its failures are printed in (all alert failures of a group come before its expression failures).
    public var alertRuleTestsInCheckOrder: [AlertRuleTestCase] {
        alertRuleTests.enumerated().sorted { a, b in
            a.element.evalTime != b.element.evalTime ? a.element.evalTime < b.element.evalTime : a.offset < b.offset
        }.map(\.element)
    }

    /// The evaluation whose alerts an `alert_rule_test` at `evalTime` sees: promtool checks alerts right after the
    /// evaluation at `t` when `t ≤ evalTime < t + evaluationInterval`, so an eval time between two evaluations
    /// sees the earlier one.
    public static func alertCheckTime(evalTime: Int64, evaluationInterval: Int64) -> Int64 {
        precondition(evaluationInterval > 0, "alertCheckTime: the evaluation interval must be positive")
        return evalTime - evalTime % evaluationInterval
    }
}
