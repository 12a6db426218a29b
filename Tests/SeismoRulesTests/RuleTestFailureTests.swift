import SeismoCore
import SeismoRules
import Testing

/// Comparing expected with actual alerts and samples as promtool does, and printing failures in its layout.
@Suite struct RuleTestFailureTests {
    private static func labels(_ pairs: KeyValuePairs<String, String>) -> [Label] {
        pairs.map { Label(name: $0.key, value: $0.value) }
    }

    private static let position = RuleTestPosition(line: 1, column: 1)

    /// Feeds the failing fixture's expectations with what promtool's evaluation produced (the alerts copied from
    /// its output, the samples computed from the fixture's input series) and checks that the report is, byte for
    /// byte, what promtool printed.
    @Test func reportMatchesPromtoolsOutputForTheFailingFixture() throws {
        let file = try RuleTestFile.load(path: PromtoolFixtures.path("api_rules_failing_test.yml"))
        var failures: [RuleTestFailure] = []

        let alerts = file.tests[0]
        let down = { (instance: String) in
            FiringAlert(
                labels: Self.labels(["alertname": "InstanceDown", "instance": instance, "job": "checkout", "severity": "ticket"]),
                annotations: Self.labels(["summary": "\(instance) of checkout is down"])
            )
        }
        let errorRatio = FiringAlert(
            labels: Self.labels(["severity": "page", "job": "checkout", "alertname": "HighErrorRatio"]),
            annotations: Self.labels(["summary": "checkout is failing 10% of requests"])
        )
        let firing: [Int64: [String: [FiringAlert]]] = [
            5 * 60_000_000_000: ["InstanceDown": [down("b:9100"), down("a:9100")]],
            12 * 60_000_000_000: ["HighErrorRatio": []],
            20 * 60_000_000_000: ["HighErrorRatio": [errorRatio]],
        ]
        for test in alerts.alertRuleTestsInCheckOrder {
            if let failure = test.check(firing: firing[test.evalTime]?[test.alertname] ?? [], testGroupName: alerts.name) {
                failures.append(failure)
            }
        }

        let queue = file.tests[1]
        let values = queue.inputSeries[0].values
        guard case .number(let at1m) = values[1], case .number(let at3m) = values[3] else {
            Issue.record("unexpected input \(values)")
            return
        }
        let billing = Self.labels(["queue": "billing"])
        let results: [[ResultSample]] = [
            [ResultSample(labels: billing + Self.labels(["__name__": "queue_depth"]), value: at1m)],
            [ResultSample(labels: billing, value: at3m * 2)],
            [],
            [ResultSample(labels: billing, value: .nan)],
        ]
        for (test, result) in zip(queue.promqlExprTests, results) {
            if let failure = test.check(result: result) { failures.append(failure) }
        }

        #expect(failures.count == 7)
        let report = RuleTestReport(file: "api_rules_failing_test.yml", failures: failures)
        #expect(!report.passed)
        #expect(report.text == (try PromtoolFixtures.text("api_rules_failing_test.promtool.txt")))
    }

    @Test func alertsMatchInAnyOrderWithExactLabelSets() {
        let a = FiringAlert(labels: Self.labels(["alertname": "A", "instance": "a"]), annotations: Self.labels(["s": "1"]))
        let b = FiringAlert(labels: Self.labels(["alertname": "A", "instance": "b"]), annotations: Self.labels(["s": "2"]))
        let test = AlertRuleTestCase(evalTime: 0, alertname: "A", expectedAlerts: [a, b], position: Self.position)
        #expect(test.check(firing: [b, a]) == nil)
        #expect(test.check(firing: [a]) != nil)
        #expect(test.check(firing: [a, b, a]) != nil)
        // One label more or less, or another annotation, is a different alert.
        let extra = FiringAlert(labels: a.labels + Self.labels(["team": "x"]), annotations: a.annotations)
        #expect(test.check(firing: [extra, b]) != nil)
        #expect(test.check(firing: [FiringAlert(labels: a.labels, annotations: []), b]) != nil)
        // No expectation means nothing may fire.
        let quiet = AlertRuleTestCase(evalTime: 0, alertname: "A", expectedAlerts: [], position: Self.position)
        #expect(quiet.check(firing: []) == nil)
        #expect(quiet.check(firing: [a]) != nil)
    }

