import SeismoCore
@testable import SeismoRules
import Testing

/// The compiled path for common rule expressions (`ExpressionPlan`) against the general evaluator: the same label sets,
/// in the same order, with bit-identical values, on stores with gaps, counter resets, NaN, infinities and staleness
/// markers, missing and empty labels, and series joining between ticks.
@Suite struct ExpressionPlanTests {
    static let planned = [
        "rate(requests_total[5m])",
        "sum by (service) (rate(requests_total[5m]))",
        "sum without (instance) (increase(requests_total[2m]))",
        "avg by (endpoint) (avg_over_time(latency_ms[5m]))",
        "1 - avg by (service, dependency) (avg_over_time(success[5m]))",
        "avg_over_time(latency_ms[5m]) * 1000",
        "100 / (max by (service) (max_over_time(latency_ms[3m])))",
        "min by (zone) (min_over_time(latency_ms[1m]))",
        "count by (service) (count_over_time(success[5m]))",
        "stddev by (service) (stddev_over_time(latency_ms[5m]))",
        "stdvar(stdvar_over_time(latency_ms[5m]))",
        "group by (service) (present_over_time(success[5m]))",
        "sum(sum_over_time(latency_ms[10m]))",
        "avg by (service) (irate(requests_total[5m]))",
        "sum by (service) (delta(latency_ms[5m])) % 7",
        "avg(deriv(latency_ms[5m]))",
        "sum by (service) (changes(success[5m]))",
        "sum by (service) (resets(requests_total[10m]))",
        "max(idelta(latency_ms[5m])) ^ 2",
        "sum by (service) (rate(requests_total{service=~\"a.*\"}[5m] offset 1m))",
        "avg_over_time(latency_ms[5m]) > 700",
        "700 < avg_over_time(latency_ms[5m])",
        "1 - avg by (service, dependency) (avg_over_time(success[5m])) > 0.4",
        "sum by (service) (rate(requests_total[5m])) == 0",
        "max(max_over_time(latency_ms[5m])) != 42",
        "latency_ms > 700",
        "700 < latency_ms",
        "success == 1",
        "requests_total",
        "latency_ms{service=~\"a.*\"} offset 1m <= 300",
        "sum by (service) (rate(requests_total[5m] @ 1200))",
        "avg_over_time(latency_ms[5m] @ start() offset 2m)",
        "latency_ms @ 900 > 300",
        "success @ end() offset 1m == 1",
    ]

    static let notPlanned = [
        "last_over_time(latency_ms[5m])",
        "quantile_over_time(0.5, latency_ms[5m])",
        "topk(2, rate(requests_total[5m]))",
        "quantile(0.9, rate(requests_total[5m]))",
        "sum(rate({__name__=\"requests_total\"}[5m]))",
        "rate(requests_total[5m]) > bool 1",
        "sum(latency_ms) > 1",
        "{__name__=\"latency_ms\"} > 1",
        "1 - latency_ms",
        "sum(rate(requests_total[5m])) + sum(rate(requests_total[1m]))",
        "abs(rate(requests_total[5m]))",
    ]

    @Test func recognizesItsShapesOnly() throws {
        for text in Self.planned { #expect(ExpressionPlan(try PromQLParser.parse(text)) != nil, "\(text)") }
        for text in Self.notPlanned { #expect(ExpressionPlan(try PromQLParser.parse(text)) == nil, "\(text)") }
    }

    @Test(arguments: [PromQLEvaluator.Semantics.prometheus3, .prometheus2], [UInt64(1), 2, 3])
    func matchesTheGeneralEvaluator(semantics: PromQLEvaluator.Semantics, seed: UInt64) throws {
        let evaluator = PromQLEvaluator(semantics: semantics)
        let second = EvaluationFixture.second
        let store = SeriesStore(retention: 1 << 62)
        var random = SplitMix64(seed: seed)
        let plans = try Self.planned.map { text in
            let expression = try PromQLParser.parse(text)
            return (text, expression, ExpressionPlan(expression)!, PromQLEvaluationCache(), PromQLEvaluationCache())
        }
        var series: [(id: SeriesID, metric: String, counter: Double)] = []
        let services = ["a1", "a2", "b", ""]
        for minute in 0..<40 {
            // Series join now and then (a new selection for the plans), some with labels missing or empty.
            if minute % 7 == 0 {
                for metric in ["requests_total", "latency_ms", "success"] {
                    var labels = [Label(name: "instance", value: "i\(series.count)")]
                    let service = services[Int(random.next() % UInt64(services.count))]
                    if !service.isEmpty { labels.append(Label(name: "service", value: service)) }
                    if random.next() % 2 == 0 { labels.append(Label(name: "zone", value: "z\(random.next() % 2)")) }
                    labels.append(Label(name: "endpoint", value: "/e\(random.next() % 3)"))
                    labels.append(Label(name: "dependency", value: random.next() % 3 == 0 ? "" : "d\(random.next() % 2)"))
                    let id = SeriesID(UInt32(series.count))
                    store.register(id, labels: SeriesLabels(metric: metric, labels: labels))
                    series.append((id, metric, 0))
                }
            }
            for step in 0..<4 {
                let time = Int64(minute * 60 + step * 15) * second
                for i in series.indices where random.next() % 5 != 0 {  // gaps
                    let value: Double
                    switch series[i].metric {
                    case "requests_total":
                        series[i].counter = random.next() % 17 == 0 ? 0 : series[i].counter + Double(random.next() % 50)
                        value = series[i].counter
                    case "success":
                        value = Double(random.next() % 2)
                    default:
                        let r = random.next() % 100
                        value = r == 0 ? .nan : r == 1 ? .infinity : r == 2 ? Double(bitPattern: StaleMarker.bitPattern)
                            : Double(random.next() % 10_000) / 7
                    }
                    store.append(series[i].id, time: time + Int64(i) * 1_000_000, value: value)
                }
            }
            let time = Int64(minute * 60 + 59) * second
            for (text, expression, plan, planCache, generalCache) in plans {
                guard case .vector(let expected) = try evaluator.evaluate(expression, at: time, store: store, cache: generalCache)
                else {
                    Issue.record("\(text) did not give an instant vector")
                    continue
                }
                var got: [VectorSample] = []
                plan.evaluate(evaluator, at: time, store: store, cache: planCache) { group, value in
                    got.append(VectorSample(labels: plan.groupLabels[group], value: value, time: time))
                }
                #expect(got.map(\.labels) == expected.map(\.labels), "\(text) at minute \(minute)")
                #expect(got.map(\.value.bitPattern) == expected.map(\.value.bitPattern), "\(text) at minute \(minute)")
            }
        }
    }
}
