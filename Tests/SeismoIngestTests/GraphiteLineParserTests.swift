import SeismoCore
import SeismoIngest
import SeismoTestSupport
import Testing

@Suite struct GraphiteLineParserTests {
    @Test func pathIsTheMetricNameVerbatimAndTimestampIsSeconds() {
        var h = ParseHarness(GraphiteLineParser())
        h.feed("servers.web-1.cpu.load_avg 0.75 1700000000\nfoo.bar:baz/qux -3 1")
        #expect(h.rows.map(\.description) == [
            "servers.web-1.cpu.load_avg 0.75 @1700000000000000000",
            "foo.bar:baz/qux -3.0 @1000000000",
        ])
    }

    @Test func spacesAndTabsSeparateFields() {
        var h = ParseHarness(GraphiteLineParser())
        h.feed("a.b\t1\t10\n  a.b   2 \t 20  \n\ta.b 3 30\t")
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.value) == [1, 2, 3])
        #expect(h.rows.map(\.timestamp) == [10_000_000_000, 20_000_000_000, 30_000_000_000])
        #expect(h.seriesCount == 1)
    }

    @Test(arguments: [
        ("m 1 1700000000.5", Int64(1_700_000_000_500_000_000)),
        ("m 1 1700000000.123456789", 1_700_000_000_123_456_789),
        ("m 1 1700000000.1234567899", 1_700_000_000_123_456_789),
        ("m 1 .5", 500_000_000),
        ("m 1 1.7e9", 1_700_000_000_000_000_000),
        ("m 1 -2", -2_000_000_000),
        ("m 1 -1", 42),
        ("m 1 -1.0", 42),
        ("m 1", 42),
    ])
    func timestamps(line: String, expected: Int64) {
        var h = ParseHarness(GraphiteLineParser())
        h.feed(line)
        #expect(h.rows.map(\.timestamp) == [expected], "\(h.messages)")
    }

    @Test func precisionDoesNotApplyToGraphiteTimestamps() {
        var h = ParseHarness(GraphiteLineParser(), precision: .ms)
        h.feed("m 1 5")
        #expect(h.rows.first?.timestamp == 5_000_000_000)
    }

    @Test func taggedPathsTurnTagsIntoLabelsWhateverTheirOrder() {
        var h = ParseHarness(GraphiteLineParser())
        h.feed(
            """
            disk.used;datacenter=dc1;rack=a1;server=web01 42 1
            disk.used;server=web01;rack=a1;datacenter=dc1 43 2
            disk.used;rack=a1;datacenter=dc1;server=web01 44 3
            disk.used 45 4
            """)
        #expect(h.rows.map(\.description) == [
            #"disk.used{datacenter="dc1",rack="a1",server="web01"} 42.0 @1000000000"#,
            #"disk.used{datacenter="dc1",rack="a1",server="web01"} 43.0 @2000000000"#,
            #"disk.used{datacenter="dc1",rack="a1",server="web01"} 44.0 @3000000000"#,
            "disk.used 45.0 @4000000000",
        ])
        #expect(h.seriesCount == 2)
    }

    @Test func tagValuesMayHoldEqualsSignsAndARepeatedTagKeepsItsLastValue() {
        var h = ParseHarness(GraphiteLineParser())
        h.feed("m;q=a=b;t=1;t=2 1 1")
        #expect(h.rows.map(\.description) == [#"m{q="a=b",t="2"} 1.0 @1000000000"#])
    }

    @Test func commentsAndBlankLinesAreNeitherSamplesNorRejections() {
        var h = ParseHarness(GraphiteLineParser())
        h.feed("# carbon has no comments but annotated files do\n\n \t \nm 1 1")
        #expect(h.rows.count == 1)
        #expect(h.stats.rejectedLines == 0)
        #expect(h.stats.lines == 4)
    }

    @Test(arguments: [
        ("m", RejectReason.syntax),
        ("m   ", .syntax),
        ("m 1 2 3", .syntax),
        (";t=v 1 1", .syntax),
        ("m; 1 1", .syntax),
        ("m;;t=v 1 1", .syntax),
        ("m;t 1 1", .syntax),
        ("m;=v 1 1", .syntax),
        ("m;t= 1 1", .syntax),
        ("m;t=~v 1 1", .syntax),
        ("m;t!=v 1 1", .syntax),
        ("m;t^=v 1 1", .syntax),
        ("m abc 1", .badNumber),
        ("m 1,5 1", .badNumber),
        ("m 1 12ab", .badTimestamp),
        ("m 1 1.2.3", .badTimestamp),
        ("m 1 1e30", .badTimestamp),
        ("m 1 nan", .badTimestamp),
        ("m 1 99999999999999999999", .badTimestamp),
        ("m nan 1", .nonFinite),
        ("m -inf", .nonFinite),
        ("m 1e999 1", .nonFinite),
    ])
    func rejections(line: String, reason: RejectReason) {
        var h = ParseHarness(GraphiteLineParser())
        h.feed(line)
        #expect(h.rejected(reason) == 1, "\(line) should be rejected as \(reason); stats: \(h.stats.rejects)")
        #expect(h.rows.isEmpty)
        #expect(h.seriesCount == 0, "a rejected line must not create a series")
    }

    @Test func labelCapsAndSeriesCapAreEnforced() {
        var limits = IngestLimits()
        limits.maxLabels = 1
        limits.maxLabelValueLength = 3
        limits.maxSeries = 2
        var h = ParseHarness(GraphiteLineParser(), limits: limits)
        h.feed("m;a=1;b=2 1\nm;a=1234 1\nm;a=1 1\nm;a=2 1\nm;a=3 1\nm;a=1 2")
        #expect(h.rejected(.tooManyLabels) == 1)
        #expect(h.rejected(.labelTooLong) == 1)
        #expect(h.rejected(.seriesLimit) == 1)
        #expect(h.rows.map(\.value) == [1, 1, 2])
    }

    @Test func outOfOrderSamplesAreRejectedByTheIngestor() {
        var h = ParseHarness(GraphiteLineParser())
        h.feed("m 1 20\nm 2 10\nm 3 20")
        #expect(h.rows.map(\.value) == [1, 3])
        #expect(h.rejected(.outOfOrder) == 1)
    }
}
