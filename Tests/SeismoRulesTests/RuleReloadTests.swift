import SeismoCore
import SeismoRules
import Testing

/// `RuleEngine.reload`: which alerts carry over a SIGHUP reload, which are resolved, which start afresh.
@Suite struct RuleReloadTests {
    private let s = EvaluationFixture.second

    private func rules(_ yaml: String) throws -> RuleSet {
        let (file, diagnostics) = RuleFileParser().parse(yaml, path: "reload.yml")
        try #require(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        return RuleSet(files: [file])
    }

    /// `cpu{host="a"}` at 95 every minute for an hour.
    private func fixture() -> EvaluationFixture {
        var fixture = EvaluationFixture()
        fixture.load(#"cpu{host="a"}"#, "95x60")
        return fixture
    }

    private func line(_ event: AlertEvent) -> String {
        "\(event.time / s) \(event.alert) \(event.state.rawValue) active=\(event.activeAt / s) "
            + event.labels.filter { $0.name != "alertname" }.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }

    private let before = """
        groups:
          - name: host
            interval: 1m
            rules:
              - alert: CPUHigh
                expr: cpu > 90
                for: 3m
                labels: {severity: page}
              - alert: CPUVeryHigh
                expr: cpu > 50
        """

    @Test func anAlertWithTheSameGroupNameAndLabelsKeepsItsStateUnderTheNewTiming() throws {
        let fixture = fixture()
        var engine = RuleEngine(ruleSet: try rules(before))
        var events: [String] = []
        engine.start(at: 0)
        engine.advance(to: 120 * s, store: fixture.store) { events.append(line($0)) }
        // CPUHigh has been pending since 0; `for` grows to 5m and the annotation changes: still pending since 0.
        let after = before.replacingOccurrences(of: "for: 3m", with: "for: 5m\n        annotations: {summary: hot}")
        engine.reload(try rules(after), at: 150 * s) { events.append(line($0)) }
        engine.advance(to: 360 * s, store: fixture.store) { events.append(line($0)) }
        #expect(events == [
            "0 CPUHigh pending active=0 host=a,severity=page",
            "0 CPUVeryHigh firing active=0 host=a",
            "300 CPUHigh firing active=0 host=a,severity=page",
        ])
        let active = engine.activeAlerts(named: "CPUHigh")
        #expect(active.map(\.annotations) == [[Label(name: "summary", value: "hot")]])
    }

    @Test func firingAlertsOfRemovedRulesAreResolvedAtTheReload() throws {
        let fixture = fixture()
        var engine = RuleEngine(ruleSet: try rules(before))
        var events: [String] = []
        engine.start(at: 0)
        engine.advance(to: 60 * s, store: fixture.store) { events.append(line($0)) }
        // CPUVeryHigh (firing) goes; CPUHigh (pending) changes its labels, so it is a new rule: its pending alert
        // ends silently and the new one starts pending at the next evaluation.
        let after = """
            groups:
              - name: host
                interval: 1m
                rules:
                  - alert: CPUHigh
                    expr: cpu > 90
                    for: 3m
                    labels: {severity: ticket}
            """
        engine.reload(try rules(after), at: 90 * s) { events.append(line($0)) }
        engine.advance(to: 120 * s, store: fixture.store) { events.append(line($0)) }
        #expect(events == [
            "0 CPUHigh pending active=0 host=a,severity=page",
            "0 CPUVeryHigh firing active=0 host=a",
            "90 CPUVeryHigh resolved active=0 host=a",
            "120 CPUHigh pending active=120 host=a,severity=ticket",
        ])
    }

    @Test func aRenamedGroupStartsAfresh() throws {
        let fixture = fixture()
        var engine = RuleEngine(ruleSet: try rules(before))
        var events: [String] = []
        engine.start(at: 0)
        engine.advance(to: 60 * s, store: fixture.store) { events.append(line($0)) }
        engine.reload(try rules(before.replacingOccurrences(of: "name: host", with: "name: hosts")), at: 90 * s) {
            events.append(line($0))
        }
        engine.advance(to: 120 * s, store: fixture.store) { events.append(line($0)) }
        #expect(events == [
            "0 CPUHigh pending active=0 host=a,severity=page",
            "0 CPUVeryHigh firing active=0 host=a",
            "90 CPUVeryHigh resolved active=0 host=a",
            "120 CPUHigh pending active=120 host=a,severity=page",
            "120 CPUVeryHigh firing active=120 host=a",
        ])
    }

    @Test func retimingKeepsTheFlapHistoryCutToTheNewWindow() {
        var lifecycle = AlertLifecycle(timing: AlertTiming(flapWindow: 8, flapThreshold: 0.5))
        for (i, condition) in [true, false, true, false, true, false, true, false].enumerated() {
            _ = lifecycle.evaluate(at: Int64(i) * 60 * s, active: condition, value: 1)
        }
        #expect(lifecycle.flapping)
        // A 4-evaluation window keeps the last 4 changes: still flapping at the next change.
        var narrower = lifecycle.retimed(AlertTiming(flapWindow: 4, flapThreshold: 0.5))
        _ = narrower.evaluate(at: 480 * s, active: true, value: 1)
        #expect(narrower.flapping)
        // Turning flap detection off forgets the history.
        var off = lifecycle.retimed(AlertTiming())
        _ = off.evaluate(at: 480 * s, active: true, value: 1)
        #expect(!off.flapping)
    }
}
