import Foundation
import SeismoCore
import SeismoRules
import Testing

/// Loading promtool test files: the fixtures promtool passes and fails, and invalid files, each error with the
/// position promtool's strict reading would complain about.
@Suite struct RuleTestFileTests {
    private static let minute: Int64 = 60_000_000_000

    private func load(_ yaml: String) throws(RuleTestFileError) -> RuleTestFile {
        try RuleTestFile.parse(yaml: yaml, path: "t.yml")
    }

    /// The error loading `yaml` gives, as `line:column: message`.
    private func error(_ yaml: String) -> String? {
        do {
            _ = try load(yaml)
            return nil
        } catch {
            return error.position.map { "\($0.line):\($0.column): " + error.message } ?? error.message
        }
    }

    // MARK: Valid files

    @Test func loadsThePassingFixture() throws {
        let file = try RuleTestFile.load(path: PromtoolFixtures.path("api_rules_test.yml"))
        #expect(file.ruleFiles == [PromtoolFixtures.path("api_rules.yml")])
        #expect(FileManager.default.fileExists(atPath: file.ruleFiles[0]))
        #expect(file.warnings.isEmpty)
        #expect(file.evaluationInterval == Self.minute)
        #expect(file.groupEvalOrder == ["api-recording", "api-alerts"])
        #expect(file.tests.map(\.name) == [
            "error ratio pages after five minutes above 5%", "instance down, with a gap and a stale marker", "queue backlog",
        ])
        #expect(file.tests.map(\.interval) == [Self.minute, Self.minute, Self.minute / 2])

        let errors = file.tests[0]
        #expect(errors.inputSeries.map(\.labels.description) == [
            #"http_requests_total{code="200",instance="a:9100",job="checkout"}"#,
            #"http_requests_total{code="500",instance="a:9100",job="checkout"}"#,
        ])
        #expect(errors.inputSeries[0].values.count == 31)
        #expect(errors.inputSeries[0].values[10] == .number(1000))
        #expect(errors.inputSeries[0].values[30] == .number(2800))
        #expect(errors.alertRuleTests.map(\.evalTime) == [9 * Self.minute, 20 * Self.minute])
        #expect(errors.alertRuleTests[0].expectedAlerts.isEmpty)
        #expect(errors.alertRuleTests[1].expectedAlerts == [FiringAlert(
            labels: [Label(name: "alertname", value: "HighErrorRatio"), Label(name: "job", value: "checkout"),
                     Label(name: "severity", value: "page")],
            annotations: [Label(name: "summary", value: "checkout is failing 10% of requests")]
        )])
        #expect(errors.promqlExprTests.map(\.expr) == ["job:http_errors:ratio_rate5m", "sum(http_requests_total)"])
        #expect(errors.promqlExprTests[0].expectedSamples == [ResultSample(
            series: SeriesLabels(metric: "job:http_errors:ratio_rate5m", labels: [Label(name: "job", value: "checkout")]),
            value: 0.1
        )])
        #expect(errors.promqlExprTests[1].expectedSamples == [ResultSample(labels: [], value: 200)])

        let down = file.tests[1]
        #expect(down.inputSeries[1].values == [.number(1), .number(1), .number(1), .number(1), .missing, .missing, .number(1), .stale])
        #expect(down.alertRuleTests[0].expectedAlerts.isEmpty)
        #expect(down.promqlExprTests[1].expectedSamples.isEmpty)

        #expect(file.tests[2].externalLabels == [Label(name: "region", value: "eu-west")])
        #expect(file.tests[2].maxEvalTime == 5 * Self.minute)
    }

    @Test func positionsPointAtTheEntries() throws {
        let file = try load("""
            tests:
              - interval: 1m
                input_series:
                  - series: up
                    values: 1
                promql_expr_test:
                  - expr: 'sum(up)'
                    eval_time: 1m
            """)
        let group = file.tests[0]
        #expect(group.position == RuleTestPosition(line: 2, column: 5))
        #expect(group.inputSeries[0].position == RuleTestPosition(line: 4, column: 9))
        #expect(group.promqlExprTests[0].position == RuleTestPosition(line: 7, column: 9))
        // The expression's own text starts after the quote.
        #expect(group.promqlExprTests[0].exprPosition == RuleTestPosition(line: 7, column: 16))
    }

    @Test func defaults() throws {
        let file = try load("""
            evaluation_interval: 2m
            tests:
              - input_series: [{series: a, values: '1 2 3'}]
              - interval: 15s
            """)
        #expect(file.evaluationInterval == 2 * Self.minute)
        // No interval: the evaluation interval, as newer promtool does.
        #expect(file.tests.map(\.interval) == [2 * Self.minute, 15_000_000_000])
        #expect(file.tests[0].name == "")
        #expect(file.fuzzyCompare == false)

        let bare = try load("tests: [{}]")
        #expect(bare.evaluationInterval == Self.minute)
        #expect(bare.tests[0].interval == Self.minute)
        #expect(try load("").tests.isEmpty)
        #expect(try load("evaluation_interval: 0\ntests: []").evaluationInterval == Self.minute)
    }

    @Test func scalarsReadAsYAMLV2ReadsThemIntoPromtoolsFields() throws {
        let file = try load("""
            fuzzy_compare: yes
            tests:
              - name: 5
                input_series: [{series: s, values: 10}]
                alert_rule_test:
                  - eval_time:
                    alertname: A
                    exp_alerts:
                      - exp_labels: {severity: yes, n: 1, f: 1.50, z: ~}
                promql_expr_test:
                  - expr: s
                    exp_samples:
                      - {labels: s, value: 0x10}
                      - {labels: s, value: 010}
                      - {labels: s, value: 0b11}
                      - {labels: s, value: 1_000}
                      - {labels: s, value: 1e3}
                      - {labels: s, value: .5}
                      - {labels: s, value: -.inf}
                      - {labels: s, value: .nan}
                      - {labels: s, value: ~}
                      - {labels: s, value: -0}
                      - {labels: s}
            """)
        #expect(file.fuzzyCompare)
        let group = file.tests[0]
        #expect(group.name == "5")
        #expect(group.inputSeries[0].values == [.number(10)])
        #expect(group.alertRuleTests[0].evalTime == 0)
        #expect(group.alertRuleTests[0].expectedAlerts[0].labels.map(\.value) == ["A", "1.50", "1", "yes", ""])
        let values = group.promqlExprTests[0].expectedSamples.map(\.value)
        #expect(Array(values[0..<7]) == [16, 8, 3, 1000, 1000, 0.5, -.infinity])
        #expect(values[7].isNaN)
        #expect(Array(values[8...]) == [0, 0, 0])
        #expect(values[9].sign == .plus)
    }

    @Test func alertnameOverridesExpLabels() throws {
        let file = try load("""
            tests:
              - alert_rule_test:
                  - alertname: Real
                    exp_alerts: [{exp_labels: {alertname: Other, a: b}}]
            """)
        #expect(file.tests[0].alertRuleTests[0].expectedAlerts[0].labels == [
            Label(name: "a", value: "b"), Label(name: "alertname", value: "Real"),
        ])
    }

    @Test func mergeKeysAndOnlyTheFirstDocument() throws {
        let file = try load("""
            tests:
              - &base
                interval: 30s
                input_series: [{series: a, values: '1'}]
              - <<: *base
                name: second
              - <<: *base
                interval: 2m
            ---
            this: is ignored, as promtool reads one document
            """)
        #expect(file.tests.map(\.name) == ["", "second", ""])
        #expect(file.tests.map(\.interval) == [30_000_000_000, 30_000_000_000, 2 * Self.minute])
        #expect(file.tests[1].inputSeries.map(\.labels.metric) == ["a"])
    }

    @Test func ruleFilesAreJoinedWithTheTestFilesDirectoryAndGlobbed() throws {
        let yaml = "rule_files: ['api_rule?.yml', 'missing/*.yml', '\(PromtoolFixtures.path("api_rules.yml"))']\n"
        let file = try RuleTestFile.parse(yaml: yaml, path: PromtoolFixtures.path("x/../t.yml"))
        #expect(file.ruleFiles == [PromtoolFixtures.path("api_rules.yml"), PromtoolFixtures.path("api_rules.yml")])
        #expect(file.warnings == ["no file match pattern \(PromtoolFixtures.path("missing/*.yml"))"])
        let relative = try RuleTestFile.parse(yaml: "rule_files: [nothing.yml]", path: "t.yml")
        #expect(relative.warnings == ["no file match pattern nothing.yml"])
    }

    // MARK: Invalid files

    @Test(arguments: [
        ("rule_files: []\nfoo: 1\n", "2:1: field foo not found in the test file"),
        ("tests:\n  - interval: 1m\n    bogus: 2\n", "3:5: field bogus not found in a test group"),
        ("tests:\n  - input_series:\n      - series: s\n        extra: 1\n", "4:9: field extra not found in an input_series item"),
        ("tests:\n  - alert_rule_test:\n      - alertname: A\n        what: 1\n", "4:9: field what not found in an alert_rule_test item"),
        ("tests:\n  - alert_rule_test:\n      - alertname: A\n        exp_alerts:\n          - nope: 1\n",
         "5:13: field nope not found in an exp_alerts item"),
        ("tests:\n  - promql_expr_test:\n      - expr: x\n        exp_samples: [{labels: x, valeu: 1}]\n",
         "4:35: field valeu not found in an exp_samples item"),
        ("tests:\n  - promql_expr_test:\n      - expr: x\n        evaltime: 1m\n", "4:9: field evaltime not found in a promql_expr_test item"),
        ("start_timestamp: 0\n", "1:1: field start_timestamp not found in the test file"),
    ] as [(String, String)])
    func unknownFields(yaml: String, expected: String) {
        let message = error(yaml)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }

    @Test(arguments: [
        ("evaluation_interval: 30\n", "1:22: not a valid duration string: \"30\""),
        ("evaluation_interval: '-1m'\n", "1:22: not a valid duration string: \"-1m\""),
        ("evaluation_interval: 1.5m\n", "1:22: not a valid duration string: \"1.5m\""),
        ("evaluation_interval: \"\"\n", "1:22: empty duration string"),
        ("evaluation_interval: 1m1h\n", "1:22: not a valid duration string: \"1m1h\""),
        ("tests:\n  - alert_rule_test: [{alertname: A, eval_time: 5}]\n", "2:49: not a valid duration string: \"5\""),
    ] as [(String, String)])
    func badDurations(yaml: String, expected: String) {
        #expect(error(yaml) == expected)
    }

    @Test(arguments: [
        ("tests: 5\n", "1:8: expected a list, got the scalar \"5\""),
        ("tests:\n  - input_series: {a: 1}\n", "2:19: expected a list, got a mapping"),
        ("tests:\n  - name: [1]\n", "2:11: expected a string, got a list"),
        ("- a\n- b\n", "1:1: expected the test file as a mapping of fields, got a list"),
        ("tests:\n  - promql_expr_test: [{exp_samples: [{value: \"1\"}]}]\n", "2:47: cannot read \"1\" as a number"),
        ("tests:\n  - promql_expr_test: [{exp_samples: [{value: NaN}]}]\n", "2:47: cannot read \"NaN\" as a number"),
        ("tests:\n  - promql_expr_test: [{exp_samples: [{value: Inf}]}]\n", "2:47: cannot read \"Inf\" as a number"),
        ("tests:\n  - promql_expr_test: [{exp_samples: [{value: true}]}]\n", "2:47: cannot read \"true\" as a number"),
        ("tests:\n  - promql_expr_test: [{exp_samples: [{value: 1e400}]}]\n", "2:47: cannot read \"1e400\" as a number"),
        ("fuzzy_compare: maybe\n", "1:16: expected true or false"),
    ] as [(String, String)])
    func wrongTypes(yaml: String, expected: String) {
        #expect(error(yaml) == expected)
    }

    @Test func yamlSyntaxAndDuplicateKeys() {
        #expect(error("tests:\n  - interval: 1m\n   name: x\n")?.hasPrefix("3:4: YAML: ") == true)
        #expect(error("tests:\n  - interval: 1m\n    interval: 2m\n")?.contains("\"interval\" given more than once") == true)
        #expect(error("tests: [\n")?.hasPrefix("2:1: YAML: ") == true)
    }

    @Test(arguments: [
        // Plain, single- and double-quoted: the column is that of the offending character.
        ("  - series: up{job!=\"a\"}\n", "4:19: series \"up{job!=\\\"a\\\"}\": unexpected \"!=\" in label set, expected \"=\""),
        ("  - series: 'up{job=\"a\",job=\"b\"}'\n", "4:25: series \"up{job=\\\"a\\\",job=\\\"b\\\"}\": label \"job\" is given more than once"),
        ("  - series: \"{}\"\n", "4:14: series \"{}\": series has no metric name and no labels"),
        ("  - values: '1'\n", "4:5: series \"\": series has no metric name and no labels"),
        ("  - series: up\n    values: 1 2x 3\n", "5:17: unexpected \" \" in series values"),
        ("  - series: up\n    values: '1 2 foo'\n", "5:18: unexpected identifier \"foo\" in series values, expected number or \"stale\""),
        // Escapes in a double-quoted scalar move the text, so the error points at the scalar instead.
        ("  - series: up\n    values: \"\\x31 foo\"\n", "5:13: unexpected identifier \"foo\" in series values, expected number or \"stale\""),
    ] as [(String, String)])
    func badSeriesPointIntoTheScalar(entry: String, expected: String) {
        #expect(error("tests:\n- interval: 1m\n  input_series:\n" + entry) == expected)
    }

    @Test func badExpectedSampleLabels() {
        let yaml = """
            tests:
              - promql_expr_test:
                  - expr: up
                    exp_samples:
                      - labels: 'up{job="a"'
            """
        #expect(error(yaml) == "5:32: labels \"up{job=\\\"a\\\"\": unexpected end of input inside braces")
    }

    @Test func missingAlertnameAsPromtoolWordsIt() {
        let yaml = """
            tests:
              - name: T
                alert_rule_test:
                  - eval_time: 1m30s
                    exp_alerts: []
            """
        #expect(error(yaml) == "4:9: an item under alert_rule_test misses required attribute alertname at eval_time 1m30s (in TestGroup T)")
        #expect(error("tests:\n  - alert_rule_test: [{eval_time: 2m}]\n")
            == "2:23: an item under alert_rule_test misses required attribute alertname at eval_time 2m")
    }

    @Test func repeatedGroupInEvaluationOrder() {
        #expect(error("group_eval_order: [a, b, a]\n") == "1:26: group name repeated in evaluation order: a")
    }

    @Test func unreadableFileHasNoPosition() {
        #expect(throws: RuleTestFileError.self) { try RuleTestFile.load(path: "/nonexistent/t.yml") }
        do {
            _ = try RuleTestFile.load(path: "/nonexistent/t.yml")
        } catch {
            #expect(error.position == nil)
            #expect(error.description.hasPrefix("/nonexistent/t.yml: cannot read the file"))
        }
    }
}
