import SeismoIngest
import SeismoTestSupport
import Testing

@Suite struct CSVLineParserTests {
    private func rows(_ text: String) -> [String] {
        var h = ParseHarness(CSVLineParser())
        h.feed(text)
        return h.rows.map(\.description)
    }

    @Test func headerWithNameAndLabelColumns() {
        #expect(rows("""
            timestamp,name,value,host
            1700000000,cpu,1.5,a
            1700000001,mem,2,b
            """) == [
            #"cpu{host="a"} 1.5 @1700000000000000000"#,
            #"mem{host="b"} 2.0 @1700000001000000000"#,
        ])
    }

    @Test func columnsInAnyOrderAndAnyCaseLabelNamesKeepTheirCase() {
        #expect(rows("Value,Host,TIMESTAMP,Name\n3,x,1700000000,up") == [#"up{Host="x"} 3.0 @1700000000000000000"#])
    }

    @Test func withoutANameColumnTheMetricIsCalledValue() {
        #expect(rows("timestamp,value\n1700000000,4") == ["value 4.0 @1700000000000000000"])
        #expect(rows("timestamp,value,dc\n1700000000,4,eu") == [#"value{dc="eu"} 4.0 @1700000000000000000"#])
    }

    @Test func emptyLabelFieldMeansNoSuchLabel() {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value,a,b\n1,1,x,\n2,2,x,\"\"\n3,3,x,y")
        #expect(h.rows.map(\.series) == ["value{a=\"x\"}", "value{a=\"x\"}", #"value{a="x",b="y"}"#])
        #expect(h.seriesCount == 2)
    }

    @Test func quotedFieldsAndBlanksAroundFields() {
        let text = [
            #""timestamp" , "value", "name", "note""#,
            #"1700000000, "2.5" ,"my metric", "a ""quoted"", comma-holding note""#,
            "\t1700000001 ,-1e3,   plain   ,  spaced out  ",
        ].joined(separator: "\n")
        #expect(rows(text) == [
            #"my metric{note="a \"quoted\", comma-holding note"} 2.5 @1700000000000000000"#,
            #"plain{note="spaced out"} -1000.0 @1700000001000000000"#,
        ])
    }

    @Test func fieldSpellingsDoNotSplitASeriesButFieldBoundariesDo() {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value,a,b\n1,1,x,y\n2,2,\"x\",\"y\"\n3,3, x , y\n4,4,xy,\n5,5,x,y")
        #expect(h.rows.count == 5)
        #expect(h.seriesCount == 2)
        #expect(h.rows.map(\.series) == [
            #"value{a="x",b="y"}"#, #"value{a="x",b="y"}"#, #"value{a="x",b="y"}"#, #"value{a="xy"}"#,
            #"value{a="x",b="y"}"#,
        ])
    }

    @Test(arguments: [
        ("2026-11-01T00:00:00Z", Int64(1_793_491_200_000_000_000)),
        ("2026-11-01 00:00:00", 1_793_491_200_000_000_000),
        ("2026-11-01 02:00:00.125+02:00", 1_793_491_200_125_000_000),
        ("2026-11-01T00:00:00.000000001Z", 1_793_491_200_000_000_001),
        ("2026-11-01", 1_793_491_200_000_000_000),
        ("\"2026-11-01T00:00:00Z\"", 1_793_491_200_000_000_000),
        ("1793491200", 1_793_491_200_000_000_000),
        ("1793491200.75", 1_793_491_200_750_000_000),
        ("1793491200123", 1_793_491_200_123_000_000),
        ("1793491200123456", 1_793_491_200_123_456_000),
        ("1793491200123456789", 1_793_491_200_123_456_789),
    ])
    func timestampSpellings(field: String, expected: Int64) {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value\n\(field),1")
        #expect(h.rows.map(\.timestamp) == [expected], "\(field)")
    }

    @Test(arguments: [
        ("1,", RejectReason.badNumber),
        ("1,\"\"", .badNumber),
        ("1,abc", .badNumber),
        ("1,1.5x", .badNumber),
        ("1,NaN", .nonFinite),
        ("1,-Inf", .nonFinite),
        (",1", .badTimestamp),
        ("yesterday,1", .badTimestamp),
        ("2026-02-30T00:00:00Z,1", .badTimestamp),
        ("2026-11-01T00:00:00+25:00,1", .badTimestamp),
        ("1", .syntax),
        ("1,2,3", .syntax),
        ("1,2,", .syntax),
        ("1,2\"", .syntax),
        ("1,\"2\"x", .syntax),
        ("1,\"2", .syntax),
    ])
    func rejections(record: String, reason: RejectReason) {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value\n" + record)
        #expect(h.rejected(reason) == 1, "\(record) should be rejected as \(reason); stats: \(h.stats.rejects)")
        #expect(h.stats.rejectedLines == 1)
        #expect(h.rows.isEmpty)
        #expect(h.seriesCount == 0, "a rejected line must not create a series")
    }

    @Test func emptyNameIsASyntaxError() {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value,name\n1,1,\n2,2,\"\"\n3,3,ok")
        #expect(h.rejected(.syntax) == 2)
        #expect(h.rows.map(\.series) == ["ok"])
    }

    @Test func headerlessTimestampValueFiles() {
        var h = ParseHarness(CSVLineParser())
        h.feed("1700000000,1.5\n2026-11-01T00:00:00Z,2\n1700000002,x\n1,2,3")
        #expect(h.rows.map(\.description) == [
            "value 1.5 @1700000000000000000", "value 2.0 @1793491200000000000",
        ])
        #expect(h.rejected(.badNumber) == 1)
        #expect(h.rejected(.syntax) == 1)
    }

    @Test func aFirstLineThatIsNeitherHeaderNorRecordIsRejectedAndTheNextIsTried() {
        var h = ParseHarness(CSVLineParser())
        h.feed("time,reading\nsome,title,line\ntimestamp,value\n1700000000,1")
        #expect(h.rejected(.syntax) == 2)
        #expect(h.rows.map(\.value) == [1])
    }

    @Test(arguments: ["timestamp,value,host,HOST", "timestamp,value,Value", "timestamp,value,,x", "timestamp,value,name,NAME"])
    func unusableHeadersAreSyntaxErrors(header: String) {
        var h = ParseHarness(CSVLineParser())
        h.feed(header)
        #expect(h.rejected(.syntax) == 1, "\(header)")
    }

    @Test func repeatedHeaderIsSkippedNotRejected() {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value,host\n1,1,a\nTimestamp,Value,host\n2,2,a")
        #expect(h.rows.map(\.value) == [1, 2])
        #expect(h.stats.rejectedLines == 0)
        #expect(h.stats.lines == 4)
    }

    @Test func byteOrderMarkAndBlankLines() {
        var h = ParseHarness(CSVLineParser())
        h.feed("")
        h.feed(bytes: [0xEF, 0xBB, 0xBF] + Array("timestamp,value".utf8))
        h.feed("\n  \n1700000000,7")
        #expect(h.rows.map(\.value) == [7])
        #expect(h.stats.rejectedLines == 0)
    }

    @Test func headerOnlyGivesNothingAndRejectsNothing() {
        var h = ParseHarness(CSVLineParser())
        h.feed("timestamp,value,host")
        #expect(h.rows.isEmpty)
        #expect(h.stats.rejectedLines == 0)
    }

    @Test func labelCapsApply() {
        var limits = IngestLimits()
        limits.maxLabelValueLength = 3
        var h = ParseHarness(CSVLineParser(), limits: limits)
        h.feed("timestamp,value,host\n1,1,abcd\n2,2,abc")
        #expect(h.rejected(.labelTooLong) == 1)
        #expect(h.rows.map(\.value) == [2])
    }
}
