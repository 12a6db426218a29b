import SeismoCore
import SeismoIngest
import SeismoTestSupport
import Testing

@Suite struct PrometheusLineParserTests {
    @Test func exposition004WithEveryMetricTypeGivesPlainSeriesNamedAsWritten() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(
            """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # A free-form comment.
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            metric_without_timestamp_and_labels 12.47
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_created 1.7e9
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.description) == [
            #"http_requests_total{code="200",method="post"} 1027.0 @1395066363000000000"#,
            #"http_requests_total{code="400",method="post"} 3.0 @1395066363000000000"#,
            #"msdos_file_access_time_seconds{error="Cannot find file:\n\"FILE.TXT\"",path="C:\\DIR\\FILE.TXT"} 1458255915.0 @42"#,
            "metric_without_timestamp_and_labels 12.47 @42",
            #"http_request_duration_seconds_bucket{le="0.05"} 24054.0 @42"#,
            #"http_request_duration_seconds_bucket{le="+Inf"} 144320.0 @42"#,
            "http_request_duration_seconds_sum 53423.0 @42",
            "http_request_duration_seconds_count 144320.0 @42",
            #"rpc_duration_seconds{quantile="0.99"} 76656.0 @42"#,
            "rpc_duration_seconds_created 1700000000.0 @42",
        ])
        #expect(h.stats.lines == 16)
    }

    @Test func labelValueEscapesAreUnescapedAndUnknownOnesKeptAsWritten() throws {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(#"m{a="back\\slash",b="quote\"d",c="new\nline",d="tab\t",e="}, =#"} 1"#)
        let labels = try #require(h.ingestor.context.series.registry.snapshot().first)
        #expect(labels.metric == "m")
        #expect(labels["a"] == #"back\slash"#)
        #expect(labels["b"] == #"quote"d"#)
        #expect(labels["c"] == "new\nline")
        #expect(labels["d"] == #"tab\t"#)
        #expect(labels["e"] == "}, =#")
    }

    @Test func spellingsOfOneLabelSetShareOneSeries() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(
            """
            m{a="1",b="2"} 1
            m{b="2",a="1"} 2
            m { a = "1" ,\tb="2", } 3
            m{a="1",b="2",} 4
            m{a="1",b="2",c=""} 5
            \t m{a="1",b="2"}6
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.seriesCount == 1)
        #expect(h.rows.map(\.value) == [1, 2, 3, 4, 5, 6])
    }

    @Test func emptyLabelSetAndEmptyLabelValueMeanNoLabel() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed("up{} 1\nup 2\nup{job=\"\"} 3\nup{job=\"x\"} 4")
        #expect(h.rows.map(\.description) == ["up 1.0 @42", "up 2.0 @42", "up 3.0 @42", #"up{job="x"} 4.0 @42"#])
        #expect(h.seriesCount == 2)
    }

    @Test(arguments: [
        ("m 1 1700000000000", Int64(1_700_000_000_000_000_000)),
        ("m 1 -1000", -1_000_000_000),
        ("m 1 0", 0),
        ("m 1 1700000000.5", 1_700_000_000_500_000_000),
        ("m 1 1700000000.123456789", 1_700_000_000_123_456_789),
        ("m 1 1.7e9", 1_700_000_000_000_000_000),
        ("m 1", 42),
        ("m 1   ", 42),
    ])
    func timestampsAreMillisecondsOrDecimalSeconds(line: String, expected: Int64) {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(line)
        #expect(h.rows.map(\.timestamp) == [expected], "\(h.messages)")
    }

    @Test func precisionDoesNotApplyToPrometheusTimestamps() {
        var h = ParseHarness(PrometheusLineParser(), precision: .s)
        h.feed("m 1 5")
        #expect(h.rows.first?.timestamp == 5_000_000)
    }

    @Test func openMetricsExemplarsAreIgnored() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(
            """
            foo_bucket{le="0.1"} 8 # {trace_id="KOO5S4vxi0o"} 0.067 1520879607.789
            foo_bucket{le="1"} 9 1520879607789 # {trace_id="oHg5SJYRHA0"} 0.5
            foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 1
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.description) == [
            #"foo_bucket{le="0.1"} 8.0 @42"#,
            #"foo_bucket{le="1"} 9.0 @1520879607789000000"#,
            "foo_total 17.0 @1520879607789000000",
        ])
    }

    @Test func quotedUTF8NamesOfPrometheus3() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(
            """
            {"my.dotted.metric", "label.with.dots"="v", plain="p"} 1
            {"http_requests_total"} 2
            http_requests_total 3
            {"with \\"quote\\"",} 4
            # HELP "my.dotted.metric" A metric with dots.
            # TYPE "my.dotted.metric" gauge
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.description) == [
            #"my.dotted.metric{label.with.dots="v",plain="p"} 1.0 @42"#,
            "http_requests_total 2.0 @42",
            "http_requests_total 3.0 @42",
            #"with "quote" 4.0 @42"#,
        ])
        #expect(h.seriesCount == 3)
    }

    @Test func metadataAndEOFAreAcceptedAndLinesAfterEOFStillCount() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(
            """
            # HELP a_total Help with "quotes" and \\ escapes.
            # HELP b
            # TYPE a_total counter
            # TYPE b gaugehistogram
            # UNIT a_seconds seconds
            #HELP not metadata at all
            #
            a_total 1
            # EOF
            a_total 2
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.value) == [1, 2])
        #expect(h.stats.lines == 10)
        #expect(h.stats.acceptedLines == 2)
    }

    @Test(arguments: [
        "# TYPE m",
        "# TYPE m countr",
        "# TYPE m counter extra",
        "# TYPE 1m counter",
        "# HELP",
        "# HELP m-x help",
        #"# UNIT "unterminated"#,
    ])
    func malformedMetadataIsASyntaxRejection(line: String) {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(line)
        #expect(h.rejected(.syntax) == 1, "\(line); stats: \(h.stats.rejects)")
    }

    @Test(arguments: [
        ("m", RejectReason.syntax),
        ("m ", .syntax),
        ("m{a=\"1\"}", .syntax),
        ("1m 1", .syntax),
        ("m-x 1", .syntax),
        ("m.x 1", .syntax),
        ("{a=\"1\"} 1", .syntax),
        ("m{a=\"1\" 1", .syntax),
        ("m{a=\"1} 1", .syntax),
        ("m{a=1} 1", .syntax),
        ("m{a} 1", .syntax),
        ("m{1a=\"x\"} 1", .syntax),
        ("m{a.b=\"x\"} 1", .syntax),
        ("m{a=\"1\" b=\"2\"} 1", .syntax),
        ("m{,} 1", .syntax),
        ("m{a=\"1\",,} 1", .syntax),
        ("m{a=\"1\",a=\"2\"} 1", .syntax),
        ("m{\"x\"} 1", .syntax),
        ("{a=\"1\", \"x\"} 1", .syntax),
        ("{\"\"} 1", .syntax),
        ("m 1 2 3", .syntax),
        ("m abc", .badNumber),
        ("m 1x", .badNumber),
        ("m 0x1p3", .badNumber),
        ("m 1 12ab", .badTimestamp),
        ("m 1 1.5.5", .badTimestamp),
        ("m 1 9223372036854775807", .badTimestamp),
        ("m 1 99999999999999999999", .badTimestamp),
        ("m 1 1e20", .badTimestamp),
        ("m NaN", .nonFinite),
        ("m +Inf", .nonFinite),
        ("m{le=\"1\"} -Inf 1000", .nonFinite),
    ])
    func rejections(line: String, reason: RejectReason) {
        var h = ParseHarness(PrometheusLineParser())
        h.feed(line)
        #expect(h.rejected(reason) == 1, "\(line) should be rejected as \(reason); stats: \(h.stats.rejects)")
        #expect(h.rows.isEmpty)
        #expect(h.seriesCount == 0, "a rejected line must not create a series")
    }

    @Test func aRejectedSpellingIsNotCachedAndTheNextLineStillParses() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed("m{a=\"1\",a=\"2\"} 1\nm{a=\"1\",a=\"2\"} 2\nm{a=\"1\"} 3")
        #expect(h.rejected(.syntax) == 2)
        #expect(h.rows.map(\.description) == [#"m{a="1"} 3.0 @42"#])
    }

    @Test func labelCapsAndSeriesCapAreEnforced() {
        var limits = IngestLimits()
        limits.maxLabels = 2
        limits.maxLabelValueLength = 4
        limits.maxLabelNameLength = 8
        limits.maxSeries = 2
        var h = ParseHarness(PrometheusLineParser(), limits: limits)
        h.feed(
            """
            m{a="1",b="2",c="3"} 1
            m{a="12345"} 1
            m{abcdefghi="1"} 1
            metric_name_too_long 1
            m{a="1"} 1
            m{a="2"} 1
            m{a="3"} 1
            m{a="1"} 2
            """)
        #expect(h.rejected(.tooManyLabels) == 1)
        #expect(h.rejected(.labelTooLong) == 3)
        #expect(h.rejected(.seriesLimit) == 1)
        #expect(h.rows.map(\.value) == [1, 1, 2])
    }

    @Test func outOfOrderSamplesAreRejectedByTheIngestor() {
        var h = ParseHarness(PrometheusLineParser())
        h.feed("m 1 2000\nm 2 1000\nm 3 2000")
        #expect(h.rows.map(\.value) == [1, 3])
        #expect(h.rejected(.outOfOrder) == 1)
    }

    /// Renders random label sets in random but valid spellings and checks the parser recovers exactly the
    /// label set a reference model builds (sorted, empty values dropped), one series per distinct set.
    @Test func randomSpellingsRoundTripToTheReferenceLabelSet() throws {
        var rng = SplitMix64(seed: 0x5EED)
        var h = ParseHarness(PrometheusLineParser())
        var expected: [String] = []
        let alphabet = Array(#"ab\"\ n{},=# .é"#.unicodeScalars) + ["\n"]
        for step in 0..<400 {
            let metric = ["up", "cpu_seconds_total", "a:b", "_x"][Int(rng.next() % 4)]
            var labels: [(String, String)] = []
            for name in ["job", "instance", "le", "_k"] where rng.next() % 2 == 0 {
                let length = Int(rng.next() % 5)
                var value = ""
                for _ in 0..<length { value.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
                labels.append((name, value))
            }
            labels.shuffle(using: &rng)
            let blank = { (rng: inout SplitMix64) -> String in ["", " ", "\t", "  "][Int(rng.next() % 4)] }
            var line = metric + blank(&rng)
            if !labels.isEmpty || rng.next() % 2 == 0 {
                line += "{"
                for (i, (name, value)) in labels.enumerated() {
                    if i > 0 { line += blank(&rng) + "," }
                    line += blank(&rng) + name + blank(&rng) + "=" + blank(&rng) + "\"" + Self.escape(value) + "\""
                }
                if !labels.isEmpty, rng.next() % 2 == 0 { line += "," }
                line += blank(&rng) + "}"
            }
            line += " \(step) \(step)"
            h.feed(line)
            let reference = SeriesLabels(
                metric: metric, labels: labels.filter { !$0.1.isEmpty }.map { Label(name: $0.0, value: $0.1) })
            expected.append("\(reference) \(Double(step)) @\(Int64(step) * 1_000_000)")
        }
        #expect(h.stats.rejectedLines == 0, "\(h.messages.prefix(3))")
        #expect(h.rows.count == expected.count)
        let mismatch = zip(h.rows.map(\.description), expected).first { $0 != $1 }
        #expect(mismatch == nil, "first mismatch (parsed, reference): \(String(describing: mismatch))")
        #expect(h.seriesCount == Set(expected.map { $0.split(separator: " ").dropLast(2).joined(separator: " ") }).count)
    }

    static func escape(_ value: String) -> String {
        var out = ""
        for ch in value.unicodeScalars {
            switch ch {
            case "\\": out += #"\\"#
            case "\"": out += #"\""#
            case "\n": out += #"\n"#
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

