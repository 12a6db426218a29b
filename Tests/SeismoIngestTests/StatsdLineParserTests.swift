import SeismoCore
import SeismoIngest
import SeismoTestSupport
import Testing

@Suite struct StatsdLineParserTests {
    @Test func everyTypeGivesASeriesNamedAsWrittenWithoutATypeLabel() {
        var h = ParseHarness(StatsdLineParser())
        h.feed(
            """
            page.views:1|c
            fuel.level:0.5|g
            api.latency:320|ms
            song.length:240|h
            upload.size:1024|d
            users.unique:alice|s
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.description) == [
            "page.views 1.0 @42", "fuel.level 0.5 @42", "api.latency 320.0 @42",
            "song.length 240.0 @42", "upload.size 1024.0 @42", "users.unique 1.0 @42",
        ])
    }

    @Test func theTypeIsNotPartOfTheSeries() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("x:1|c\nx:2|g\nx:3|ms")
        #expect(h.seriesCount == 1)
        #expect(h.rows.map(\.value) == [1, 2, 3])
    }

    @Test func sampledCountersAreScaledByTheInverseRate() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("hits:1|c|@0.1\nhits:3|c|@0.5\nhits:-2|c|@1\nhits:1.5|c")
        #expect(h.rows.map(\.value) == [10, 6, -2, 1.5])
    }

    @Test func sampleRateDoesNotScaleTimersHistogramsDistributionsOrGauges() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("t:100|ms|@0.1\nh:7|h|@0.5\nd:9|d|@0.25\ng:4|g|@0.5")
        #expect(h.rows.map(\.value) == [100, 7, 9, 4])
    }

    @Test func signedGaugeValuesAreRelativeToTheCurrentValue() {
        var h = ParseHarness(StatsdLineParser())
        h.feed(
            """
            g:+5|g
            g:10|g
            g:-3|g
            g:+0.5|g
            g:0|g
            g:-4|g
            other:+1|g
            g:1:+1:-3|g
            """)
        #expect(h.rows.map(\.description) == [
            "g 5.0 @42", "g 10.0 @42", "g 7.0 @42", "g 7.5 @42", "g 0.0 @42", "g -4.0 @42", "other 1.0 @42",
            "g 1.0 @42", "g 2.0 @42", "g -1.0 @42",
        ])
    }

    @Test func gaugesWithDifferentTagsAreSeparateGauges() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("q:10|g|#host:a\nq:20|g|#host:b\nq:+1|g|#host:a\nq:-1|g|#host:b")
        #expect(h.rows.map(\.value) == [10, 20, 11, 19])
    }

    @Test func aRejectedGaugeLineDoesNotChangeTheGauge() {
        var h = ParseHarness(StatsdLineParser())
        h.feed(
            """
            g:10|g|T100
            g:+5|g|T50
            g:+1:+x|g
            g:+1|g|@2
            g:+1|g|T100
            """)
        #expect(h.rejected(.outOfOrder) == 1)
        #expect(h.rejected(.badNumber) == 2)
        #expect(h.rows.map(\.value) == [10, 11])
    }

    @Test func aGaugeOverflowIsRejectedAndKeepsTheOldValue() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("g:1.5e308|g\ng:+1e308|g\ng:-1e308|g")
        #expect(h.rejected(.nonFinite) == 1)
        #expect(h.rows.map(\.value) == [1.5e308, 1.5e308 - 1e308])
    }

    @Test func setsEmitOnePerMember() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("visitors:alice|s\nvisitors:bob:carol:alice|s\nvisitors:12|s")
        #expect(h.rows.map(\.value) == [1, 1, 1, 1, 1])
        #expect(h.seriesCount == 1)
    }

    @Test func severalValuesOnOneLineAreSeveralSamples() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("lat:1:2.5:3|ms|#env:prod\nc:1:2|c|@0.5")
        #expect(h.rows.map(\.description) == [
            #"lat{env="prod"} 1.0 @42"#, #"lat{env="prod"} 2.5 @42"#, #"lat{env="prod"} 3.0 @42"#,
            "c 2.0 @42", "c 4.0 @42",
        ])
    }

    @Test func dogStatsDTagsBecomeLabels() {
        var h = ParseHarness(StatsdLineParser())
        h.feed(
            """
            req:1|c|#env:prod,url:http://x:8080/a,canary
            req:1|c|#canary,url:http://x:8080/a,env:prod
            req:1|c|#env:prod,,url:http://x:8080/a,canary,
            req:1|c|#env:dev,env:prod,url:http://x:8080/a,canary
            req:1|c|#canary:true,env:prod,url:http://x:8080/a
            req:1|c|#
            req:1|c
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.first?.description == #"req{canary="true",env="prod",url="http://x:8080/a"} 1.0 @42"#)
        #expect(h.seriesCount == 2)
        #expect(h.rows.last?.description == "req 1.0 @42")
    }

    @Test func timestampSectionAndUnknownSectionsInAnyOrder() {
        var h = ParseHarness(StatsdLineParser())
        h.feed(
            """
            a:1|c|T1700000000
            a:2|c|#t:v|c:83c0a99c0a54c0c187f461c7980e9b57f3f6a8b0c918c8d93df19a9de6f3fe1d|T1700000001.25
            a:3|g|T1700000002|e:it-false,cn-web,pu-a8f1|x:future|@0.5
            """)
        #expect(h.stats.rejectedLines == 0, "\(h.messages)")
        #expect(h.rows.map(\.description) == [
            "a 1.0 @1700000000000000000",
            #"a{t="v"} 2.0 @1700000001250000000"#,
            "a 3.0 @1700000002000000000",
        ])
    }

    @Test func precisionDoesNotApplyToStatsdTimestamps() {
        var h = ParseHarness(StatsdLineParser(), precision: .ms)
        h.feed("a:1|c|T5")
        #expect(h.rows.first?.timestamp == 5_000_000_000)
    }

    @Test func eventsAndServiceChecksAreSkippedAndCountedAsIgnored() {
        var h = ParseHarness(StatsdLineParser())
        h.feed(
            """
            _e{5,4}:title|text|#env:prod
            _sc|my.check|0|#env:prod
            # comment

            a:1|c
            """)
        #expect(h.stats.rejectedLines == 0)
        #expect(h.stats.ignoredValues == 2)
        #expect(h.rows.count == 1)
        #expect(h.stats.lines == 5)
    }

    @Test(arguments: [
        ("a", RejectReason.syntax),
        ("a|c", .syntax),
        (":1|c", .syntax),
        ("a:1", .syntax),
        ("a:1|", .syntax),
        ("a:1|x", .syntax),
        ("a:1|cc", .syntax),
        ("a:1|c:2|g", .syntax),
        ("a:|c", .syntax),
        ("a:1:|c", .syntax),
        ("a:1::2|ms", .syntax),
        ("a:1|c||#t", .syntax),
        ("a:1|c|", .syntax),
        ("a:1|c|@0.5|@0.5", .syntax),
        ("a:1|c|#a|#b", .syntax),
        ("a:1|c|T1|T2", .syntax),
        ("a b:1|c", .syntax),
        ("a:1|c|#:v", .syntax),
        ("a:1|c|#k:", .syntax),
        ("a:x|c", .badNumber),
        ("a:1:2:x|ms", .badNumber),
        ("a:1|c|@", .badNumber),
        ("a:1|c|@0", .badNumber),
        ("a:1|c|@1.5", .badNumber),
        ("a:1|c|@-1", .badNumber),
        ("a:1|c|@x", .badNumber),
        ("a:1|c|T", .badTimestamp),
        ("a:1|c|Tnow", .badTimestamp),
        ("a:1|c|T1e30", .badTimestamp),
        ("a:nan|g", .nonFinite),
        ("a:1:inf|ms", .nonFinite),
        ("a:1e308|c|@0.1", .nonFinite),
    ])
    func rejections(line: String, reason: RejectReason) {
        var h = ParseHarness(StatsdLineParser())
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
        var h = ParseHarness(StatsdLineParser(), limits: limits)
        h.feed("m:1|c|#a:1,b:2\nm:1|c|#a:1234\nm:1|c|#a:1\nm:1|c|#a:2\nm:1|c|#a:3\nm:2|c|#a:1")
        #expect(h.rejected(.tooManyLabels) == 1)
        #expect(h.rejected(.labelTooLong) == 1)
        #expect(h.rejected(.seriesLimit) == 1)
        #expect(h.rows.map(\.value) == [1, 1, 2])
    }

    @Test func surroundingBlanksAreTrimmed() {
        var h = ParseHarness(StatsdLineParser())
        h.feed("  \ta:1|c|#t:v \t")
        #expect(h.rows.map(\.description) == [#"a{t="v"} 1.0 @42"#])
    }
}