    @Test func labelsCompareAsBytes() {
        // "é" precomposed and decomposed are equal Swift strings but different bytes, and promtool compares bytes.
        let precomposed = FiringAlert(labels: Self.labels(["alertname": "A", "city": "caf\u{e9}"]))
        let decomposed = FiringAlert(labels: Self.labels(["alertname": "A", "city": "cafe\u{301}"]))
        let test = AlertRuleTestCase(evalTime: 0, alertname: "A", expectedAlerts: [precomposed], position: Self.position)
        #expect(test.check(firing: [precomposed]) == nil)
        #expect(test.check(firing: [decomposed]) != nil)
    }

    @Test func samplesCompareExactlyUnlessFuzzy() {
        let series = SeriesLabels(metric: "x")
        func test(_ value: Double) -> PromQLExprTestCase {
            PromQLExprTestCase(
                expr: "x", exprPosition: Self.position, evalTime: 0,
                expectedSamples: [ResultSample(series: series, value: value)], position: Self.position
            )
        }
        #expect(test(0.3).check(result: [ResultSample(series: series, value: 0.1 + 0.2)]) != nil)
        #expect(test(0.3).check(result: [ResultSample(series: series, value: 0.1 + 0.2)], fuzzyCompare: true) == nil)
        #expect(test(0.3).check(result: [ResultSample(series: series, value: 0.3.nextUp.nextUp)], fuzzyCompare: true) != nil)
        #expect(test(.nan).check(result: [ResultSample(series: series, value: .nan)]) != nil)
        #expect(test(0).check(result: [ResultSample(series: series, value: -0.0)]) == nil)
        #expect(test(.infinity).check(result: [ResultSample(series: series, value: .infinity)]) == nil)
        #expect(test(1).check(result: [ResultSample(series: SeriesLabels(metric: "y"), value: 1)]) != nil)
        #expect(test(1).check(result: []) != nil)
    }

    @Test func samplesMatchInAnyOrder() {
        let a = ResultSample(labels: Self.labels(["job": "a"]), value: 1)
        let b = ResultSample(labels: Self.labels(["job": "b"]), value: 2)
        let test = PromQLExprTestCase(expr: "sum by (job) (x)", exprPosition: Self.position, evalTime: 0,
                                      expectedSamples: [b, a], position: Self.position)
        #expect(test.check(result: [a, b]) == nil)
        #expect(test.check(result: [a]) != nil)
    }

    @Test func failureTexts() {
        let alert = FiringAlert(labels: Self.labels(["alertname": "HighErrors", "severity": "page"]), annotations: Self.labels(["summary": "5xx"]))
        let unnamed = RuleTestFailure.alerts(testGroupName: "", alertname: "HighErrors", evalTime: 600_000_000_000, expected: [alert], got: [])
        // promtool leaves a space after "10m," and "],".
        #expect(unnamed.description == [
            "    alertname: HighErrors, time: 10m, ",
            "        exp:[",
            "            0:",
            #"              Labels:{alertname="HighErrors", severity="page"}"#,
            #"              Annotations:{summary="5xx"}"#,
            "            ], ",
            "        got:[]",
        ].joined(separator: "\n"))
        let query = RuleTestFailure.query(expr: #"rate(x["#, evalTime: 0, message: "1:8: parse error: unexpected end of input")
        #expect(query.description == #"    expr: "rate(x[", time: 0s, err: 1:8: parse error: unexpected end of input"#)
        let rule = RuleTestFailure.rule(name: "HighErrors", time: 600_000_000_000, message: "vector contains metrics with the same labelset")
        #expect(rule.description == "    rule: HighErrors, time: 10m0s, err: vector contains metrics with the same labelset")
        let samples = RuleTestFailure.samples(expr: "x", evalTime: 60_000_000_000,
                                              expected: [ResultSample(labels: [], value: 2), ResultSample(labels: Self.labels(["a": "1"]), value: 0.5)], got: [])
        #expect(samples.description == "    expr: \"x\", time: 1m,\n        exp: {} 2E+00, {a=\"1\"} 5E-01\n        got: nil")
    }

    @Test func passingReport() {
        let report = RuleTestReport(file: "t.yml", warnings: ["no file match pattern r.yml"])
        #expect(report.passed)
        #expect(report.text == "Unit Testing:  t.yml\n  WARNING: no file match pattern r.yml\n  SUCCESS\n\n")
    }
}
