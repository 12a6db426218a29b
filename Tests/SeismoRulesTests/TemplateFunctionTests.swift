import SeismoCore
import SeismoRules
import Testing

/// The template functions beyond the humanize family, one test each: Prometheus's `args`, `graphLink`,
/// `tableLink`, `externalURL`, `pathPrefix`, `toTime`, `toDuration`, `now`, `urlUnescape`, and Go's `slice`, `js`
/// and `call`. Texts and errors are promtool 2.42's where it has the function (`template_functions_test.yml`
/// checks them against it); `now`, `toDuration` and `urlUnescape` are newer Prometheus's.
@Suite struct TemplateFunctionTests {
    private let s = EvaluationFixture.second
    private let data = AlertTemplate.Data(
        labels: ["instance": "db-1:9100", "job": "db"], value: 2.5, alertName: "F", time: 1_767_225_600 * 1_000_000_000
    )

    private func expand(_ template: String, _ data: AlertTemplate.Data? = nil) -> String {
        AlertTemplate.expand(template, data ?? self.data)
    }

    /// Prometheus's expansion error for a command starting at `column` of the first line.
    private func failure(at column: Int, _ command: String, _ message: String) -> String {
        "<error expanding template: error executing template __alert_F: template: __alert_F:1:\(column): "
            + "executing \"__alert_F\" at <\(command)>: \(message)>"
    }

