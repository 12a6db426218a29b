import SeismoCore
import SeismoRules
import Testing

/// The `*_over_time` family.
@Suite struct OverTimeEvaluationTests {
    /// 2, 8, 4, 6, 10 at 0, 60, …, 240 s.
    private var fixture: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load(#"g{job="a"}"#, "2 8 4 6 10")
        return f
    }()

    @Test(arguments: [
        ("avg_over_time", 6.0), ("min_over_time", 2), ("max_over_time", 10), ("sum_over_time", 30),
        ("count_over_time", 5), ("stdvar_over_time", 8), ("stddev_over_time", 8.0.squareRoot()),
        ("present_over_time", 1),
    ] as [(String, Double)])
    func aggregatesEverySampleInTheWindowAndDropsTheName(function: String, expected: Double) throws {
        let result = try fixture.vector("\(function)(g[5m])", at: 240)
        #expect(result.keys.sorted() == [#"{job="a"}"#])
        let value = try #require(result[#"{job="a"}"#])
        #expect(Swift.abs(value - expected) <= 1e-12 * expected)
    }

    @Test func lastOverTimeKeepsTheName() throws {
        #expect(try fixture.vector("last_over_time(g[5m])", at: 240) == [#"g{job="a"}"#: 10])
        #expect(try fixture.vector("last_over_time(g[1m])", at: 230) == [#"g{job="a"}"#: 6])
        #expect(try fixture.vector("last_over_time(g[50s])", at: 179).isEmpty)
    }

    @Test func theWindowDecidesWhichSamplesCount() throws {
        #expect(try fixture.value("avg_over_time(g[2m])", at: 240) == 8) // 180 and 240
        #expect(try fixture.value("avg_over_time(g[2m])", at: 240, .prometheus2) == 20.0 / 3) // 120 too
        #expect(try fixture.value("max_over_time(g[2m] offset 2m)", at: 240) == 8)
    }

    @Test func quantileOverTimeInterpolates() throws {
        #expect(try fixture.value("quantile_over_time(0.5, g[5m])", at: 240) == 6)
        #expect(try fixture.value("quantile_over_time(0.25, g[5m])", at: 240) == 4)
        #expect(try fixture.value("quantile_over_time(0.1, g[5m])", at: 240) == 2.8)
        #expect(try fixture.value("quantile_over_time(1.5, g[5m])", at: 240) == .infinity)
    }

    @Test func nanAndOverflow() throws {
        var f = EvaluationFixture()
        f.load("n", "NaN 3 1")
        f.load("big", "1e308 1e308 1e308")
        #expect(try f.value("max_over_time(n[5m])", at: 120) == 3)
        #expect(try f.value("min_over_time(n[5m])", at: 120) == 1)
        #expect(try f.value("sum_over_time(n[5m])", at: 120)?.isNaN == true)
        #expect(try f.value("avg_over_time(big[5m])", at: 120) == 1e308)
        #expect(try f.value("sum_over_time(big[5m])", at: 120) == .infinity)
    }

    @Test func overTimeOfASubquery() throws {
        // Max over the last 4 minutes of the per-minute change.
        #expect(try fixture.value("max_over_time(idelta(g[1m1s])[4m:1m])", at: 240) == 6)
        #expect(try fixture.value("min_over_time(idelta(g[1m1s])[4m:1m])", at: 240) == -4)
    }
}
