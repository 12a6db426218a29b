import SeismoRules
import Testing

/// Rule files as Prometheus documents them load into the model, and every problem Prometheus reports is found at
/// its exact line and column.
@Suite struct RuleFileParserTests {
    /// Parses `yaml` as `t.yml`; diagnostics as printed.
    static func parse(_ yaml: String) -> (file: RuleFile, problems: [String]) {
        let (file, diagnostics) = RuleFileParser().parse(yaml, path: "t.yml")
        return (file, diagnostics.map(\.description))
    }

    // MARK: Valid files from the Prometheus documentation

    @Test func recordingRuleExampleFromTheDocs() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: example
                rules:
                - record: code:prometheus_http_requests_total:sum
                  expr: sum by (code) (prometheus_http_requests_total)
            """)
        #expect(problems == [])
        let group = try #require(file.groups.first)
        #expect(group.name == "example")
        #expect(group.interval == nil)
        #expect(group.limit == 0)
        #expect(group.position == RuleFilePosition(line: 2, column: 11))
        guard case .recording(let rule) = try #require(group.rules.first) else {
            Issue.record("expected a recording rule")
            return
        }
        #expect(rule.record == "code:prometheus_http_requests_total:sum")
        #expect(rule.expr == "sum by (code) (prometheus_http_requests_total)")
        #expect(rule.expression == (try PromQLParser.parse(rule.expr)))
        #expect(rule.position == RuleFilePosition(line: 4, column: 7))
        #expect(file.ruleCount == 1)
    }

    @Test func alertingRuleExampleFromTheDocs() throws {
        let (file, problems) = Self.parse("""
            groups:
            - name: example
              labels:
                team: myteam
              rules:
              - alert: HighRequestLatency
                expr: job:request_latency_seconds:mean5m{job="myjob"} > 0.5
                for: 10m
                keep_firing_for: 5m
                labels:
                  severity: page
                annotations:
                  summary: High request latency
            """)
        #expect(problems == [])
        let group = try #require(file.groups.first)
        #expect(group.labels == ["team": "myteam"])
        guard case .alerting(let rule) = try #require(group.rules.first) else {
            Issue.record("expected an alerting rule")
            return
        }
        #expect(rule.alert == "HighRequestLatency")
        #expect(rule.expr == #"job:request_latency_seconds:mean5m{job="myjob"} > 0.5"#)
        #expect(rule.for == 600_000_000_000)
        #expect(rule.keepFiringFor == 300_000_000_000)
        #expect(rule.labels == ["severity": "page"])
        #expect(rule.annotations == ["summary": "High request latency"])
    }

    @Test func templatingExampleFromTheDocs() throws {
        let (file, problems) = Self.parse("""
            groups:
            - name: example
              rules:

              # Alert for any instance that is unreachable for >5 minutes.
              - alert: InstanceDown
                expr: up == 0
                for: 5m
                labels:
                  severity: page
                annotations:
                  summary: "Instance {{ $labels.instance }} down"
                  description: "{{ $labels.instance }} of job {{ $labels.job }} has been down for more than 5 minutes."