    @Test(arguments: [
        (#"{{ args 1 "x" 2.5 $labels.job }}"#, "map[arg0:1 arg1:x arg2:2.5 arg3:db]"),
        (#"{{ args }}"#, "map[]"),
        (#"{{ with args $labels.instance $value }}{{ .arg0 }} at {{ .arg1 }}{{ end }}"#, "db-1:9100 at 2.5"),
        (#"{{ range $k, $v := args "a" "b" }}{{ $k }}={{ $v }};{{ end }}"#, "arg0=a;arg1=b;"),
        (#"{{ index (args "p" "q") "arg1" }} {{ len (args 1 2 3) }} {{ args (args 1) }}"#, "q 3 map[arg0:map[arg0:1]]"),
        // A missing key is a nil interface: `<no value>` printed, `<nil>` through print, and false.
        (#"[{{ (args 1).arg5 }}][{{ print (args 1).arg5 }}][{{ if (args 1).arg5 }}y{{ else }}n{{ end }}]"#, "[<no value>][<nil>][n]"),
        // The values keep their types: an int compares with an int, and humanize takes it.
        (#"{{ $a := args 3 "x" }}{{ eq $a.arg0 3 }} {{ $a.arg0 | humanize }} {{ printf "%d-%s" $a.arg0 $a.arg1 }}"#, "true 3 3-x"),
    ])
    func argsMapsItsArgumentsToArgN(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test func graphLinkAndTableLinkQueryEscapeTheExpression() {
        #expect(expand(#"{{ graphLink "rate(x{job=\"api\"}[5m]) > 0" }}"#)
            == "/graph?g0.expr=rate%28x%7Bjob%3D%22api%22%7D%5B5m%5D%29+%3E+0&g0.tab=0")
        #expect(expand(#"{{ tableLink "a b/é&=+~" }}"#) == "/graph?g0.expr=a+b%2F%C3%A9%26%3D%2B~&g0.tab=1")
        // Arguments that do not fit fail before the call, at the function's name, as in Go.
        #expect(expand("{{ graphLink }}") == failure(at: 115, "graphLink", "wrong number of args for graphLink: want 1 got 0"))
        #expect(expand("{{ $value | tableLink }}")
            == failure(at: 124, "tableLink", "wrong type for value; expected string; got float64"))
    }

    @Test func externalURLAndPathPrefixReadTheConfiguredURL() {
        var configured = data
        configured.configuredURL = AlertTemplate.ExternalURL("https://seismo.example.com/alerting/")
        configured.externalURL = "https://seismo.example.com/alerting"
        #expect(expand("{{ externalURL }} {{ pathPrefix }} {{ $externalURL }} {{ .ExternalURL }}", configured)
            == "https://seismo.example.com/alerting /alerting https://seismo.example.com/alerting https://seismo.example.com/alerting")
        // Without one (promtool's case) both fail as Prometheus does on its nil URL, and $externalURL is empty.
        #expect(expand("{{ externalURL }}")
            == failure(at: 115, "externalURL", "error calling externalURL: runtime error: invalid memory address or nil pointer dereference"))
        #expect(expand("{{ pathPrefix }}")
            == failure(at: 115, "pathPrefix", "error calling pathPrefix: runtime error: invalid memory address or nil pointer dereference"))
        #expect(expand("[{{ $externalURL }}]") == "[]")
        #expect(expand("{{ externalURL 1 }}") == failure(at: 115, "externalURL", "wrong number of args for externalURL: want 0 got 1"))
    }

    @Test(arguments: [
        ("http://host:9090", "http://host:9090", ""),
        ("http://host:9090/", "http://host:9090", ""),
        ("https://example.com/prom//", "https://example.com/prom", "/prom"),
        ("https://example.com/a%20b/c?x=1#top", "https://example.com/a%20b/c?x=1#top", "/a b/c"),
        ("seismo://node-1", "seismo://node-1", ""),
    ])
    func externalURLTrimsThePathAsPrometheusDoes(url: String, text: String, path: String) {
        let external = AlertTemplate.ExternalURL(url)
        #expect(external.text == text)
        #expect(external.path == path)
    }

    @Test(arguments: [
        ("{{ toTime 1767225600 }}", "2026-01-01 00:00:00 +0000 UTC"),
        (#"{{ toTime "1.5" }} {{ toTime -0.25 }} {{ toTime 0 }}"#,
         "1970-01-01 00:00:01.5 +0000 UTC 1969-12-31 23:59:59.75 +0000 UTC 1970-01-01 00:00:00 +0000 UTC"),
        // Whole milliseconds, truncated towards zero, as Prometheus's model.Time keeps them.
        ("{{ toTime 1.0005 }} {{ toTime -1.0005 }} {{ toTime 1e-9 }}",
         "1970-01-01 00:00:01 +0000 UTC 1969-12-31 23:59:59 +0000 UTC 1970-01-01 00:00:00 +0000 UTC"),
        // Printed through the pointer by print and printf too; true in `if`.
        (#"{{ toTime 5 | print }}|{{ printf "%v %s %q" (toTime 5) (toTime 5) (toTime 5) }}|{{ if toTime 0 }}t{{ end }}"#,
         #"1970-01-01 00:00:05 +0000 UTC|1970-01-01 00:00:05 +0000 UTC 1970-01-01 00:00:05 +0000 UTC "1970-01-01 00:00:05 +0000 UTC"|t"#),
        // Methods without arguments read as fields.
        ("{{ with toTime 1767323045.678 }}{{ .Year }}-{{ .YearDay }} {{ .Hour }}:{{ .Minute }}:{{ .Second }} {{ .Nanosecond }} {{ .UnixMilli }}{{ end }}",
         "2026-2 3:4:5 677000000 1767323045677"),
        ("{{ (toTime 86400.25).Unix }} {{ (toTime 951782400).Day }} {{ (toTime 951782400).YearDay }}", "86400 29 60"),
        ("{{ eq (toTime 1) (toTime 1) }}", "false"),
        // Month and Weekday print by name and compare and format with %d as the integers they are.
        (#"{{ with toTime 1767323045 }}{{ .Month }} {{ .Weekday }} {{ printf "%d/%d %v %X" .Month .Weekday .Weekday .Weekday }} {{ eq .Month 1 }} {{ if .Weekday }}t{{ end }}{{ end }}"#,
         "January Friday 1/5 Friday 467269646179 true t"),
        ("{{ (toTime -86400).Weekday }} {{ (toTime 951782400).Month }} {{ if (toTime 259200).Weekday }}t{{ else }}f{{ end }}",
         "Wednesday February f"),
        // Go's layouts: every element of the reference time, fractions fixed and trimmed, zones for UTC.
        (#"{{ (toTime 951782400.05).Format "2006 06 Jan January 1 01 Mon Monday 2 _2 02 __2 002 15 3 03 4 04 5 05 PM pm" }}"#,
         "2000 00 Feb February 2 02 Tue Tuesday 29 29 29  60 060 00 12 12 0 00 0 00 AM am"),
        (#"{{ (toTime 1767362645.5).Format "15:04:05.000 .999999 ,9 .0000000000 Z0700 Z07:00:00 -0700 -07 MST _2006 Janet Monk" }}"#,
         "14:04:05.500 .5 ,5 .500000000 Z Z +0000 +00 UTC _2026 Janet Monk"),
        (#"{{ (toTime 0).Format "3:04PM .999" }} {{ $t := toTime 60 }}{{ $t.Format "04" }} {{ "15h" | (toTime 3600).Format }}"#,
         "12:00AM  01 01h"),
    ])
    func toTimeMakesAGoTime(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test func formatTakesOneLayoutString() {
        #expect(expand(#"{{ (toTime 0).Format }}"#).contains("can't evaluate field Format in type *time.Time"))
        #expect(expand(#"{{ (toTime 0).Format "a" "b" }}"#).contains("wrong number of args for Format: want 1 got 2"))
        #expect(expand(#"{{ (toTime 0).Format 1 }}"#).contains("wrong type for value; expected string; got int"))
        #expect(expand(#"{{ (toTime 0).Year "a" }}"#).contains("can't give argument to non-function (toTime 0).Year"))
    }

    @Test func toTimeFailsAsPrometheus() {
        #expect(expand(#"{{ toTime "soon" }}"#)
            == failure(at: 115, #"toTime "soon""#, #"error calling toTime: strconv.ParseFloat: parsing "soon": invalid syntax"#))
        #expect(expand("{{ toTime 1e300 }}")
            == failure(at: 115, "toTime 1e300", "error calling toTime: 1e+300 cannot be represented as a nanoseconds timestamp since it overflows int64"))
        #expect(expand("{{ toTime .Labels }}")
            == failure(at: 115, "toTime .Labels", "error calling toTime: can't convert map[string]string to float"))
        #expect(expand("{{ toTime nil }}") == failure(at: 115, "toTime nil", "error calling toTime: can't convert <nil> to float"))
        #expect(expand("{{ len (toTime 1) }}") == failure(at: 115, "len (toTime 1)", "error calling len: len of type time.Time"))
    }

    @Test func toTimeGivesNaNAndInfinityAnError() {
        var nan = data
        nan.value = .nan
        #expect(expand("{{ toTime $value }}", nan) == failure(at: 115, "toTime $value", "error calling toTime: value is NaN or Inf"))
        // humanizeTimestamp prints them instead, and truncates to milliseconds like toTime.
        #expect(expand("{{ humanizeTimestamp $value }}", nan) == "NaN")
        #expect(expand("{{ humanizeTimestamp 1.0005 }} {{ humanizeTimestamp 1.5 }}")
            == "1970-01-01 00:00:01 +0000 UTC 1970-01-01 00:00:01.5 +0000 UTC")
    }

    @Test(arguments: [
        ("3723.5", "1h2m3.5s"), ("0", "0s"), ("1", "1s"), ("0.0015", "1.5ms"), ("0.00025", "250µs"), ("1e-7", "100ns"),
        ("-120", "-2m0s"), ("86400", "24h0m0s"), ("0.5", "500ms"), ("\"90\"", "1m30s"),
        // What does not fit an int64 of ns converts to its minimum, as Go's conversion does on amd64.
        ("1e300", "-2562047h47m16.854775808s"),
    ])
    func toDurationMakesAGoDuration(seconds: String, text: String) {
        #expect(expand("{{ toDuration \(seconds) }}") == text)
    }

    @Test func durationFieldsAreItsMethods() {
        #expect(expand("{{ with toDuration 5400 }}{{ .Hours }} {{ .Minutes }} {{ .Seconds }} {{ .Milliseconds }}{{ end }}")
            == "1.5 90 5400 5400000")
        #expect(expand("{{ toDuration 2.5 | printf \"%s|%v\" (toDuration 1) }}") == "1s|2.5s")
        // A pointer, as in Go, so the humanize functions do not take it.
        #expect(expand("{{ toDuration 1 | humanizeDuration }}")
            == failure(at: 130, "humanizeDuration", "error calling humanizeDuration: can't convert *time.Duration to float"))
    }

    @Test func nowIsTheEvaluationTimeInSeconds() {
        #expect(expand("{{ now }}") == "1.7672256e+09")
        #expect(expand("{{ now | toTime }} {{ now | humanizeTimestamp }}")
            == "2026-01-01 00:00:00 +0000 UTC 2026-01-01 00:00:00 +0000 UTC")
        var later = data
        later.time = 90_500_000_000 + 123  // 90.5s and 123 ns: Prometheus keeps whole milliseconds
        #expect(expand("{{ now }}", later) == "90.5")
        #expect(expand("{{ now 1 }}") == failure(at: 115, "now", "wrong number of args for now: want 0 got 1"))
    }

