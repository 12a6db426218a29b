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
        #expect(AlertTemplate.expand("x {{ $nope }}", data).hasPrefix("x <error expanding template: "))
        #expect(AlertTemplate.expand("x {{ $value ", data) == "x <error expanding template: unclosed action>")
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
