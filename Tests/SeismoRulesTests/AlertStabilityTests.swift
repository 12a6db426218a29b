import SeismoCore
import SeismoRules
import Testing

/// `clear:` (hysteresis) and `flapping:` (flap detection) on alerting rules: how they load, what `seismo check`
/// says about mistakes, and how the rule engine applies them.
@Suite struct AlertStabilityTests {
    private let s = EvaluationFixture.second

    private func alertingRule(_ yaml: String) throws -> AlertingRule {
        let (file, problems) = RuleFileParserTests.parse(yaml)
        try #require(problems == [])
        guard case .alerting(let rule) = try #require(file.groups.first?.rules.first) else {
            throw RuleTestError.notAlerting
        }
        return rule
    }

    private enum RuleTestError: Error { case notAlerting }

    private func rule(_ expr: String, _ extra: String) -> String {
        """
        groups:
          - name: g
            rules:
              - alert: A
                expr: \(expr)
        \(extra)
        """
    }

    // MARK: Loading

    @Test(arguments: [
        ("cpu > 90", "80", "(cpu) < 80.0"),
        ("cpu >= 90", "80", "(cpu) < 80.0"),
        ("90 < cpu", "80", "(cpu) < 80.0"),
        ("free_bytes < 1e9", "2e9", "(free_bytes) > 2000000000.0"),
        ("(rate(errors[5m]) > 0.5)", "0.25", "(rate(errors[5m])) < 0.25"),
    ])
    func aClearThresholdCrossesBackOverTheComparison(expr: String, clear: String, expected: String) throws {
        let loaded = try alertingRule(rule(expr, "        clear: \(clear)"))
        #expect(loaded.clear == (try PromQLParser.parse(expected)))
    }

    @Test func aClearExpressionAndFlappingLoad() throws {
        let loaded = try alertingRule(rule("cpu > 90", """
                    clear: cpu < 70 and on (host) load < 2
                    flapping: {window: 10, threshold: 0.3}
            """))
        #expect(loaded.clear == (try PromQLParser.parse("cpu < 70 and on (host) load < 2")))
        #expect(loaded.flapDetection == FlapDetection(window: 10, threshold: 0.3))
        #expect(loaded.timing == AlertTiming(flapWindow: 10, flapThreshold: 0.3))
        // The threshold defaults to half the window.
        let defaulted = try alertingRule(rule("cpu > 90", "        flapping: {window: 6}"))
        #expect(defaulted.flapDetection == FlapDetection(window: 6, threshold: 0.5))
    }

    @Test(arguments: [
        ("cpu > 90", "        clear: 80 + 1 >", "t.yml:6:24: group \"g\", rule 1, \"A\": could not parse expression: unexpected end of input"),
        ("cpu > 90", "        clear: '1'", "t.yml:6:16: group \"g\", rule 1, \"A\": clear must be an instant vector expression (the label sets that may resolve), got scalar"),
        ("cpu and mem", "        clear: 80", "t.yml:6:16: group \"g\", rule 1, \"A\": clear: a threshold needs expr to compare an expression with a number, such as cpu > 90; give the clear condition as an expression instead"),
        ("cpu > 90", "        flapping: {window: 1}", "t.yml:6:28: group \"g\", rule 1, \"A\": flapping: window must be 2 to 64 evaluations, got 1"),
        ("cpu > 90", "        flapping: {window: 8, threshold: 1.5}", "t.yml:6:42: group \"g\", rule 1, \"A\": flapping: threshold must be a share of evaluations above 0 and at most 1, got 1.5"),
        ("cpu > 90", "        flapping: {threshold: 0.5}", "t.yml:6:19: group \"g\", rule 1, \"A\": flapping: field window must be set (a number of evaluations)"),
        ("cpu > 90", "        flapping: {windw: 8}", "t.yml:6:20: group \"g\", rule 1, \"A\": field windw not found in flapping (did you mean window?)"),
    ])
    func mistakesAreReportedAtTheirPosition(expr: String, extra: String, expected: String) {
        let (_, problems) = RuleFileParserTests.parse(rule(expr, extra))
        #expect(problems.contains(expected), "\(problems)")
    }

    @Test func recordingRulesTakeNeither() {
        let (_, problems) = RuleFileParserTests.parse("""
            groups:
              - name: g
                rules:
                  - record: r
                    expr: cpu
                    clear: 1
                    flapping: {window: 4}
            """)
        #expect(problems == [
            "t.yml:6:9: group \"g\", rule 1, \"r\": invalid field 'clear' in recording rule",
            "t.yml:7:9: group \"g\", rule 1, \"r\": invalid field 'flapping' in recording rule",
        ])
    }

    // MARK: Evaluation

    /// Evaluates `yaml` every minute from 0 through `minutes` and lists the events as `minute state [flapping]`.
    private func events(_ yaml: String, _ fixture: EvaluationFixture, minutes: Int64) throws -> [String] {
        let (file, problems) = RuleFileParserTests.parse(yaml)
        try #require(problems == [])
        var engine = RuleEngine(ruleSet: RuleSet(files: [file]))
        var out: [String] = []
        engine.start(at: 0)
        engine.advance(to: minutes * 60 * s, store: fixture.store) { event in
            let host = event.labels.first { $0.name == "host" }?.value ?? ""
            out.append("\(event.time / s / 60) \(host) \(event.state.rawValue)\(event.flapping ? " flapping" : "")")
        }
        return out
    }

    @Test func aFiringAlertResolvesOnlyOnceTheClearThresholdIsCrossedForItsLabels() throws {
        var fixture = EvaluationFixture()
        fixture.load(#"cpu{host="a"}"#, "95 85 85 75 75")
        fixture.load(#"cpu{host="b"}"#, "95 70 70 70 70")
        let yaml = rule("cpu > 90", "        clear: 80")
        // a: fires at 0, stops holding at 1 but stays above 80 until 3. b: below 80 at once.
        #expect(try events(yaml, fixture, minutes: 4) == ["0 a firing", "0 b firing", "1 b resolved", "3 a resolved"])
        // Without clear both resolve as soon as the condition stops.
        // (Alerts that stop at one evaluation are reported in fingerprint order.)
        #expect(try events(rule("cpu > 90", ""), fixture, minutes: 4).sorted() == [
            "0 a firing", "0 b firing", "1 a resolved", "1 b resolved",
        ])
    }

    @Test func aFlappingAlertIsHeldFiringAndMarked() throws {
        var fixture = EvaluationFixture()
        fixture.load(#"cpu{host="a"}"#, "95 50 95 50 95 50 95 50 50 50 50 50 50 50")
        let yaml = rule("cpu > 90", "        flapping: {window: 6, threshold: 0.5}")
        // As `AlertLifecycleTests.flappingAlertIsHeldFiringAndMarked`, through the rule file and the engine.
        #expect(try events(yaml, fixture, minutes: 13) == [
            "0 a firing", "1 a resolved", "2 a firing", "3 a resolved", "4 a firing", "5 a firing flapping",
            "11 a firing", "12 a resolved",
        ])
    }
}
