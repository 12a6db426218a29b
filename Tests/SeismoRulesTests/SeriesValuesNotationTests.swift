import SeismoCore
import SeismoRules
import Testing

/// The expanding notation of `input_series.values`. Every row was checked against `promtool test rules`
/// (Prometheus 2.42, Debian's package) by loading the values and querying each step.
@Suite struct SeriesValuesNotationTests {
    private static let nan = SeriesValue.number(.nan)

    private static func n(_ values: Double...) -> [SeriesValue] { values.map(SeriesValue.number) }

    @Test(arguments: [
        ("1+2x3", n(1, 3, 5, 7)),
        ("1-2x3", n(1, -1, -3, -5)),
        ("-2+4x3", n(-2, 2, 6, 10)),
        ("1x3", n(1, 1, 1, 1)),
        ("1x0", n(1)),
        ("1+2x0", n(1)),
        ("1x01", n(1, 1)),
        ("1e3x2", n(1000, 1000, 1000)),
        ("1+1e0x2", n(1, 2, 3)),
        ("1+.5x2", n(1, 1.5, 2)),
        ("1 -1x1", n(1, -1, -1)),
        // hexadecimal is off: `0x10` is 0 repeated 11 times.
        ("0x10", Array(repeating: SeriesValue.number(0), count: 11)),
        ("1e3 -1 +1 .5 1.", n(1000, -1, 1, 0.5, 1)),
        ("-.5 1E2", n(-0.5, 100)),
        // a leading zero means octal, as in Go's ParseInt(s, 0, 64); 09 is not octal and reads as decimal.
        ("010 09 -010", n(8, 9, -8)),
        ("  1\t2  ", n(1, 2)),
        ("", []),
    ] as [(String, [SeriesValue])])
    func numbersAndRuns(text: String, expected: [SeriesValue]) throws {
        #expect(try SeriesValuesNotation.expand(text) == expected)
    }

    @Test func infinitiesAndNaNInAnyCase() throws {
        let values = try SeriesValuesNotation.expand("Inf -Inf NaN inf nan INF +Inf")
        #expect(values == [.number(.infinity), .number(-.infinity), Self.nan, .number(.infinity), Self.nan,
                           .number(.infinity), .number(.infinity)])
        #expect(try SeriesValuesNotation.expand("-Inf+1x2") == Self.n(-.infinity, -.infinity, -.infinity))
        #expect(try SeriesValuesNotation.expand("NaN+1x2") == [Self.nan, Self.nan, Self.nan])
    }

    @Test func missingAndStale() throws {
        #expect(try SeriesValuesNotation.expand("1 _ 2") == [.number(1), .missing, .number(2)])
        // `_xn` is n gaps, unlike `axn`'s n+1 values.
        #expect(try SeriesValuesNotation.expand("_x3 1") == [.missing, .missing, .missing, .number(1)])
        #expect(try SeriesValuesNotation.expand("_x0 1") == [.number(1)])
        #expect(try SeriesValuesNotation.expand("1 stale 2") == [.number(1), .stale, .number(2)])
        // A stale marker plus a step is an ordinary NaN after the first value.
        #expect(try SeriesValuesNotation.expand("stale+1x2") == [.stale, Self.nan, Self.nan])
        #expect(try SeriesValuesNotation.expand("stale-1x1") == [.stale, Self.nan])
    }

    @Test func runsAddRepeatedlyLikePrometheus() throws {
        // 0.1 + 4 × 0.7 is 2.9, but adding 0.7 four times gives 2.9000000000000004, which is what promtool loads.
        let values = try SeriesValuesNotation.expand("0.1+0.7x5")
        var expected: [SeriesValue] = []
        var v = 0.1
        for _ in 0...5 {
            expected.append(.number(v))
            v += 0.7
        }
        #expect(values == expected)
        #expect(values[4] == .number(2.9000000000000004))
        #expect(values[4] != .number(0.1 + 4 * 0.7))
    }

    @Test(arguments: [
        ("1 + 2x3", 3, "unexpected \" \" in series values"),
        ("1+2", 3, "unexpected end of input in series values"),
        ("1x", 2, "unexpected end of input in series values"),
        ("x3", 0, "unexpected \"x\" in series values"),
        ("1x-1", 2, "unexpected \"-\" in series values"),
        ("1x1.5", 2, "invalid repetition in series values: \"1.5\" is not an unsigned integer"),
        ("1x2e1", 2, "invalid repetition in series values: \"2e1\" is not an unsigned integer"),
        ("foo", 0, "unexpected identifier \"foo\" in series values, expected number or \"stale\""),
        ("Stale", 0, "unexpected identifier \"Stale\" in series values, expected number or \"stale\""),
        ("stalex2", 0, "unexpected identifier \"stalex2\" in series values, expected number or \"stale\""),
        ("Infx2", 0, "unexpected identifier \"Infx2\" in series values, expected number or \"stale\""),
        ("Infinity", 0, "unexpected identifier \"Infinity\" in series values, expected number or \"stale\""),
        ("1+Infx2", 2, "unexpected identifier \"Infx2\" in series values"),
        ("1_000", 0, "bad number syntax: \"1\""),
        ("1a", 0, "bad number syntax: \"1\""),
        ("1e3e", 0, "bad number syntax: \"1e3\""),
        ("1e", 0, "error parsing number: \"1e\" is not a number"),
        ("1e+", 0, "error parsing number: \"1e+\" is not a number"),
        ("1e400", 0, "error parsing number: \"1e400\" is out of range"),
        ("1+2x3x4", 5, "unexpected \"x\" in series values"),
        ("1x0x2", 3, "unexpected \"x\" in series values"),
        ("_+1x2", 1, "unexpected \"+\" in series values"),
        ("1,2", 1, "unexpected character in series sequence: ','"),
        ("1.2.3", 3, "unexpected number \".3\" in series values"),
        (".", 0, "unexpected character in series sequence: '.'"),
        ("1+-2x3", 2, "unexpected \"-\" in series values"),
        ("1 x2", 2, "unexpected \"x\" in series values"),
        ("stale x2", 6, "unexpected \"x\" in series values"),
        ("-stale", 1, "unexpected identifier \"stale\" in series values"),
        ("-_", 1, "unexpected \"_\" in series values"),
        ("1x+2", 2, "unexpected \"+\" in series values"),
        ("sum", 0, "unexpected <sum> in series values"),
        ("{a=\"1\"}", 0, "unexpected character in series sequence: '{'"),
    ] as [(String, Int, String)])
    func errors(text: String, offset: Int, message: String) {
        #expect(throws: NotationError(offset: offset, message: message)) {
            try SeriesValuesNotation.expand(text)
        }
    }

    @Test func hugeRepetitionsAreAnErrorNotAnOutOfMemory() {
        #expect(throws: NotationError.self) { try SeriesValuesNotation.expand("1x100000000000") }
        #expect(throws: NotationError.self) { try SeriesValuesNotation.expand("1x6000000 1x6000000") }
    }

    @Test func samplesAreAtStepTimesWithGapsLeftOut() throws {
        let series = InputSeries(
            labels: SeriesLabels(metric: "up"), values: try SeriesValuesNotation.expand("1 _x2 4 stale"),
            position: RuleTestPosition(line: 1, column: 1)
        )
        let minute: Int64 = 60_000_000_000
        #expect(series.samples(interval: minute) == [
            InputSample(offset: 0, value: 1),
            InputSample(offset: 3 * minute, value: 4),
            InputSample(offset: 4 * minute, value: .nan, isStale: true),
        ])
    }
}
