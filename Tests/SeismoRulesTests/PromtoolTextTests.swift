import SeismoCore
import SeismoRules
import Testing

/// Go's formatting as promtool's failure output uses it.
@Suite struct PromtoolTextTests {
    @Test(arguments: [
        (1.0, "1E+00"), (0.0, "0E+00"), (-0.0, "-0E+00"), (0.1, "1E-01"), (4.0, "4E+00"), (10.0, "1E+01"),
        (200.0, "2E+02"), (1.4, "1.4E+00"), (0.30000000000000004, "3.0000000000000004E-01"),
        (2.9000000000000004, "2.9000000000000004E+00"), (-5.0, "-5E+00"), (123456789.0, "1.23456789E+08"),
        (1e21, "1E+21"), (1e-7, "1E-07"), (Double.leastNonzeroMagnitude, "5E-324"), (1.7976931348623157e308, "1.7976931348623157E+308"),
        (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
    ] as [(Double, String)])
    func floatsAsGoExponentForm(value: Double, expected: String) {
        #expect(PromtoolText.float(value) == expected)
    }

    @Test func quotesAsGoQuote() {
        // Checked against promtool's rendering of an exp_labels value holding these characters.
        #expect(PromtoolText.quote("\u{a0}\u{200b}\u{80}é😀\u{01}\u{7f}") == #""\u00a0\u200b\u0080é😀\x01\x7f""#)
        #expect(PromtoolText.quote("a\"b\\c\nd\te") == #""a\"b\\c\nd\te""#)
        #expect(PromtoolText.quote("\u{07}\u{08}\u{0C}\r\u{0B}") == #""\a\b\f\r\v""#)
        #expect(PromtoolText.quote("") == #""""#)
    }

    @Test func labelSetsWithTheNameAsALabel() {
        let series = SeriesLabels(metric: "up", labels: [Label(name: "job", value: "a\"b"), Label(name: "A", value: "x")])
        #expect(PromtoolText.labels(series) == #"{A="x", __name__="up", job="a\"b"}"#)
        #expect(PromtoolText.labels([Label]()) == "{}")
    }

    @Test(arguments: [
        (Int64(0), "0s"), (60_000_000_000, "1m"), (90_000_000_000, "1m30s"), (1_500_000_000, "1s500ms"),
        (8 * 86_400_000_000_000, "8d"), (14 * 86_400_000_000_000, "2w"), (90 * 86_400_000_000_000, "90d"),
        (365 * 86_400_000_000_000, "1y"), (3_600_000_000_000 + 1_000_000, "1h1ms"), (999_999, "0s"),
    ] as [(Int64, String)])
    func durationsAsPrometheusModelDuration(nanoseconds: Int64, expected: String) {
        #expect(PromtoolText.duration(nanoseconds: nanoseconds) == expected)
    }

    @Test(arguments: [
        (Int64(0), "0s"), (600_000_000_000, "10m0s"), (3_600_000_000_000, "1h0m0s"), (1_500_000_000, "1.5s"),
        (250_000_000, "250ms"), (1_500, "1.5µs"), (7, "7ns"), (3_723_000_000_000, "1h2m3s"), (-60_000_000_000, "-1m0s"),
    ] as [(Int64, String)])
    func durationsAsGoTimeDuration(nanoseconds: Int64, expected: String) {
        #expect(PromtoolText.goDuration(nanoseconds: nanoseconds) == expected)
    }
}
