import SeismoRules
import Testing

@Suite struct AlertTemplateTests {
    private let data = AlertTemplate.Data(
        labels: ["instance": "web-01:9100", "job": "node"], value: 0.123456, externalLabels: ["cluster": "eu"]
    )

    @Test(arguments: [
        ("plain text", "plain text"),
        ("{{ $labels.instance }} is down", "web-01:9100 is down"),
        ("{{$labels.job}}/{{ .Labels.instance }}", "node/web-01:9100"),
        ("value {{ $value }}", "value 0.123456"),
        ("{{ $value | humanizePercentage }}", "12.35%"),
        ("{{ humanize $value }}", "123.5m"),
        ("{{ printf \"%.2f\" $value }}", "0.12"),
        ("{{ $value | printf \"%.1f%%\" }}", "0.1%"),
        ("{{ $labels.missing }}", ""),
        ("{{ $externalLabels.cluster }}", "eu"),
        ("{{ index $labels \"job\" }}", "node"),
        ("{{ $labels.job | toUpper }}", "NODE"),
        ("a {{- \" b \" -}} c", "a b c"),
        ("{{ \"x}}y\" }}", "x}}y"),
    ])
    func expands(template: String, expected: String) {
        #expect(AlertTemplate.expand(template, data) == expected)
    }