              # Alert for any instance that has a median request latency >1s.
              - alert: APIHighRequestLatency
                expr: api_http_request_latencies_second{quantile="0.5"} > 1
                for: 10m
                annotations:
                  summary: "High request latency on {{ $labels.instance }}"
                  description: "{{ $labels.instance }} has a median request latency above 1s (current value: {{ $value }}s)"
            """)
        #expect(problems == [])
        #expect(file.groups.first?.rules.map(\.name) == ["InstanceDown", "APIHighRequestLatency"])
        #expect(file.groups.first?.rules.first?.labels == ["severity": "page"])
    }

    @Test func everyGroupSettingPrometheusKnows() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: settings
                interval: 1m30s
                query_offset: 1m
                limit: 10
                labels: {tier: backend}
                rules:
                  - record: a:b
                    expr: vector(1)
                    labels: {copy: "yes"}
            """)
        #expect(problems == [])
        let group = try #require(file.groups.first)
        #expect(group.interval == 90_000_000_000)
        #expect(group.queryOffset == 60_000_000_000)
        #expect(group.limit == 10)
        #expect(group.labels == ["tier": "backend"])
        #expect(group.rules.first?.labels == ["copy": "yes"])
    }

    @Test func emptyFilesAndEmptyListsAreValid() {
        for yaml in ["", "# nothing yet\n", "groups:\n", "groups: []\n", "groups:\n  - name: g\n    rules:\n"] {
            let (file, problems) = Self.parse(yaml)
            #expect(problems == [], "\(yaml)")
            #expect(file.ruleCount == 0)
        }
    }

    @Test func multiLineExpressionsInBlockScalarsKeepTheirText() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                rules:
                  - record: job:errors:ratio
                    expr: |
                      sum by (job) (rate(errors_total[5m]))
                        /
                      sum by (job) (rate(requests_total[5m]))
            """)
        #expect(problems == [])
        #expect(file.groups.first?.rules.first?.expr.hasPrefix("sum by (job) (rate(errors_total[5m]))\n  /\n") == true)
    }

    @Test func anchorsAndMergeKeysAreFollowed() throws {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                rules:
                  - &base
                    alert: A
                    expr: up == 0
                    labels: {severity: page}
                  - <<: *base
                    alert: B
            """)
        #expect(problems == [])
        #expect(file.groups.first?.rules.map(\.name) == ["A", "B"])
        #expect(file.groups.first?.rules.last?.labels == ["severity": "page"])
    }

    // MARK: Problems, each at its position

    /// A file with one problem and the diagnostic it must give.
    @Test(arguments: [
        // YAML itself.
        ("groups:\n  - name: g\n    rules: [\n", "t.yml:4:1: yaml: did not find expected node content (while parsing a flow node at line 4, column 1)"),
        ("groups:\n  - name: g\n   bad: 1\n", "t.yml:3:4: yaml: did not find expected '-' indicator (while parsing a block collection at line 2, column 3)"),
        ("groups:\n\t- name: g\n", "t.yml:2:1: yaml: found character that cannot start any token (while scanning for the next token at line 2, column 1)"),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        expr: down\n",
            "t.yml:6:9: yaml: mapping key \"expr\" already defined at line 5"
        ),
        // Unknown fields, at the key.
        ("groups:\n  - name: g\n    rule: []\n", "t.yml:3:5: group \"g\": field rule not found in rule group (did you mean rules?)"),
        ("group:\n  - name: g\n", "t.yml:1:1: field group not found in rule file (did you mean groups?)"),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        severity: page\n",
            "t.yml:6:9: group \"g\", rule 1, \"A\": field severity not found in rule"
        ),
        // Wrong types, at the value.
        ("groups:\n  name: g\n", "t.yml:2:3: field groups: expected a list, got a mapping"),
        ("groups:\n  - name: [a, b]\n", "t.yml:2:11: field name: expected a string, got a list"),
        ("groups:\n  - name: g\n    limit: ten\n", "t.yml:3:12: group \"g\": field limit: expected an integer, got the string \"ten\""),
        ("groups:\n  - name: g\n    limit: -1\n", "t.yml:3:12: group \"g\": field limit must not be negative"),
        ("groups:\n  - name: g\n    labels: [a]\n", "t.yml:3:13: group \"g\": field labels: expected a mapping of names to strings, got a list"),
        ("groups:\n  - name: g\n    rules:\n      - up == 0\n", "t.yml:4:9: group \"g\", rule 1, \"\": expected rule as a mapping, got the string \"up == 0\""),
        // Durations.
        ("groups:\n  - name: g\n    interval: 5 minutes\n", "t.yml:3:15: group \"g\": field interval: invalid duration \"5 minutes\" (expected e.g. 30s, 5m, 1h30m, 250ms)"),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        for: 5x\n",
            "t.yml:6:14: group \"g\", rule 1, \"A\": field for: invalid duration \"5x\" (expected e.g. 30s, 5m, 1h30m, 250ms)"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        keep_firing_for: 1m1h\n",
            "t.yml:6:26: group \"g\", rule 1, \"A\": field keep_firing_for: invalid duration \"1m1h\" (expected e.g. 30s, 5m, 1h30m, 250ms)"
        ),
        // Group names.
        ("groups:\n  - name: \"\"\n", "t.yml:2:11: group name must not be empty"),
        ("groups:\n  - rules: []\n", "t.yml:2:5: group name must not be empty"),
        ("groups:\n  - name: g\n  - name: h\n  - name: g\n", "t.yml:4:11: group name \"g\" is repeated in the same file (first at line 2)"),
        // record and alert.
        (
            "groups:\n  - name: g\n    rules:\n      - record: a\n        alert: B\n        expr: up\n",
            "t.yml:4:9: group \"g\", rule 1, \"B\": only one of 'record' and 'alert' must be set"
        ),
        ("groups:\n  - name: g\n    rules:\n      - expr: up\n", "t.yml:4:9: group \"g\", rule 1, \"\": one of 'record' or 'alert' must be set"),
        (
            "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n        for: 5m\n",
            "t.yml:6:9: group \"g\", rule 1, \"a\": invalid field 'for' in recording rule"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n        keep_firing_for: 5m\n",
            "t.yml:6:9: group \"g\", rule 1, \"a\": invalid field 'keep_firing_for' in recording rule"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n        annotations: {x: y}\n",
            "t.yml:6:9: group \"g\", rule 1, \"a\": invalid field 'annotations' in recording rule"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - record: job-errors\n        expr: up\n",
            "t.yml:4:17: group \"g\", rule 1, \"job-errors\": invalid recording rule name: job-errors"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - record: seismo_anomaly\n        expr: up\n",
            "t.yml:4:17: group \"g\", rule 1, \"seismo_anomaly\": seismo_anomaly is a series Seismo publishes itself; record under another name"
        ),
        // Label and annotation names.
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels:\n          bad-name: x\n",
            "t.yml:7:11: group \"g\", rule 1, \"A\": invalid label name: bad-name"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels: {__name__: x}\n",
            "t.yml:6:18: group \"g\", rule 1, \"A\": invalid label name: __name__"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations: {1st: x}\n",
            "t.yml:6:23: group \"g\", rule 1, \"A\": invalid annotation name: 1st"
        ),
        ("groups:\n  - name: g\n    labels: {0: x}\n", "t.yml:3:14: group \"g\": invalid label name: 0"),
        // Expressions: missing, and at the parser's position inside the value.
        ("groups:\n  - name: g\n    rules:\n      - alert: A\n", "t.yml:4:9: group \"g\", rule 1, \"A\": field 'expr' must be set in rule"),
        ("groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: \"\"\n", "t.yml:5:15: group \"g\", rule 1, \"A\": field 'expr' must be set in rule"),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x[5m) > 1\n",
            "t.yml:5:24: group \"g\", rule 1, \"A\": could not parse expression: unexpected character in duration expression: ')'"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: 'sum(up{job=\"a\"}'\n",
            "t.yml:5:31: group \"g\", rule 1, \"A\": could not parse expression: unclosed left parenthesis"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: |\n          sum(up)\n            / bogus(x)\n",
            "t.yml:7:15: group \"g\", rule 1, \"a\": could not parse expression: unknown function with name \"bogus\""
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: >\n          sum(up)\n            / bogus(x)\n",
            "t.yml:5:15: group \"g\", rule 1, \"a\": could not parse expression: unknown function with name \"bogus\" (at 2:5 of the value)"
        ),
        // Templates, at the offending character.
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: \"{{ $labels.instance\"\n",
            "t.yml:7:21: group \"g\", rule 1, \"A\": annotation \"summary\": template: unclosed action"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: \"{{ $labels.instance }\"\n",
            "t.yml:7:41: group \"g\", rule 1, \"A\": annotation \"summary\": template: unrecognized character in action: U+007D '}'"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        labels:\n          value: '{{ $value | humanise }}'\n",
            "t.yml:7:31: group \"g\", rule 1, \"A\": label \"value\": template: function \"humanise\" not defined"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          description: |\n            Down:\n            {{ if $value }}yes\n",
            "t.yml:9:13: group \"g\", rule 1, \"A\": annotation \"description\": template: unexpected EOF: {{if}} has no matching {{end}}"
        ),
        (
            "groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: Host {{ $label.host }} down\n",
            "t.yml:7:28: group \"g\", rule 1, \"A\": annotation \"summary\": template: undefined variable \"$label\""
        ),
    ])
    func problemIsReportedAtItsPosition(yaml: String, expected: String) {
        let (_, problems) = Self.parse(yaml)
        #expect(problems == [expected])
    }

    @Test func templatesOfRecordingRulesAreNotChecked() {
        // Prometheus expands templates only for alerts; a recording rule's label is taken as written.
        let (_, problems) = Self.parse("groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n        labels: {x: \"{{\"}\n")
        #expect(problems == [])
    }

    @Test func everyProblemInAFileIsReportedInPositionOrder() {
        let (file, problems) = Self.parse("""
            groups:
              - name: g
                interval: soon
                rules:
                  - alert: A
                    expr: up ==
                  - record: b
                    expr: up
                    for: 1m
              - name: g
            """)
        #expect(problems == [
            "t.yml:3:15: group \"g\": field interval: invalid duration \"soon\" (expected e.g. 30s, 5m, 1h30m, 250ms)",
            "t.yml:6:20: group \"g\", rule 1, \"A\": could not parse expression: unexpected end of input",
            "t.yml:9:9: group \"g\", rule 2, \"b\": invalid field 'for' in recording rule",
            "t.yml:10:11: group name \"g\" is repeated in the same file (first at line 2)",
        ])
        // Only what is sound gets into the model.
        #expect(file.groups.count == 2)
        #expect(file.groups.first?.rules.map(\.name) == ["b"])
    }

    @Test func duplicateRulesAreAWarningAsInPromtool() throws {
        let (file, diagnostics) = RuleFileParser().parse("""
            groups:
              - name: a
                labels: {team: x}
                rules:
                  - record: job:up
                    expr: up
              - name: b
                rules:
                  - record: job:up
                    expr: sum(up)
                    labels: {team: x}
                  - record: job:up
                    expr: up
            """, path: "t.yml")
        #expect(diagnostics.map(\.description) == [
            "t.yml:9:9: warning: group \"b\", rule 1, \"job:up\": duplicate rule: same name and labels as group \"a\", rule 1 (line 5)"
        ])
        #expect(diagnostics.allSatisfy { !$0.isError })
        #expect(file.ruleCount == 3)
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes in UTF-8; YAML columns and the reported column count it once.
        let (_, problems) = Self.parse("groups:\n  - name: é\n    rules:\n      - alert: é\n        expr: é_x\n")
        #expect(problems == ["t.yml:5:15: group \"é\", rule 1, \"é\": could not parse expression: unexpected character: 'é'"])
    }
}
