import SeismoCore
@testable import SeismoRules
import Testing

/// Aggregation operators with `by` / `without`, including the parameterised ones.
@Suite struct AggregationEvaluationTests {
    private var fixture: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load(#"m{job="api",instance="1"}"#, "1")
        f.load(#"m{job="api",instance="2"}"#, "3")
        f.load(#"m{job="api",instance="3"}"#, "8")
        f.load(#"m{job="web",instance="1"}"#, "2")
        f.load(#"m{job="web",instance="2"}"#, "3")
        return f
    }()

    private static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b))
    }

    @Test(arguments: [
        ("sum", [#"{job="api"}"#: 12.0, #"{job="web"}"#: 5]),
        ("avg", [#"{job="api"}"#: 4, #"{job="web"}"#: 2.5]),
        ("min", [#"{job="api"}"#: 1, #"{job="web"}"#: 2]),
        ("max", [#"{job="api"}"#: 8, #"{job="web"}"#: 3]),
        ("count", [#"{job="api"}"#: 3, #"{job="web"}"#: 2]),
        ("group", [#"{job="api"}"#: 1, #"{job="web"}"#: 1]),
        ("stdvar", [#"{job="api"}"#: 26.0 / 3, #"{job="web"}"#: 0.25]),
    ] as [(String, [String: Double])])
    func simpleAggregationsByJob(op: String, expected: [String: Double]) throws {
        let byJob = try fixture.vector("\(op) by (job) (m)", at: 0)
        let withoutInstance = try fixture.vector("\(op) without (instance) (m)", at: 0)
        for (labels, value) in expected {
            #expect(Self.close(byJob[labels], value), "\(op) \(labels): \(String(describing: byJob[labels]))")
            #expect(withoutInstance[labels] == byJob[labels])
        }
        #expect(byJob.count == expected.count)
    }

    @Test func groupingChoosesTheOutputLabels() throws {
        #expect(try fixture.vector("sum(m)", at: 0) == ["{}": 17])
        #expect(try fixture.vector("sum without (job, instance) (m)", at: 0) == ["{}": 17])
        #expect(try fixture.vector("count by (instance) (m)", at: 0) == [
            #"{instance="1"}"#: 2, #"{instance="2"}"#: 2, #"{instance="3"}"#: 1,
        ])
        // `without` always drops the name; `by (__name__)` keeps it.
        #expect(try fixture.vector("max by (__name__) (m)", at: 0) == ["m": 8])
        #expect(try fixture.vector("sum by (nonexistent) (m)", at: 0) == ["{}": 17])
        #expect(Self.close(try fixture.value("stddev(m)", at: 0), (29.2 / 5).squareRoot()))
    }

    @Test func topkAndBottomkKeepTheSamplesAsTheyAre() throws {
        #expect(try fixture.vector("topk(2, m)", at: 0) == [#"m{instance="3",job="api"}"#: 8, #"m{instance="2",job="api"}"#: 3])
        #expect(try fixture.vector("bottomk by (job) (1, m)", at: 0) == [
            #"m{instance="1",job="api"}"#: 1, #"m{instance="1",job="web"}"#: 2,
        ])
        #expect(try fixture.vector("topk(0, m)", at: 0).isEmpty)
        #expect(try fixture.vector("topk(2.9, m)", at: 0).count == 2) // truncated like Go's int64()
        #expect(try fixture.vector("topk(100, m)", at: 0).count == 5)
        let error = try #require(try fixture.error("topk(NaN, m)", at: 0))
        #expect(error.kind == .invalidArgument)
        #expect(error.message == "Scalar value NaN overflows int64")
    }

    @Test func topkOrdersEachGroupByValue() throws {
        guard case .vector(let samples) = try fixture.evaluate("sort_desc(topk by (job) (2, m))", at: 0) else {
            Issue.record("not a vector")
            return
        }
        #expect(samples.map(\.value) == [8, 3, 3, 2])
    }

    @Test func quantileInterpolatesBetweenRanks() throws {
        #expect(try fixture.vector("quantile by (job) (0.5, m)", at: 0) == [#"{job="api"}"#: 3, #"{job="web"}"#: 2.5])
        // 1 2 3 3 8: rank 0.9 × 4 = 3.6 → 3 + 0.6 × (8 − 3).
        #expect(Self.close(try fixture.value("quantile(0.9, m)", at: 0), 6))
        #expect(try fixture.value("quantile(2, m)", at: 0) == .infinity)
        #expect(try fixture.value("quantile(-1, m)", at: 0) == -.infinity)
    }

    @Test func countValuesCountsEachValueUnderALabel() throws {
        #expect(try fixture.vector(#"count_values("v", m)"#, at: 0) == [
            #"{v="1"}"#: 1, #"{v="2"}"#: 1, #"{v="3"}"#: 2, #"{v="8"}"#: 1,
        ])
        #expect(try fixture.vector(#"count_values by (job) ("v", m)"#, at: 0) == [
            #"{job="api",v="1"}"#: 1, #"{job="api",v="3"}"#: 1, #"{job="api",v="8"}"#: 1,
            #"{job="web",v="2"}"#: 1, #"{job="web",v="3"}"#: 1,
        ])
        #expect(try fixture.vector(#"count_values without (instance) ("job", m)"#, at: 0) == [
            #"{job="1"}"#: 1, #"{job="2"}"#: 1, #"{job="3"}"#: 2, #"{job="8"}"#: 1,
        ])
    }

    @Test(arguments: [
        (1.0, "1"), (0.1, "0.1"), (-2.5, "-2.5"), (1e21, "1000000000000000000000"), (1.5e-7, "0.00000015"),
        (123456.789, "123456.789"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (Double.nan, "NaN"),
        (0, "0"), (-0.0, "-0"), (100, "100"),
    ] as [(Double, String)])
    func labelValuesAreFormattedLikeGo(value: Double, expected: String) {
        #expect(PromQLNumberFormat.labelValue(value) == expected)
    }

    @Test func nanAndOverflowFollowPrometheus() throws {
        var f = EvaluationFixture()
        f.load(#"x{i="1"}"#, "NaN")
        f.load(#"x{i="2"}"#, "5")
        f.load(#"x{i="3"}"#, "1")
        #expect(try f.value("max(x)", at: 0) == 5) // NaN loses to any number
        #expect(try f.value("min(x)", at: 0) == 1)
        #expect(try f.vector("topk(1, x)", at: 0) == [#"x{i="2"}"#: 5])
        #expect(try f.vector("bottomk(1, x)", at: 0) == [#"x{i="3"}"#: 1])
        #expect(try f.value("sum(x)", at: 0)?.isNaN == true)
        #expect(try f.value("stddev(x)", at: 0)?.isNaN == true)

        var big = EvaluationFixture()
        big.load(#"y{i="1"}"#, "1e308")
        big.load(#"y{i="2"}"#, "1e308")
        big.load(#"y{i="3"}"#, "1e308")
        #expect(try big.value("avg(y)", at: 0) == 1e308) // the running sum would overflow; the mean does not

        var cancelling = EvaluationFixture()
        cancelling.load(#"z{i="1"}"#, "1e100")
        cancelling.load(#"z{i="2"}"#, "1")
        cancelling.load(#"z{i="3"}"#, "-1e100")
        #expect(try cancelling.value("sum(z)", at: 0) == 1) // compensated: a plain sum gives 0
    }
}