    @Test func nowInARuleIsTheTicksTimeNotTheWallClock() throws {
        var fixture = EvaluationFixture()
        fixture.load("up", "0 0 0")
        let rules = """
            groups:
              - name: g
                interval: 1m
                rules:
                  - alert: Down
                    expr: up == 0
                    labels:
                      at: '{{ now }}'
                    annotations:
                      since: '{{ now | humanizeTimestamp }}'
                      links: '{{ externalURL }} {{ pathPrefix }} {{ $externalURL }}'
            """
        let (file, diagnostics) = RuleFileParser().parse(rules, path: "now.yml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        var engine = RuleEngine(
            ruleSet: RuleSet(files: [file]), externalURL: AlertTemplate.ExternalURL("http://seismo:9090/x/")
        )
        engine.start(at: 0)
        engine.advance(to: 120 * s, store: fixture.store) { _ in }
        // The label is expanded at every tick, and the alert's identity follows it: each tick has its own alert.
        let alert = try #require(engine.activeAlerts(named: "Down").first { $0.labels.contains(Label(name: "at", value: "120")) })
        #expect(alert.annotations == [
            Label(name: "links", value: "http://seismo:9090/x /x http://seismo:9090/x"),
            Label(name: "since", value: "1970-01-01 00:02:00 +0000 UTC"),
        ])
    }

    @Test(arguments: [
        (#"{{ urlUnescape "a%20b+c" }}"#, "a b c"),
        (#"{{ urlUnescape "%C3%A9t%c3%a9" }}"#, "été"),
        (#"{{ "q%3D1%26r" | urlUnescape }}"#, "q=1&r"),
    ])
    func urlUnescapeDecodesAQueryComponent(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test func urlUnescapeFailsOnABadEscape() {
        #expect(expand(#"{{ urlUnescape "100%zz" }}"#)
            == failure(at: 115, #"urlUnescape "100%zz""#, #"error calling urlUnescape: invalid URL escape "%zz""#))
        #expect(expand(#"{{ urlUnescape "50%4" }}"#)
            == failure(at: 115, #"urlUnescape "50%4""#, #"error calling urlUnescape: invalid URL escape "%4""#))
        #expect(expand("{{ urlUnescape 1 }}") == failure(at: 115, "urlUnescape", "wrong type for value; expected string; got int"))
    }

    @Test(arguments: [
        (#"{{ slice "abcdef" }}|{{ slice "abcdef" 2 }}|{{ slice "abcdef" 1 3 }}|{{ slice "abc" 0 0 }}|"#, "abcdef|cdef|bc||"),
        (#"{{ slice $labels.instance 0 4 | toUpper }}"#, "DB-1"),
    ])
    func sliceCutsAStringByBytes(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test(arguments: [
        (#"{{ slice "abc" 2 1 }}"#, #"slice "abc" 2 1"#, "invalid slice index: 2 > 1"),
        (#"{{ slice "abc" 1 9 }}"#, #"slice "abc" 1 9"#, "index out of range: 9"),
        (#"{{ slice "abc" -1 }}"#, #"slice "abc" -1"#, "index out of range: -1"),
        (#"{{ slice "abc" 1 2 3 }}"#, #"slice "abc" 1 2 3"#, "cannot 3-index slice a string"),
        (#"{{ slice "abc" 1 2 3 4 }}"#, #"slice "abc" 1 2 3 4"#, "too many slice indexes: 4"),
        (#"{{ slice "abc" 1.0 }}"#, #"slice "abc" 1.0"#, "cannot index slice/array with type float64"),
        (#"{{ slice "abc" nil }}"#, #"slice "abc" nil"#, "cannot index slice/array with nil"),
        ("{{ slice $labels 1 }}", "slice $labels 1", "can't slice item of type map[string]string"),
        ("{{ slice $value }}", "slice $value", "can't slice item of type float64"),
        ("{{ slice (toTime 1) }}", "slice (toTime 1)", "can't slice item of type *time.Time"),
        ("{{ slice nil }}", "slice nil", "slice of untyped nil"),
    ])
    func sliceFailsAsGo(template: String, command: String, message: String) {
        #expect(expand(template) == failure(at: 115, command, "error calling slice: \(message)"))
    }

    @Test func sliceOfAQueryResultKeepsItsSamples() {
        var fixture = EvaluationFixture()
        fixture.load(#"up{i="a"}"#, "1")
        fixture.load(#"up{i="b"}"#, "2")
        fixture.load(#"up{i="c"}"#, "3")
        let query = AlertTemplate.Query(evaluator: PromQLEvaluator(), store: fixture.store, time: 0)
        let template = #"{{ range slice (query "up") 1 }}{{ .Labels.i }}{{ end }} {{ slice (query "up") 0 1 1 | len }}"#
        #expect(AlertTemplate.expand(template, data, query: query) == "bc 1")
        #expect(AlertTemplate.expand(#"{{ slice (query "up") 0 1 4 }}"#, data, query: query)
            == failure(at: 115, #"slice (query "up") 0 1 4"#, "error calling slice: index out of range: 4"))
    }

    @Test(arguments: [
        (#"{{ js "it's <b>\"x\" & y=1\\" }}"#, #"it\'s \u003Cb\u003E\"x\" \u0026 y\u003D1\\"#),
        // Unicode stays unless Go does not count it printable; control characters as \u00XX.
        (#"{{ js "é\u2028\ttab" }}"#, #"é\u2028\u0009tab"#),
        // Several operands, or one that is not a string, print as fmt.Sprint does.
        (#"{{ js 1 "a" 2.5 }} {{ js 12.5 }} {{ $labels.instance | js }}"#, "1a2.5 12.5 db-1:9100"),
        // nil prints as `<no value>`, a string, so no space follows it.
        (#"{{ js nil 1 }}"#, #"\u003Cno value\u003E1"#),
    ])
    func jsEscapesAsGo(template: String, expected: String) {
        #expect(expand(template) == expected)
    }

    @Test(arguments: [
        ("{{ call $labels.job }}", "call $labels.job", "error calling call: non-function of type string"),
        ("{{ call . }}", "call .",
         "error calling call: non-function of type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }"),
        ("{{ call $labels 1 }}", "call $labels 1", "error calling call: non-function of type map[string]string"),
        ("{{ call (toTime 1) }}", "call (toTime 1)", "error calling call: non-function of type *time.Time"),
        ("{{ call (args) }}", "call (args)", "error calling call: non-function of type map[string]interface {}"),
        ("{{ call nil }}", "call nil", "error calling call: call of nil"),
        ("{{ call }}", "call", "wrong number of args for call: want at least 1 got 0"),
    ])
    func callFailsAsGoDoesOnAValueThatIsNoFunction(template: String, command: String, message: String) {
        #expect(expand(template) == failure(at: 115, command, message))
    }

    @Test func argumentErrorsNameTheFunctionNotTheCall() {
        // Go checks arguments before calling: no "error calling", reported at the function's name.
        #expect(expand(#"{{ toUpper "a" "b" }}"#) == failure(at: 115, "toUpper", "wrong number of args for toUpper: want 1 got 2"))
        #expect(expand("{{ not 1 2 }}") == failure(at: 115, "not", "wrong number of args for not: want 1 got 2"))
        #expect(expand("{{ $value | toUpper }}") == failure(at: 124, "toUpper", "wrong type for value; expected string; got float64"))
    }

    @Test func stringConstantsTakeGosEscapes() {
        #expect(expand(#"{{ "\x41\101\u00e9\U0001F600\t|" }}"#) == "AAé😀\t|")
    }
}
