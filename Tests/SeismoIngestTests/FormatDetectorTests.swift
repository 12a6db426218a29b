import SeismoIngest
import Testing

@Suite struct FormatDetectorTests {
    private func detect(_ text: String) -> InputFormat? {
        Array(text.utf8).withUnsafeBytes { FormatDetector.detect($0) }
    }

    static let samples: [(String, InputFormat)] = [
        // Prometheus exposition, with and without metadata.
        ("""
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        """, InputFormat.prometheus),
        ("up 1\nprocess_cpu_seconds_total 12.47\nnode_load1 0.5 1700000000000\n", .prometheus),
        (#"api_latency{path="/v1/items/{id} list",q="a=b"} 0.25\#n"#, .prometheus),
        (#"{"my.metric", env="prod"} 1 1700000000000\#n"#, .prometheus),
        ("go_goroutines +Inf\nweird NaN\n", .prometheus),
        ("# TYPE m gauge\nm{a=\"1\"} 1\n# EOF\n", .prometheus),
        ("# EOF\n", .prometheus),
        // Influx line protocol.
        ("cpu,host=a,region=eu usage_idle=97.5,usage_user=1.2 1700000000000000000\n", .influx),
        ("weather temp=21.5\nweather temp=22.0,hum=40i\n", .influx),
        (#"log,app=x msg="hello world, again",count=1i 1700000000000000000\#n"#, .influx),
        (#"my\ meas,tag\ key=a\ b value=1\#n"#, .influx),
        ("# written by telegraf\ncpu value=1 1700000000\n", .influx),
        ("disk,path=/var/lib.d used=5 1700000000000000000\n", .influx),
        // Graphite plaintext.
        ("servers.web01.cpu.load 0.5 1700000000\nservers.web02.cpu.load 0.7 1700000000\n", .graphite),
        ("disk.used;dc=eu;host=a 42 1700000000\n", .graphite),
        ("uptime 12345 1700000000\n", .graphite),
        ("app.requests 10\n", .graphite),
        ("app.requests 10 -1\n", .graphite),
        // StatsD and DogStatsD.
        ("page.views:1|c\nlatency:320|ms|@0.1\nqueue.depth:-5|g\nusers:alice|s\n", .statsd),
        ("api.calls:1|c|#env:prod,host:a\nreq.size:512|h\nbytes:7|d\n", .statsd),
        // JSON lines.
        (#"{"name":"cpu","labels":{"host":"a"},"value":1.5,"timestamp":1700000000}\#n"#, .jsonl),
        (#"  {"value": 1, "name": "m"}\#n"#, .jsonl),
        // CSV.
        ("timestamp,value\n1700000000,1.5\n", .csv),
        ("Host , Value, TIMESTAMP\na,1,2026-11-01T00:00:00Z\n", .csv),
        ("\u{FEFF}\"timestamp\",\"value\",\"name\"\n", .csv),
        ("1700000000,1.5\n1700000060,1.7\n", .csv),
        ("2026-11-01 00:00:00,1.5\n", .csv),
    ]

    @Test(arguments: samples)
    func realisticSamples(text: String, expected: InputFormat) {
        #expect(detect(text) == expected, "\(text)")
    }

    static let ambiguous: [(String, InputFormat)] = [
        // `name value ts`: 10-digit seconds is graphite, 13-digit milliseconds is prometheus.
        ("foo 1 1700000000\n", InputFormat.graphite),
        ("foo 1 1700000000000\n", .prometheus),
        // No timestamp: a dotted path can only be graphite, a plain name is prometheus.
        ("foo 1\n", .prometheus),
        ("foo.bar 1\n", .graphite),
        // A `{` line that is a Prometheus sample with a quoted name is not JSON.
        (#"{"a.b"} 1\#n"#, .prometheus),
        // Influx needs '=' in the field set; prometheus labels hold '=' only inside braces.
        (#"m{a="b"} 1\#n"#, .prometheus),
        ("m a=1\n", .influx),
        // Lines that fit several shapes resolve to the first fitting format for every line.
        ("foo 1 1700000000\nbar 2 1700000000\n", .graphite),
        ("foo 1 1700000000\nbar 2\n", .prometheus),
        // A majority decides when no format fits every line.
        ("cpu value=1\ncpu value=2\ncpu value=3\nthis is not anything\n", .influx),
        // Metadata anywhere in the sample is decisive.
        ("foo.bar 1 1700000000\n# TYPE foo gauge\n", .prometheus),
        // CRLF line ends are fine.
        ("cpu value=1\r\ncpu value=2\r\n", .influx),
    ]

    @Test(arguments: ambiguous)
    func ambiguousCasesResolveAsDocumented(text: String, expected: InputFormat) {
        #expect(detect(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "", "\n\n  \n", "# just a comment\n# and another\n", "hello world foo bar\n", "garbage\n",
        "cpu value=1\nup 1\n", "timestamp;value\n1;2\n", "a,b,c\n1,2,3\n",
    ])
    func cannotTell(text: String) {
        #expect(detect(text) == nil, "\(text)")
    }

    @Test func theUnterminatedLastLineCountsOnlyWhenNoLineIsComplete() {
        #expect(detect("cpu value=1") == .influx)
        #expect(detect("page.views:1|c") == .statsd)
        #expect(detect(#"{"name":"m","value":1,"labels":{"host":"#) == .jsonl, "a long JSON line cut short")
        #expect(detect("up 1\nhalf a line of something") == .prometheus)
    }

    @Test func onlyTheFirstTwentyLinesAreSampled() {
        let good = String(repeating: "up 1\n", count: FormatDetector.sampleLines)
        let bad = String(repeating: "not a metric line at all\n", count: 30)
        #expect(detect(good + bad) == .prometheus)
        #expect(detect(String(repeating: "up 1\n", count: 10) + bad) == nil, "10 of 20 sampled lines is no majority")
    }

    @Test func blankLinesDoNotCountTowardsTheSample() {
        let text = String(repeating: "\n", count: 50) + "cpu value=1\n"
        #expect(detect(text) == .influx)
    }
}
