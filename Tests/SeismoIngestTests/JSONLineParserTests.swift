import Foundation
import SeismoIngest
import SeismoTestSupport
import Testing

@Suite struct JSONLineParserTests {
    private func rows(_ text: String, arrivalTime: Int64 = 42) -> [String] {
        var h = ParseHarness(JSONLineParser(), arrivalTime: arrivalTime)
        h.feed(text)
        return h.rows.map(\.description)
    }

    @Test func basicLine() {
        #expect(rows(#"{"name":"cpu","labels":{"host":"a","region":"eu"},"value":1.5,"timestamp":1700000000}"#) == [
            #"cpu{host="a",region="eu"} 1.5 @1700000000000000000"#
        ])
    }

    @Test func keysInAnyOrderAndUnknownKeysWithNestedValuesSkipped() {
        let line = #"""
            { "extra": {"a": [1, {"b": "}]{"}, null, true, -0.5e-3], "c": {}}, "value" : 2 ,"list":[[[]]],
              "timestamp": 5e9, "meta": "{\"name\":\"fake\"}", "labels": {"k": "v"}, "name": "m", "z": null }
            """#.replacingOccurrences(of: "\n", with: " ")
        #expect(rows(line) == [#"m{k="v"} 2.0 @5000000000000000000"#])
    }

    @Test func tagsIsAnotherSpellingOfLabelsAndDuplicateKeysLastWins() {
        #expect(rows(#"{"name":"m","tags":{"a":"1"},"value":1,"timestamp":1}"#) == [#"m{a="1"} 1.0 @1000000000"#])
        #expect(rows(#"{"name":"x","name":"m","labels":{"a":"1"},"tags":{"b":"2"},"value":1,"value":3,"timestamp":1}"#)
            == [#"m{b="2"} 3.0 @1000000000"#])
        #expect(rows(#"{"name":"m","labels":{"a":"2","b":"x","a":"1"},"value":1,"timestamp":1}"#)
            == [#"m{a="1",b="x"} 1.0 @1000000000"#], "repeated label: the later one wins, not the greater")
    }

    @Test func labelOrderAndSpacingDoNotChangeTheSeries() {
        var h = ParseHarness(JSONLineParser())
        h.feed(#"""
            {"name":"m","labels":{"a":"1","b":"2"},"value":1}
            {"name":"m","labels":{"b":"2","a":"1"},"value":2}
            {"name":"m","labels":{ "a" : "1" , "b":"2" },"value":3}
            {"name":"m","labels":{"a":"1","b":"2"},"value":4}
            {"value":5,"labels":{"a":"1","b":"2"},"name":"m"}
            {"name":"m","labels":{"a":"1","b":"3"},"value":6}
            """#)
        #expect(h.rows.map(\.value) == [1, 2, 3, 4, 5, 6])
        #expect(h.seriesCount == 2)
        #expect(h.rows.last?.series == #"m{a="1",b="3"}"#)
    }

    @Test func stringEscapes() {
        let line = #"{"name":"m\u00e9\/x","labels":{"q":"a\"b\\c","ws":"\t\n\r\b\f","emoji":"\ud83d\ude00","e":"\u00E9"},"value":1}"#
        var h = ParseHarness(JSONLineParser())
        h.feed(line)
        h.feed(line)
        #expect(h.rows.count == 2)
        #expect(h.seriesCount == 1)
        guard let series = h.rows.first?.series else { return }
        #expect(series.hasPrefix("mé/x{"))
        #expect(series.contains(#"emoji="😀""#))
        #expect(series.contains(#"e="é""#))
        #expect(series.contains(#"q="a\"b\\c""#))
        #expect(series.contains("ws=\"\t\\n\r\u{08}\u{0C}\""))
    }

    @Test func escapedAndRawSpellingsOfTheSameSeriesShareIt() {
        var h = ParseHarness(JSONLineParser())
        h.feed(#"{"name":"caf\u00e9","labels":{"k":"v"},"value":1}"#)
        h.feed(#"{"name":"café","labels":{"\u006b":"\u0076"},"value":2}"#)
        h.feed(#"{"na\u006de":"café","labels":{"k":"v"},"val\u0075e":3}"#)
        #expect(h.rows.map(\.value) == [1, 2, 3])
        #expect(h.seriesCount == 1)
    }

    @Test func labelValueTypes() {
        #expect(rows(#"{"name":"m","labels":{"port":8080,"tls":true,"off":false,"ratio":1.50,"gone":null,"blank":""},"value":1}"#)
            == [#"m{off="false",port="8080",ratio="1.50",tls="true"} 1.0 @42"#])
        var h = ParseHarness(JSONLineParser())
        h.feed(#"{"name":"m","labels":{"port":8080},"value":1}"#)
        h.feed(#"{"name":"m","labels":{"port":"8080"},"value":1}"#)
        h.feed(#"{"name":"m","labels":{"port":"8080","x":null},"value":1}"#)
        h.feed(#"{"name":"m","labels":null,"value":1}"#)
        h.feed(#"{"name":"m","labels":{},"value":1}"#)
        h.feed(#"{"name":"m","value":1}"#)
        #expect(h.rows.count == 6)
        #expect(h.seriesCount == 2, "8080 and \"8080\" name one series; no labels, {} and null another")
    }

    @Test(arguments: [
        ("1.5", 1.5), ("-2", -2), ("0", 0), ("1e3", 1000), ("-0.25E-2", -0.0025), (#""1.5""#, 1.5),
        (#""-3e2""#, -300), (#""+7""#, 7), (#"".5""#, 0.5), ("true", 1), ("false", 0), (#""\u0031\u0032""#, 12),
    ])
    func valueForms(json: String, expected: Double) {
        var h = ParseHarness(JSONLineParser())
        h.feed(#"{"name":"m","value":"# + json + "}")
        #expect(h.rows.map(\.value) == [expected], "\(json)")
    }

    @Test(arguments: [
        ("1700000000", Int64(1_700_000_000_000_000_000)),
        ("1700000000.25", 1_700_000_000_250_000_000),
        ("1700000000123", 1_700_000_000_123_000_000),
        ("1700000000123456", 1_700_000_000_123_456_000),
        ("1700000000123456789", 1_700_000_000_123_456_789),
        ("1.7e9", 1_700_000_000_000_000_000),
        ("-1", -1_000_000_000),
        (#""2026-11-01T00:00:00Z""#, 1_793_491_200_000_000_000),
        (#""2026-11-01T02:00:00.5+02:00""#, 1_793_491_200_500_000_000),
        (#""2026-11-01 00:00:00""#, 1_793_491_200_000_000_000),
        (#""1700000000""#, 1_700_000_000_000_000_000),
        (#""2026\u002d11-01T00:00:00Z""#, 1_793_491_200_000_000_000),
        ("null", 42),
    ])
    func timestampForms(json: String, expected: Int64) {
        var h = ParseHarness(JSONLineParser(), arrivalTime: 42)
        h.feed(#"{"name":"m","value":1,"timestamp":"# + json + "}")
        #expect(h.rows.map(\.timestamp) == [expected], "\(json)")
    }

    @Test func precisionDoesNotApplyToJSONTimestamps() {
        var h = ParseHarness(JSONLineParser(), precision: .s)
        h.feed(#"{"name":"m","value":1,"timestamp":1700000000123}"#)
        #expect(h.rows.map(\.timestamp) == [1_700_000_000_123_000_000])
    }

    @Test func missingTimestampGetsArrivalTime() {
        #expect(rows(#"{"name":"m","value":1}"#, arrivalTime: 99) == ["m 1.0 @99"])
    }

    @Test(arguments: [
        // Grammar
        (#"{"name":"m","value":1} x"#, RejectReason.syntax),
        (#"{"name":"m","value":1}}"#, .syntax),
        (#"{"name":"m","value":1}{"name":"m","value":1}"#, .syntax),
        (#"{"name":"m","value":1"#, .syntax),
        (#"{"name":"m","value":1,}"#, .syntax),
        (#"{"name":"m",,"value":1}"#, .syntax),
        (#"{"name" "m","value":1}"#, .syntax),
        (#"{name:"m","value":1}"#, .syntax),
        (#"{'name':'m','value':1}"#, .syntax),
        (#"{"name":"m","value":01}"#, .syntax),
        (#"{"name":"m","value":1.}"#, .syntax),
        (#"{"name":"m","value":.5}"#, .syntax),
        (#"{"name":"m","value":-}"#, .syntax),
        (#"{"name":"m","value":+1}"#, .syntax),
        (#"{"name":"m","value":1e}"#, .syntax),
        (#"{"name":"m","value":0x10}"#, .syntax),
        (#"{"name":"m","value":tru}"#, .syntax),
        (#"{"name":"m","value":True}"#, .syntax),
        (#"{"name":"m","value":NaN}"#, .syntax),
        (#"{"name":"m","value":1,"x":[1,2}"#, .syntax),
        (#"{"name":"m","value":1,"x":[1 2]}"#, .syntax),
        (#"{"name":"m","value":1,"x":"a\x"}"#, .syntax),
        (#"{"name":"m","value":1,"x":"\u12"}"#, .syntax),
        (#"{"name":"m","value":1,"x":"\u12G4"}"#, .syntax),
        (#"{"name":"m","value":1,"x":"\ud83d"}"#, .syntax),
        (#"{"name":"m","value":1,"x":"\ud83dx"}"#, .syntax),
        (#"{"name":"m","value":1,"x":"\ud83d\u0041"}"#, .syntax),
        (#"{"name":"m","value":1,"x":"\ude00"}"#, .syntax),
        ("{\"name\":\"m\",\"value\":1,\"x\":\"a\tb\"}", .syntax),
        (#"{"name":"m","value":1,"x":"unterminated}"#, .syntax),
        (#"[{"name":"m","value":1}]"#, .syntax),
        (#""m""#, .syntax),
        ("# comment", .syntax),
        // Required keys and their types
        (#"{"value":1}"#, .syntax),
        (#"{"name":"m"}"#, .syntax),
        (#"{"name":"","value":1}"#, .syntax),
        (#"{"name":5,"value":1}"#, .syntax),
        (#"{"name":null,"value":1}"#, .syntax),
        (#"{"name":"m","labels":["a"],"value":1}"#, .syntax),
        (#"{"name":"m","labels":"a=b","value":1}"#, .syntax),
        (#"{"name":"m","labels":{"a":{"b":"c"}},"value":1}"#, .syntax),
        (#"{"name":"m","labels":{"a":["b"]},"value":1}"#, .syntax),
        (#"{"name":"m","labels":{"":"b"},"value":1}"#, .syntax),
        (#"{"name":"m\u0000","value":1}"#, .invalidEncoding),
        (#"{"name":"m","labels":{"a":"\u0000"},"value":1}"#, .invalidEncoding),
        // Values
        (#"{"name":"m","value":null}"#, .badNumber),
        (#"{"name":"m","value":"abc"}"#, .badNumber),
        (#"{"name":"m","value":""}"#, .badNumber),
        (#"{"name":"m","value":" 1"}"#, .badNumber),
        (#"{"name":"m","value":"1,5"}"#, .badNumber),
        (#"{"name":"m","value":{}}"#, .badNumber),
        (#"{"name":"m","value":[1]}"#, .badNumber),
        (#"{"name":"m","value":"NaN"}"#, .nonFinite),
        (#"{"name":"m","value":"-Inf"}"#, .nonFinite),
        (#"{"name":"m","value":1e400}"#, .nonFinite),
        // Timestamps
        (#"{"name":"m","value":1,"timestamp":true}"#, .badTimestamp),
        (#"{"name":"m","value":1,"timestamp":{}}"#, .badTimestamp),
        (#"{"name":"m","value":1,"timestamp":""}"#, .badTimestamp),
        (#"{"name":"m","value":1,"timestamp":"yesterday"}"#, .badTimestamp),
        (#"{"name":"m","value":1,"timestamp":"2026-02-30T00:00:00Z"}"#, .badTimestamp),
        (#"{"name":"m","value":1,"timestamp":1e30}"#, .badTimestamp),
        (#"{"name":"m","value":1,"timestamp":9300000000}"#, .badTimestamp),
    ])
    func rejections(line: String, reason: RejectReason) {
        var h = ParseHarness(JSONLineParser())
        h.feed(line)
        #expect(h.rejected(reason) == 1, "\(line) should be rejected as \(reason); stats: \(h.stats.rejects)")
        #expect(h.rows.isEmpty)
        #expect(h.seriesCount == 0, "a rejected line must not create a series")
    }

    @Test func nestingIsBoundedNotAStackOverflow() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var h = ParseHarness(JSONLineParser())
        h.feed(#"{"name":"m","value":1,"x":"# + deep + "}")
        #expect(h.rejected(.syntax) == 1)
        let fine = String(repeating: #"{"a":"#, count: 60) + "1" + String(repeating: "}", count: 60)
        h.feed(#"{"name":"m","value":1,"x":"# + fine + "}")
        #expect(h.rows.count == 1)
    }

    @Test func blankLinesAndByteOrderMarkAreSkipped() {
        var h = ParseHarness(JSONLineParser())
        h.feed(bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"name":"m","value":1}"#.utf8))
        h.feed("\n   \n\t")
        h.feed(#"  {"name":"m","value":2}  "#)
        #expect(h.rows.map(\.value) == [1, 2])
        #expect(h.stats.rejectedLines == 0)
        #expect(h.stats.lines == 5)
    }

    @Test func labelCapsApply() {
        var limits = IngestLimits()
        limits.maxLabels = 1
        limits.maxLabelValueLength = 3
        var h = ParseHarness(JSONLineParser(), limits: limits)
        h.feed(#"{"name":"m","labels":{"a":"1","b":"2"},"value":1}"#)
        h.feed(#"{"name":"m","labels":{"a":"1234"},"value":1}"#)
        h.feed(#"{"name":"m","labels":{"a":"123","b":null},"value":1}"#)
        #expect(h.rejected(.tooManyLabels) == 1)
        #expect(h.rejected(.labelTooLong) == 1)
        #expect(h.rows.count == 1)
    }

    @Test func rejectMessageNamesTheProblem() {
        var h = ParseHarness(JSONLineParser())
        h.feed(#"{"name":"m","value":null}"#)
        #expect(h.messages == [#"stdin:1: rejected (bad number): value is null: "{\"name\":\"m\",\"value\":null}""#])
    }
}
