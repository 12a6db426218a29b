import SeismoCore
import SeismoRules
import Testing

/// The `metric{label="value"}` notation of `series` and `exp_samples.labels`. The accepted forms and their
/// label sets were checked against `promtool test rules` (Prometheus 2.42) by loading each as a series and
/// printing what a query returned.
@Suite struct MetricNotationTests {
    private static func labels(_ pairs: KeyValuePairs<String, String>) -> [Label] {
        pairs.map { Label(name: $0.key, value: $0.value) }
    }

    @Test(arguments: [
        ("up", "up"),
        ("up{}", "up"),
        ("s{a=\"1\",}", "s{a=\"1\"}"),
        ("{__name__=\"s\"}", "s"),
        ("{a=\"1\"}", "{a=\"1\"}"),
        ("s{b=\"1\",a=\"2\"}", "s{a=\"2\",b=\"1\"}"),
        ("s{ a = \"1\" }", "s{a=\"1\"}"),
        ("  up{job=\"a\"  ,  b=\"c\"} ", "up{b=\"c\",job=\"a\"}"),
        ("a:b{x=\"1\"}", "a:b{x=\"1\"}"),
        ("s{A_1=\"x\"}", "s{A_1=\"x\"}"),
        // The name written before the braces wins over a __name__ label.
        ("s{__name__=\"t\"}", "s"),
        // An empty value is no label.
        ("s{a=\"\"}", "s"),
        // Aggregation names and other keywords the grammar accepts as metric names.
        ("sum{a=\"1\"}", "sum{a=\"1\"}"),
        ("by", "by"),
        ("offset", "offset"),
        ("and{a=\"1\"}", "and{a=\"1\"}"),
        ("stale", "stale"),
        ("Inf_x", "Inf_x"),
        (":", ":"),
    ] as [(String, String)])
    func seriesForms(text: String, expected: String) throws {
        #expect(try MetricNotation.series(text).description == expected)
    }

    @Test func stringLiteralsAndEscapes() throws {
        let series = try MetricNotation.series(#"s{a='x\'y', b=`r\n`, c="\x41\101\u0041", d="\u00e9\t", e="\U0001F600", f="\"", g='"', h="\xc3\xa9"}"#)
        #expect(series["a"] == "x'y")
        #expect(series["b"] == #"r\n"#)
        #expect(series["c"] == "AAA")
        #expect(series["d"] == "é\t")
        #expect(series["e"] == "😀")
        #expect(series["f"] == "\"")
        #expect(series["g"] == "\"")
        #expect(series["h"] == "é")
    }

    @Test(arguments: [
        ("s{a!=\"1\"}", 3, "unexpected \"!=\" in label set, expected \"=\""),
        ("s{a=~\"1\"}", 3, "unexpected \"=~\" in label set, expected \"=\""),
        ("s{a:b=\"1\"}", 3, "unexpected ':' in label set, expected \"=\""),
        ("s {a=\"1\"}", 2, "unexpected '{' after the series"),
        ("s{a=\"1\"}}", 8, "unexpected '}' after the series"),
        ("s{a=\"1\"}{b=\"2\"}", 8, "unexpected '{' after the series"),
        ("s{a=1}", 4, "unexpected '1' in label set, expected a quoted string"),
        ("s{a=\"1\"", 7, "unexpected end of input inside braces"),
        ("s{a=\"a\nb\"}", 4, "unterminated quoted string"),
        ("s{a=\"1\" b=\"2\"}", 8, "unexpected 'b' in label set, expected \",\" or \"}\""),
        ("s{,}", 2, "unexpected ',' in label set, expected identifier or \"}\""),
        ("s{'a'=\"1\"}", 2, "unexpected \"'\" in label set, expected identifier or \"}\""),
        ("s{a=\"\\q\"}", 5, "unknown escape sequence U+0071 'q'"),
        ("s{a=\"\\u12\"}", 5, "illegal character U+0022 '\"' in escape sequence"),
        ("s{a=\"\\777\"}", 5, "escape sequence is an invalid Unicode code point"),
        ("s{a=\"\\xff\"}", 4, "string is not valid UTF-8 after unescaping"),
        ("s{a=\"1\",a=\"2\"}", 8, "label \"a\" is given more than once"),
        ("1s", 0, "unexpected '1', expected a metric name or \"{\""),
        ("{}", 0, "series has no metric name and no labels"),
        ("", 0, "series has no metric name and no labels"),
        ("on", 0, "unexpected <on>: a keyword cannot be a metric name"),
        ("Bool", 0, "unexpected <bool>: a keyword cannot be a metric name"),
        ("nan{a=\"1\"}", 0, "unexpected <nan>: a keyword cannot be a metric name"),
    ] as [(String, Int, String)])
    func seriesErrors(text: String, offset: Int, message: String) {
        #expect(throws: NotationError(offset: offset, message: message)) {
            try MetricNotation.series(text)
        }
    }

    @Test func sampleLabelsIncludeTheNameSorted() throws {
        #expect(try MetricNotation.sampleLabels("up{job=\"a\", A=\"b\"}") == Self.labels(["A": "b", "__name__": "up", "job": "a"]))
        #expect(try MetricNotation.sampleLabels("") == [])
        #expect(try MetricNotation.sampleLabels("{}") == [])
        #expect(try MetricNotation.sampleLabels("{__name__=\"n\",b=\"1\"}") == Self.labels(["__name__": "n", "b": "1"]))
        #expect(try MetricNotation.sampleLabels("s{__name__=\"t\"}") == Self.labels(["__name__": "s"]))
    }

    @Test func sampleLabelsKeepEmptyValuesOnlyWithoutAName() throws {
        // promtool drops `a=""` when a metric name is written (its label builder does) and keeps it otherwise,
        // where the expectation can then never match a result.
        #expect(try MetricNotation.sampleLabels("s{a=\"\"}") == Self.labels(["__name__": "s"]))
        #expect(try MetricNotation.sampleLabels("{a=\"\", __name__=\"s\"}") == Self.labels(["__name__": "s", "a": ""]))
    }

    @Test func sampleLabelsRejectTrailingText() {
        #expect(throws: NotationError(offset: 2, message: "unexpected '1' after the series")) {
            try MetricNotation.sampleLabels("s 1")
        }
    }
}
