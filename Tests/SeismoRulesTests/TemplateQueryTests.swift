import SeismoCore
import SeismoRules
import Testing

/// Prometheus's query functions in alert templates: `query` runs an instant query on the store at the rule's
/// evaluation time; `first`, `label`, `value`, `strvalue` and `sortByLabel` take its result apart. Errors read
/// as Prometheus's (`templates_test.yml`'s sibling `template_query_test.yml` checks them against promtool).
@Suite struct TemplateQueryTests {
    private let s = EvaluationFixture.second

    /// Three `peer` series, a minute apart: 10 11 12 (host a), 20 21 22 (host b), 30 31 32 (host c); and a
    /// `build_info` with a `__value__` label, which `strvalue` reads.
    private func fixture() -> EvaluationFixture {
        var fixture = EvaluationFixture()
        fixture.load(#"peer{host="b", order="2"}"#, "20 21 22")
        fixture.load(#"peer{host="a", order="3"}"#, "10 11 12")
        fixture.load(#"peer{host="c", order="1"}"#, "30 31 32")
        fixture.load(#"build_info{__value__="v1.2"}"#, "1 1 1")
        return fixture
    }

    private let data = AlertTemplate.Data(labels: ["job": "api"], value: 1, alertName: "Q")

    private func expand(_ template: String, at seconds: Int64 = 120) -> String {
        let query = AlertTemplate.Query(evaluator: PromQLEvaluator(), store: fixture().store, time: seconds * s)
        return AlertTemplate.expand(template, data, query: query)
    }

    private func failure(at column: Int, _ command: String, _ message: String) -> String {
        "<error expanding template: error executing template __alert_Q: template: __alert_Q:1:\(column): "
            + "executing \"__alert_Q\" at <\(command)>: \(message)>"
    }

    @Test(arguments: [
        (#"{{ query "peer{host=\"b\"}" | first | value }}"#, "22"),
        (#"{{ query "sum(peer)" | first | value }}"#, "66"),
        (#"{{ (query "max(peer)" | first).Value | humanize }}"#, "32"),
        (#"{{ query "peer" | len }} {{ query "nothing" | len }}"#, "3 0"),
        // A scalar is one sample without labels.
        (#"{{ query "scalar(max(peer))" | first }} {{ query "time()" | first | value }}"#, "{map[] 32} 120"),
        // Printed directly, Go looks through the pointer; `print` and `printf` do not.
        (#"{{ query "peer{host=\"a\"}" | first }}"#, "{map[__name__:peer host:a order:3] 12}"),
        (#"{{ query "peer{host=\"a\"}" | first | print }}"#, "&{map[__name__:peer host:a order:3] 12}"),
        (#"{{ if query "nothing" }}some{{ else }}none{{ end }} {{ if query "peer" }}some{{ end }}"#, "none some"),
    ])
    func queryRunsAnInstantQueryAtTheEvaluationTime(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test func theQueryTimeIsTheRulesEvaluationTime() {
        let template = #"{{ query "peer{host=\"c\"}" | first | value }}"#
        #expect(expand(template, at: 0) == "30")
        #expect(expand(template, at: 60) == "31")
        #expect(expand(template, at: 90) == "31")
    }

    @Test(arguments: [
        (#"{{ query "peer{host=\"c\"}" | first | label "order" }}"#, "1"),
        (#"{{ with query "max by (host) (peer) > 25" | first }}{{ label "host" . }}{{ end }}"#, "c"),
        (#"{{ query "sum(peer)" | first | label "host" }}|"#, "|"),
        (#"{{ query "build_info" | first | strvalue }} [{{ query "peer{host=\"a\"}" | first | strvalue }}]"#, "v1.2 []"),
        (#"{{ index (query "peer") 1 | value }}"#, "22"),
    ])
    func labelValueAndStrvalueReadOneSample(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test func rangeVisitsEverySampleWithItsIndex() {
        #expect(expand(#"{{ range query "peer" }}{{ .Labels.host }}={{ .Value }} {{ end }}"#) == "a=12 b=22 c=32 ")
        #expect(expand(#"{{ range $i, $s := query "peer > 15" }}{{ $i }}:{{ $s.Labels.host }} {{ end }}"#) == "0:b 1:c ")
        #expect(expand(#"{{ range query "peer > 100" }}{{ .Value }}{{ else }}none{{ end }}"#) == "none")
    }

    @Test func sortByLabelSortsStablyByTheLabelsValue() {
        #expect(expand(#"{{ range sortByLabel "order" (query "peer") }}{{ .Labels.host }}{{ end }}"#) == "cba")
        #expect(expand(#"{{ range query "peer" | sortByLabel "host" }}{{ .Labels.order }}{{ end }}"#) == "321")
        // Equal values (here a label none has) keep the query's order.
        #expect(expand(#"{{ range sortByLabel "zone" (query "peer") }}{{ .Labels.host }}{{ end }}"#) == "abc")
        #expect(expand(#"{{ sortByLabel "host" (query "nothing") | len }}"#) == "0")
    }

    @Test func firstOfAnEmptyResultFailsAsInPrometheus() {
        #expect(expand(#"{{ query "nothing" | first | value }}"#)
            == failure(at: 133, "first", "error calling first: first() called on vector with no elements"))
        // The error makes the whole text, not just the action.
        #expect(expand(#"before {{ first (query "peer > 100") }} after"#)
            == failure(at: 122, #"first (query "peer > 100")"#, "error calling first: first() called on vector with no elements"))
    }

    @Test func aQueryThatFailsIsAnErrorCallingQuery() {
        #expect(expand(#"{{ query "peer{" }}"#)
            == failure(at: 115, #"query "peer{""#, "error calling query: 1:6: parse error: unexpected end of input inside braces"))
        #expect(expand(#"{{ query "\"text\"" }}"#)
            == failure(at: 115, #"query "\"text\"""#, "error calling query: rule result is not a vector or scalar"))
        #expect(expand(#"{{ query "peer[5m]" }}"#)
            == failure(at: 115, #"query "peer[5m]""#, "error calling query: rule result is not a vector or scalar"))
        let manyToMany = expand(#"{{ query "peer * on() group_left peer" }}"#)
        #expect(manyToMany.hasPrefix(String(failure(at: 115, #"query "peer * on() group_left peer""#, "error calling query: ").dropLast())))
    }

    @Test func argumentsOfTheWrongTypeFailAsInGo() {
        #expect(expand(#"{{ "abc" | first }}"#)
            == failure(at: 123, "first", "wrong type for value; expected template.queryResult; got string"))
        #expect(expand(#"{{ query "peer" | value }}"#)
            == failure(at: 130, "value", "wrong type for value; expected *template.sample; got template.queryResult"))
        #expect(expand(#"{{ value nil }}"#)
            == failure(at: 115, "value nil", "error calling value: runtime error: invalid memory address or nil pointer dereference"))
        #expect(expand(#"{{ first }}"#) == failure(at: 115, "first", "wrong number of args for first: want 1 got 0"))
        #expect(expand(#"{{ len (query "peer" | first) }}"#)
            == failure(at: 115, #"len (query "peer" | first)"#, "error calling len: len of type template.sample"))
        #expect(expand(#"{{ with query "peer" | first }}{{ .Foo }}{{ end }}"#)
            == failure(at: 146, ".Foo", "can't evaluate field Foo in type *template.sample"))
    }

    @Test func withoutAStoreQueryFails() {
        #expect(AlertTemplate.expand(#"{{ query "peer" | len }}"#, data)
            == failure(at: 115, #"query "peer""#, "error calling query: queries are not available where this template is expanded"))
    }

    // MARK: Through the rule engine

    private let rules = """
        groups:
          - name: peers
            interval: 1m
            rules:
              - alert: PeerLow
                expr: peer < 15
                labels:
                  peers: '{{ query "count(peer)" | first | value }}'
                annotations:
                  above: '{{ query "count(peer > 15)" | first | value }} of {{ query "peer" | len }} above 15'
                  hosts: '{{ range query "peer" | sortByLabel "order" }}{{ .Labels.host }} {{ end }}'
        """

    @Test func alertLabelsAndAnnotationsQueryTheStoreAtTheTick() throws {
        var fixture = EvaluationFixture()
        fixture.load(#"peer{host="a", order="2"}"#, "10 11 16")
        fixture.load(#"peer{host="b", order="1"}"#, "20 21 22")
        fixture.load(#"peer{host="c", order="3"}"#, "30 31 32")
        fixture.load(#"peer{host="d", order="0"}"#, "_ _ 40")
        let (file, diagnostics) = RuleFileParser().parse(rules, path: "peers.yml")
        // `seismo check` accepts the query functions.
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        var engine = RuleEngine(ruleSet: RuleSet(files: [file]))
        var events: [AlertEvent] = []
        engine.start(at: 0)
        engine.advance(to: 60 * s, store: fixture.store) { events.append($0) }
        let fired = try #require(events.first)
        #expect(fired.state == .firing)
        #expect(fired.labels.first { $0.name == "peers" }?.value == "3")
        #expect(fired.annotations == [
            Label(name: "above", value: "2 of 3 above 15"), Label(name: "hosts", value: "b a c "),
        ])
        // At 2m peer{host="a"} is 16: the alert resolves, its annotations as of its last evaluation (at 1m).
        engine.advance(to: 120 * s, store: fixture.store) { events.append($0) }
        #expect(events.map(\.state) == [.firing, .resolved])
        #expect(events.last?.annotations.first?.value == "2 of 3 above 15")
    }

    @Test func activeAlertsShowAnnotationsQueriedAtTheirLatestEvaluation() {
        var fixture = EvaluationFixture()
        fixture.load(#"peer{host="a", order="2"}"#, "10 11 12")
        fixture.load(#"peer{host="b", order="1"}"#, "20 21 _")
        fixture.load(#"peer{host="d", order="0"}"#, "_ _ 40")
        let (file, _) = RuleFileParser().parse(rules, path: "peers.yml")
        var engine = RuleEngine(ruleSet: RuleSet(files: [file]))
        engine.start(at: 0)
        engine.advance(to: 0, store: fixture.store) { _ in }
        #expect(engine.activeAlerts(named: "PeerLow").map(\.annotations) == [[
            Label(name: "above", value: "1 of 2 above 15"), Label(name: "hosts", value: "b a "),
        ]])
        engine.advance(to: 120 * s, store: fixture.store) { _ in }
        // peer{host="b"} is still within the lookback at 2m; peer{host="d"} appeared.
        let alert = engine.activeAlerts(named: "PeerLow")
        #expect(alert.map(\.annotations) == [[
            Label(name: "above", value: "2 of 3 above 15"), Label(name: "hosts", value: "d b a "),
        ]])
        #expect(alert.first?.labels.first { $0.name == "peers" }?.value == "3")
    }
}