    @Test func errorsStayVisibleInsteadOfFailingTheRule() {
        // As in Prometheus, the whole text becomes the error; `seismo check` finds what does not parse earlier.
        var named = data
        named.alertName = "A"
        #expect(AlertTemplate.expand("x {{ $value ", named) == "<error expanding template: error parsing template __alert_A: unclosed action>")
        // Execution errors name the template, the position (after the 112 bytes of Prometheus's own variable
        // declarations on the first line) and the failing command, word for word as Prometheus.
        #expect(AlertTemplate.expand("{{ if gt $value 1 }}big{{ end }}", named)
            == "<error expanding template: error executing template __alert_A: template: __alert_A:1:118: "
            + "executing \"__alert_A\" at <gt $value 1>: error calling gt: incompatible types for comparison>")
        #expect(AlertTemplate.expand("x\n {{ .Labels.job.x }}", named)
            == "<error expanding template: error executing template __alert_A: template: __alert_A:2:4: "
            + "executing \"__alert_A\" at <.Labels.job.x>: can't evaluate field x in type string>")
        #expect(AlertTemplate.expand("{{ range $k, $v := .ExternalURL }}{{ end }}", named)
            == "<error expanding template: error executing template __alert_A: template: __alert_A: range can't iterate over >")
    }

    @Test(arguments: [
        // if / else if / else, with Go's comparison functions and truth.
        ("{{ if gt $value 0.5 }}high{{ else if gt $value 0.1 }}medium{{ else }}low{{ end }}", "medium"),
        ("{{ if eq $labels.job \"node\" \"api\" }}known{{ end }}", "known"),
        ("{{ if ne $labels.job \"node\" }}other{{ else }}node{{ end }}", "node"),
        ("{{ if and (ge $value 0.1) (lt $value 0.2) }}in range{{ end }}", "in range"),
        ("{{ if or $labels.missing $labels.job }}{{ or $labels.missing $labels.job }}{{ end }}", "node"),
        ("{{ if not $labels.missing }}no label{{ end }}", "no label"),
        ("{{ if $labels.missing }}yes{{ else }}no{{ end }}", "no"),
        ("{{ if le 2 2 }}{{ if lt \"a\" \"b\" }}ok{{ end }}{{ end }}", "ok"),
        // with rebinds dot; else with chains.
        ("{{ with $labels.instance }}on {{ . }}{{ end }}", "on web-01:9100"),
        ("{{ with $labels.missing }}{{ . }}{{ else with $labels.job }}job {{ . }}{{ else }}none{{ end }}", "job node"),
        ("{{ with .Labels }}{{ .job }}{{ end }}", "node"),
        // range over a map, in key order, with variables, break and else.
        ("{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", "instance=web-01:9100;job=node;"),
        ("{{ range $labels }}[{{ . }}]{{ end }}", "[web-01:9100][node]"),
        ("{{ range $k, $v := $labels }}{{ if eq $k \"job\" }}{{ break }}{{ end }}{{ $k }} {{ end }}", "instance "),
        ("{{ range $externalLabels }}{{ . }}{{ else }}empty{{ end }}", "eu"),
        // Variables, scoped to their structure.
        ("{{ $x := \"a\" }}{{ if true }}{{ $x = \"b\" }}{{ $y := 1 }}{{ end }}{{ $x }}", "b"),
        ("{{ $n := len $labels }}{{ $n }} labels", "2 labels"),
        // Prometheus's functions.
        ("{{ humanize1024 2048 }} {{ humanizeDuration 3661 }} {{ humanizeTimestamp 1709214300 }}",
         "2ki 1h 1m 1s 2024-02-29 13:45:00 +0000 UTC"),
        ("{{ title \"hello wORLD-x\" }} {{ toLower \"ABC\" }}", "Hello WORLD-X abc"),
        ("{{ reReplaceAll \"(.*):(.*)\" \"$2 on $1\" $labels.instance }}", "9100 on web-01"),
        ("{{ if match \"^web-\" $labels.instance }}web{{ end }}", "web"),
        ("{{ $labels.instance | stripPort }} {{ stripDomain \"db.example.com:5432\" }}", "web-01 db:5432"),
        ("{{ printf \"%d %s %.1f %t %v\" 3 \"x\" 1.25 true $value }}", "3 x 1.2 true 0.123456"),
        ("{{ print 1 2 \"a\" 3 }}", "1 2a3"),
        // The number verbs with flags, widths and precisions, as Go (and C) print them.
        ("{{ printf \"%08.3f|%+d|%-5d|%x|%X|%05x|%e|%.2E|%g|%G\" 3.14159 7 42 255 255 255 1234.5 0.000123 1e21 1e-7 }}",
         "0003.142|+7|42   |ff|FF|000ff|1.234500e+03|1.23E-04|1e+21|1E-07"),
        // Wider than the formatter's first buffer.
        ("{{ printf \"%70.1f|%-66d|\" 2.25 -3 }}",
         String(repeating: " ", count: 67) + "2.2|-3" + String(repeating: " ", count: 64) + "|"),
        ("{{ parseDuration \"1m30s\" }}", "90"),
        ("{{/* a comment */ -}} text", "text"),
    ])
    func controlStructuresAndFunctions(template: String, expected: String) {
        #expect(AlertTemplate.expand(template, data) == expected)
    }

    @Test(arguments: [
        (0.5, "0.5"), (100_000.0, "100000"), (123_456.0, "123456"), (1_000_000.0, "1e+06"), (1_234_567.0, "1.234567e+06"),
        (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.5, "-2.5"), (Double.nan, "NaN"), (Double.infinity, "+Inf"), (0.0, "0"),
    ])
    func valuePrintsAsGoDoes(value: Double, text: String) {
        #expect(GoFormat.value(value) == text)
    }

    @Test(arguments: [
        (1234.0, "1.234k"), (0.0, "0"), (1.0, "1"), (0.001, "1m"), (2_500_000.0, "2.5M"), (-1500.0, "-1.5k"),
    ])
    func humanize(value: Double, text: String) {
        #expect(GoFormat.humanize(value) == text)
    }

    @Test(arguments: [
        (90061.0, "1d 1h 1m 1s"), (3661.0, "1h 1m 1s"), (61.0, "1m 1s"), (1.5, "1.5s"), (0.25, "250ms"), (0.0, "0s"),
    ])
    func humanizeDuration(value: Double, text: String) {
        #expect(GoFormat.humanizeDuration(value) == text)
    }

    @Test func humanize1024() {
        #expect(GoFormat.humanize1024(1536) == "1.5ki")
        #expect(GoFormat.humanize1024(1) == "1")
    }
}
