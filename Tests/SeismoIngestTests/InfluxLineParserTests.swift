import SeismoIngest
import SeismoTestSupport
import Testing

@Suite struct InfluxLineParserTests {
    @Test func fieldNamedValueKeepsMeasurementNameOthersAreSuffixed() {
        var h = ParseHarness(InfluxLineParser())
        h.feed("cpu,host=a,region=eu value=1.5,idle=97i 1700000000000000000")
        #expect(h.rows.map(\.description) == [
            #"cpu{host="a",region="eu"} 1.5 @1700000000000000000"#,
            #"cpu_idle{host="a",region="eu"} 97.0 @1700000000000000000"#,
        ])
    }

    @Test func tagOrderDoesNotChangeTheSeries() {
        var h = ParseHarness(InfluxLineParser())
        h.feed("m,b=2,a=1 v=1 1\nm,a=1,b=2 v=2 2")
        #expect(h.seriesCount == 1)
        #expect(h.rows.count == 2)
    }

    @Test func escapesInKeysAndValues() {
        var h = ParseHarness(InfluxLineParser())
        h.feed(#"my\ meas,tag\=k=va\,l\ ue fi\ eld=3 5"#)
        #expect(h.rows.map(\.description) == [#"my meas_fi eld{tag=k="va,l ue"} 3.0 @5"#])
    }

    @Test func typesAndStringFields() {
        var h = ParseHarness(InfluxLineParser())
        h.feed(#"m a=1u,b=-2i,c=t,d=FALSE,e="x, \"y\" z",f=1e3 7"#)
        #expect(h.rows.map(\.value) == [1, -2, 1, 0, 1000])
        #expect(h.stats.ignoredValues == 1)
    }

    @Test func missingTimestampGetsArrivalTime() {
        var h = ParseHarness(InfluxLineParser(), arrivalTime: 99)
        h.feed("m value=1")
        #expect(h.rows.first?.timestamp == 99)
    }

    @Test(arguments: [(TimestampPrecision.s, Int64(1_000_000_000)), (.ms, 1_000_000), (.us, 1_000), (.ns, 1)])
    func precisionScalesTimestamps(precision: TimestampPrecision, factor: Int64) {
        var h = ParseHarness(InfluxLineParser(), precision: precision)
        h.feed("m value=1 3")
        #expect(h.rows.first?.timestamp == 3 * factor)
    }

    @Test(arguments: [
        ("m", RejectReason.syntax),
        ("m value", .syntax),
        ("m value=", .syntax),
        ("m value=abc", .badNumber),
        ("m value=1x", .badNumber),
        ("m value=1 12ab", .badTimestamp),
        ("m value=1 99999999999999999999", .badTimestamp),
        (#"m value="unterminated"#, .syntax),
        ("m,tag value=1", .syntax),
        ("m,tag= value=1", .syntax),
        ("m value=NaN", .nonFinite),
        ("m value=1,other=inf", .nonFinite),
        (",t=1 value=1", .syntax),
    ])
    func rejections(line: String, reason: RejectReason) {
        var h = ParseHarness(InfluxLineParser())
        h.feed(line)
        #expect(h.rejected(reason) == 1, "\(line) should be rejected as \(reason); stats: \(h.stats.rejects)")
        #expect(h.rows.isEmpty)
        #expect(h.seriesCount == 0, "a rejected line must not create a series")
    }

    @Test func secondsPrecisionOverflowIsBadTimestamp() {
        var h = ParseHarness(InfluxLineParser(), precision: .s)
        h.feed("m value=1 9223372036854775807")
        #expect(h.rejected(.badTimestamp) == 1)
    }

    @Test func outOfOrderIsRejectedOutsideTheWindowOnly() {
        var limits = IngestLimits()
        limits.outOfOrderWindow = 10
        var h = ParseHarness(InfluxLineParser(), limits: limits)
        h.feed("m value=1 100\nm value=2 95\nm value=3 80\nm value=4 100")
        #expect(h.rows.map(\.value) == [1, 2, 4])
        #expect(h.rejected(.outOfOrder) == 1)
    }

    @Test func labelCapsAndSeriesCap() {
        var limits = IngestLimits()
        limits.maxLabels = 2
        limits.maxLabelValueLength = 4
        limits.maxSeries = 2
        var h = ParseHarness(InfluxLineParser(), limits: limits)
        h.feed("m,a=1,b=2,c=3 value=1\nm,a=12345 value=1\nm,a=1 value=1\nm,a=2 value=1\nm,a=3 value=1\nm,a=1 value=2")
        #expect(h.rejected(.tooManyLabels) == 1)
        #expect(h.rejected(.labelTooLong) == 1)
        #expect(h.rejected(.seriesLimit) == 1)
        #expect(h.rows.map(\.value) == [1, 1, 2])
    }

    @Test func invalidUTF8AndNULAreRejectedNotCrashes() {
        var h = ParseHarness(InfluxLineParser())
        h.feed(bytes: Array("m value=1".utf8) + [0x00])
        h.feed(bytes: Array("m,t=".utf8) + [0xC3, 0x28] + Array(" value=1".utf8))
        h.feed(bytes: Array("m,t=é value=1".utf8))
        #expect(h.rejected(.invalidEncoding) == 2)
        #expect(h.rows.count == 1)
    }

    @Test func rejectMessagesNameTheLineAndShowAnExcerpt() {
        var h = ParseHarness(InfluxLineParser())
        h.feed("m value=1\nm value=oops")
        #expect(h.messages == [#"stdin:2: rejected (bad number): field value is not a number or boolean: "m value=oops""#])
    }

    @Test func commentsAndBlankLinesAreNeitherSamplesNorRejections() {
        var h = ParseHarness(InfluxLineParser())
        h.feed("# comment\n\n   \nm value=1")
        #expect(h.rows.count == 1)
        #expect(h.stats.rejectedLines == 0)
        #expect(h.stats.lines == 4)
    }
}

@Suite struct SeriesLabelsTests {
    @Test func repeatedLabelNameKeepsTheLastAsWritten() {
        let labels = SeriesLabels(metric: "m", labels: [Label(name: "a", value: "z"), Label(name: "b", value: "1"), Label(name: "a", value: "b")])
        #expect(labels.description == #"m{a="b",b="1"}"#)
        let reversed = SeriesLabels(metric: "m", labels: [Label(name: "a", value: "b"), Label(name: "a", value: "z")])
        #expect(reversed.description == #"m{a="z"}"#)
    }
}

@Suite struct SampleLineTests {
    @Test func samplesCarryTheirLineNumberInTheSameStride() {
        #expect(MemoryLayout<Sample>.stride == 24)
        var h = ParseHarness(InfluxLineParser())
        h.feed("m value=1 1\n# comment\nm value=2,other=3 2")
        #expect(h.lines == [1, 3, 3])
    }
}
