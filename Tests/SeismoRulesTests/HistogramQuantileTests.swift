import SeismoCore
import SeismoRules
import Testing

/// `histogram_quantile` over classic `le` buckets.
@Suite struct HistogramQuantileTests {
    private static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b))
    }

    /// 50 observations: 10 ≤ 0.1, 30 ≤ 0.5, 40 ≤ 1.
    private static func histogram(_ buckets: [(String, String)], name: String = "h_bucket", labels: String = "") -> EvaluationFixture {
        var f = EvaluationFixture()
        for (le, value) in buckets { f.load(#"\#(name){\#(labels)le="\#(le)"}"#, value) }
        return f
    }

    private let regular = histogram([("0.1", "10"), ("0.5", "30"), ("1", "40"), ("+Inf", "50")])

    @Test(arguments: [
        (0.5, 0.4),   // rank 25 falls in (0.1, 0.5]: 15 of its 20
        (0.1, 0.05),  // the lowest bucket interpolates from 0
        (0.0, 0.0),
        (0.9, 1.0),   // rank 45 is in the +Inf bucket: the highest finite bound
        (1.0, 1.0),
        (0.7, 0.75),  // rank 35: 5 of the 10 in (0.5, 1]
    ])
    func interpolatesLinearlyInsideTheBucket(q: Double, expected: Double) throws {
        #expect(Self.close(try regular.value("histogram_quantile(\(q), h_bucket)", at: 0), expected))
    }

    @Test func quantilesOutsideZeroToOneAreInfiniteOrNaN() throws {
        #expect(try regular.value("histogram_quantile(1.5, h_bucket)", at: 0) == .infinity)
        #expect(try regular.value("histogram_quantile(-0.5, h_bucket)", at: 0) == -.infinity)
        #expect(try regular.value("histogram_quantile(NaN, h_bucket)", at: 0)?.isNaN == true)
    }

    @Test func decreasingCountsAreRaisedToTheRunningMaximum() throws {
        let broken = Self.histogram([("0.1", "10"), ("0.5", "8"), ("1", "40"), ("+Inf", "50")])
        // Treated as 10, 10, 40, 50: rank 25 is 15 of the 30 in (0.5, 1].
        #expect(Self.close(try broken.value("histogram_quantile(0.5, h_bucket)", at: 0), 0.75))
    }

    @Test func floatingPointNoiseBetweenBucketsIsIgnoredInPrometheus3Only() throws {
        let noisy = Self.histogram([("1", "10"), ("2", "10.0000000000001"), ("+Inf", "10.0000000000001")])
        #expect(try noisy.value("histogram_quantile(1, h_bucket)", at: 0) == 1)
        #expect(try noisy.value("histogram_quantile(1, h_bucket)", at: 0, .prometheus2) == 2)
    }

    @Test func degenerateHistogramsGiveNaN() throws {
        let noInf = Self.histogram([("0.1", "10"), ("1", "20")])
        #expect(try noInf.value("histogram_quantile(0.5, h_bucket)", at: 0)?.isNaN == true)
        let onlyInf = Self.histogram([("+Inf", "20")])
        #expect(try onlyInf.value("histogram_quantile(0.5, h_bucket)", at: 0)?.isNaN == true)
        let empty = Self.histogram([("1", "0"), ("+Inf", "0")])
        #expect(try empty.value("histogram_quantile(0.5, h_bucket)", at: 0)?.isNaN == true)
    }

    @Test func lowestBucketAtOrBelowZeroIsReturnedAsIs() throws {
        let negative = Self.histogram([("-1", "5"), ("0", "10"), ("+Inf", "10")])
        #expect(try negative.value("histogram_quantile(0.2, h_bucket)", at: 0) == -1)
        #expect(Self.close(try negative.value("histogram_quantile(0.75, h_bucket)", at: 0), -0.5))
    }

    @Test func seriesAreGroupedWithoutLeAndLoseTheName() throws {
        var f = EvaluationFixture()
        for (job, scale) in [("api", 1.0), ("web", 2.0)] {
            for (le, count) in [("1", 2.0), ("2", 4.0), ("+Inf", 4.0)] {
                f.load(#"latency_bucket{job="\#(job)",le="\#(le)"}"#, "\(count * scale)")
            }
        }
        f.load(#"latency_bucket{job="api",le="oops"}"#, "100") // not a number: ignored
        #expect(try f.vector("histogram_quantile(0.75, latency_bucket)", at: 0) == [#"{job="api"}"#: 1.5, #"{job="web"}"#: 1.5])
        #expect(try f.vector("histogram_quantile(0.75, sum by (le) (latency_bucket))", at: 0) == ["{}": 1.5])
        let rates = try f.vector("histogram_quantile(0.5, rate(latency_bucket[5m]))", at: 0)
        #expect(rates.isEmpty) // one sample per series: no rate, no buckets
    }

    @Test func worksOnRatesOfBucketCounters() throws {
        var f = EvaluationFixture()
        f.load(#"req_bucket{le="0.25"}"#, every: 15, "0+3x8")
        f.load(#"req_bucket{le="0.5"}"#, every: 15, "0+6x8")
        f.load(#"req_bucket{le="+Inf"}"#, every: 15, "0+7.5x8")
        // Rates are 0.2, 0.4, 0.5 per second (each extrapolated by the same factor): q 0.6 → rank 0.3 → halfway
        // through (0.25, 0.5].
        #expect(Self.close(try f.value("histogram_quantile(0.6, rate(req_bucket[1m]))", at: 120), 0.375))
    }
}
