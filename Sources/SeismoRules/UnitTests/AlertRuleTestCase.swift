/// One `alert_rule_test` entry: at `eval_time`, the alerts named `alertname` that fire must be exactly
/// `exp_alerts`.
public struct AlertRuleTestCase: Equatable, Sendable {
    /// Nanoseconds after the test's start.
    public var evalTime: Int64
    public var alertname: String
    /// `exp_alerts`, each with `alertname` added to its labels (overriding any written there), as promtool does:
    /// the rest of the labels must be written out in full, the rule's own labels included.
    public var expectedAlerts: [FiringAlert]
    /// Where the entry starts in the test file.
    public var position: RuleTestPosition

    public init(evalTime: Int64, alertname: String, expectedAlerts: [FiringAlert], position: RuleTestPosition) {
        self.evalTime = evalTime
        self.alertname = alertname
        self.expectedAlerts = expectedAlerts
        self.position = position
    }

    /// Compares the alerts of this name firing at `evalTime` (pending ones left out) with the expectation,
    /// as promtool does: in any order, exact label and annotation sets, no extra and no missing alert.
    ///
    /// - Parameter testGroupName: the test group's `name`, which promtool prints with a failure.
    /// - Returns: nil when they match; otherwise the failure, rendered in promtool's words by its description.
    public func check(firing: [FiringAlert], testGroupName: String = "") -> RuleTestFailure? {
        let expected = expectedAlerts.sorted(by: FiringAlert.precedes)
        let got = firing.sorted(by: FiringAlert.precedes)
        if expected.count == got.count, zip(expected, got).allSatisfy(FiringAlert.same) { return nil }
        return .alerts(
            testGroupName: testGroupName, alertname: alertname, evalTime: evalTime, expected: expected, got: got
        )
    }
}
