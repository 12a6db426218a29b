import SeismoCore
import SeismoRules
import Testing

/// `rate`, `increase`, `delta`, `irate`, `idelta`, `deriv`, `predict_linear`, `changes`, `resets`, with the
/// expected values worked out by hand from Prometheus's `extrapolatedRate`.
@Suite struct RateEvaluationTests {
    private static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b))
    }

    /// A counter growing 1/s, sampled every 15 s from 0 to 300 s.
    private var counter: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load("c", every: 15, "0+15x20")
        return f
    }()

    @Test func steadyCounterExtrapolatesToTheWholeWindow() throws {
        // (60, 120] holds 75, 90, 105, 120: 45 over 45 s, 15 s short of the start (below 1.1 × 15 s), so the
        // increase is stretched by 60/45 to 60, and the rate is 60 / 60 s.
        #expect(try counter.value("increase(c[1m])", at: 120) == 60)
        #expect(Self.close(try counter.value("rate(c[1m])", at: 120), 1))
        // Prometheus 2 also takes the sample at 60 and needs no extrapolation.
        #expect(try counter.value("increase(c[1m])", at: 120, .prometheus2) == 60)
        // offset, @ and a subquery over the same samples see the same window.
        #expect(Self.close(try counter.value("rate(c[1m] offset 1m)", at: 180), 1))
        #expect(Self.close(try counter.value("rate(c[1m] @ 120)", at: 300), 1))
        #expect(Self.close(try counter.value("rate(c[1m:15s])", at: 120), 1))
    }

    @Test func seriesStartingInsideTheWindowExtrapolatesHalfAnInterval() throws {
        var f = EvaluationFixture()
        f.load("b", samples: [(100, 10), (110, 20), (120, 30)])
        // 20 over 20 s; the first sample is 40 s after the start (more than 1.1 × 10 s), so only 5 s are added.
        #expect(try f.value("increase(b[1m])", at: 120) == 25)
        #expect(Self.close(try f.value("rate(b[1m])", at: 120), 25.0 / 60))
    }

    @Test func counterIsNotExtrapolatedBelowZero() throws {
        var f = EvaluationFixture()
        f.load("z", samples: [(100, 2), (110, 12), (120, 22)])
        f.load("y", samples: [(100, 8), (110, 18), (120, 28)])
        // z would reach 0 two seconds before its first sample: that, not 5 s, is added at the start.
        #expect(Self.close(try f.value("increase(z[1m])", at: 120), 22))
        #expect(Self.close(try f.value("increase(z[1m])", at: 120, .prometheus2), 22))
        // y reaches 0 8 s before: Prometheus 3 first caps the start at half an interval (5 s), Prometheus 2
        // first limits it to the zero point (8 s, under the 11 s threshold) and extrapolates all of it.
        #expect(Self.close(try f.value("increase(y[1m])", at: 120), 25))
        #expect(Self.close(try f.value("increase(y[1m])", at: 120, .prometheus2), 28))
        // delta is not a counter function: no zero-point limit.
        #expect(Self.close(try f.value("delta(z[1m])", at: 120), 25))
    }

    @Test func counterResetsAddTheValueBeforeTheDrop() throws {
        var f = EvaluationFixture()
        f.load("r", samples: [(0, 10), (15, 20), (30, 5), (45, 15), (60, 25)])
        // (0, 60]: 20, 5, 15, 25 → 25 − 20 + 20 (the reset) = 25 over 45 s, stretched by 60/45.
        #expect(Self.close(try f.value("increase(r[1m])", at: 60), 100.0 / 3))
        #expect(Self.close(try f.value("rate(r[1m])", at: 60), 100.0 / 3 / 60))
        // [0, 60] under Prometheus 2: 10 … 25 → 15 + 20 = 35 over the whole window.
        #expect(Self.close(try f.value("increase(r[1m])", at: 60, .prometheus2), 35))
        // delta ignores resets: 25 − 20 = 5, stretched.
        #expect(Self.close(try f.value("delta(r[1m])", at: 60), 20.0 / 3))
        #expect(try f.value("resets(r[1m])", at: 60) == 1)
        #expect(try f.value("resets(r[2m])", at: 60, .prometheus2) == 1)
    }

    @Test func gaugeDeltaCanBeNegative() throws {
        var f = EvaluationFixture()
        f.load("g", samples: [(15, 10), (30, 4), (45, 6), (60, 1)])
        #expect(try f.value("delta(g[1m])", at: 60) == -12)
        #expect(try f.value("idelta(g[1m])", at: 60) == -5)
    }

    @Test func seriesEndingBeforeTheWindowEndExtrapolatesHalfAnIntervalThere() throws {
        var f = EvaluationFixture()
        f.load("e", samples: [(60, 0), (70, 10), (80, 20), (90, 30)])
        // (60, 120]: 10, 20, 30; 10 s to the start (under 11 s) is added, 30 s to the end is not: 5 s instead.
        #expect(try f.value("increase(e[1m])", at: 120) == 35)
        #expect(try f.value("increase(e[1m])", at: 120, .prometheus2) == 35)
    }

    @Test func fewerThanTwoSamplesGiveNoResult() throws {
        var f = EvaluationFixture()
        f.load(#"one{a="1"}"#, samples: [(50, 3)])
        f.load(#"one{a="2"}"#, samples: [(40, 1), (50, 3)])
        // a="2": 2 over 10 s, 40 s after the start (→ 5 s) and 10 s before the end (under 11 s: all of it).
        let rates = try f.vector("rate(one[1m])", at: 60)
        #expect(rates.keys.sorted() == [#"{a="2"}"#])
        #expect(Self.close(rates[#"{a="2"}"#], 2 * 25.0 / 10 / 60))
        #expect(try f.vector("irate(one[1m])", at: 60) == [#"{a="2"}"#: 0.2])
        #expect(try f.vector("deriv(one[1m])", at: 60) == [#"{a="2"}"#: 0.2])
    }

    @Test func instantRatesUseTheLastTwoSamples() throws {
        var f = EvaluationFixture()
        f.load("r", samples: [(0, 5), (10, 20), (20, 4)])
        #expect(try f.value("irate(r[1m])", at: 20) == 0.4) // a drop counts as a reset to 0: 4 / 10 s
        #expect(try f.value("idelta(r[1m])", at: 20) == -16)
        #expect(Self.close(try f.value("irate(r[1m])", at: 10), 1.5))
    }

    @Test func derivIsTheLeastSquaresSlope() throws {
        var f = EvaluationFixture()
        f.load("d", samples: [(0, 0), (10, 10), (20, 30)])
        // x̄ = 10, ȳ = 40/3: Σxy − n x̄ ȳ = 700 − 400, Σx² − n x̄² = 500 − 300.
        #expect(try f.value("deriv(d[1m])", at: 20) == 1.5)
        f.load("flat", samples: [(0, 7), (10, 7)])
        #expect(try f.value("deriv(flat[1m])", at: 20) == 0)
    }

    @Test func predictLinearExtrapolatesFromTheEvaluationTime() throws {
        var f = EvaluationFixture()
        f.load("l", samples: [(0, 5), (10, 25), (20, 45), (30, 65)]) // 2t + 5
        #expect(try f.value("predict_linear(l[1m], 60)", at: 30) == 185)
        #expect(try f.value("predict_linear(l[1m], 60)", at: 40) == 205) // the fit is evaluated at t = 40
        #expect(try f.value("predict_linear(l[1m], 0)", at: 35) == 75)
    }

    @Test func changesCountsValueChanges() throws {
        var f = EvaluationFixture()
        f.load("s", every: 10, "1 1 2 2 1 3 3")
        #expect(try f.value("changes(s[2m])", at: 60) == 3)
        #expect(try f.value("resets(s[2m])", at: 60) == 1)
    }

    @Test func rangeFunctionsDropTheMetricNameAndRefuseDuplicates() throws {
        var f = EvaluationFixture()
        f.load(#"a{job="x"}"#, every: 15, "0+1x8")
        f.load(#"b{job="x"}"#, every: 15, "0+2x8")
        #expect(try f.vector(#"rate(a[1m])"#, at: 120).keys.sorted() == [#"{job="x"}"#])
        let error = try #require(try f.error(#"rate({__name__=~"a|b"}[1m])"#, at: 120))
        #expect(error.kind == .duplicateLabelSet)
        #expect(error.message == "vector cannot contain metrics with the same labelset")
    }
}
