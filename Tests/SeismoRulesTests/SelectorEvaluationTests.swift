import SeismoCore
import SeismoRules
import Testing

/// Instant and range selectors: matchers, lookback, `offset`, `@`, window boundaries and subqueries.
@Suite struct SelectorEvaluationTests {
    private var fixture: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load(#"http_requests_total{job="api",code="200"}"#, "0+10x10")
        f.load(#"http_requests_total{job="api",code="500"}"#, "0+1x10")
        f.load(#"http_requests_total{job="web",code="200"}"#, "5+5x10")
        f.load(#"node_load1{instance="a"}"#, "1 2 3")
        return f
    }()

    @Test(arguments: [
        (#"http_requests_total{job="api"}"#, [#"http_requests_total{code="200",job="api"}"#, #"http_requests_total{code="500",job="api"}"#]),
        (#"http_requests_total{job!="api"}"#, [#"http_requests_total{code="200",job="web"}"#]),
        (#"http_requests_total{code=~"5.."}"#, [#"http_requests_total{code="500",job="api"}"#]),
        (#"http_requests_total{code=~"5"}"#, []), // anchored at both ends
        (#"http_requests_total{code!~"2.*",job="api"}"#, [#"http_requests_total{code="500",job="api"}"#]),
        (#"{__name__=~"node_.*"}"#, [#"node_load1{instance="a"}"#]),
        (#"{__name__="node_load1"}"#, [#"node_load1{instance="a"}"#]),
        (#"http_requests_total{instance=""}"#, [ // an absent label matches the empty string
            #"http_requests_total{code="200",job="api"}"#, #"http_requests_total{code="500",job="api"}"#,
            #"http_requests_total{code="200",job="web"}"#,
        ]),
    ])
    func matchersSelectTheSeriesTheyDescribe(expression: String, expected: [String]) throws {
        #expect(Set(try fixture.vector(expression, at: 120).keys) == Set(expected))
    }

    @Test func instantSelectorTakesTheNewestSampleWithinTheLookback() throws {
        // node_load1 has samples at 0, 60 and 120 s; the default lookback is 5 m, open on the left.
        #expect(try fixture.value("node_load1", at: 90) == 2)
        #expect(try fixture.value("node_load1", at: 120) == 3)
        #expect(try fixture.value("node_load1", at: 419) == 3)
        #expect(try fixture.value("node_load1", at: 420) == nil)
        #expect(try fixture.value("node_load1", at: 420, .prometheus2) == 3) // [t - 5m, t] in Prometheus 2
        #expect(try fixture.value("node_load1", at: 421, .prometheus2) == nil)
        let shortLookback = PromQLEvaluator(lookbackDelta: 30 * EvaluationFixture.second)
        #expect(try fixture.value("node_load1", at: 150, shortLookback) == nil)
        #expect(try fixture.value("node_load1", at: 140, shortLookback) == 3)
    }

    @Test func samplesCarryTheEvaluationTimeAndResultsSortByLabels() throws {
        guard case .vector(let samples) = try fixture.evaluate("http_requests_total", at: 590) else {
            Issue.record("not a vector")
            return
        }
        #expect(samples.map(\.time) == Array(repeating: 590 * EvaluationFixture.second, count: 3))
        // Prometheus's order compares label pairs by name: code before job.
        #expect(samples.map { $0.labels["job"]! + "/" + $0.labels["code"]! } == ["api/200", "web/200", "api/500"])
        #expect(samples.map(\.value) == [90, 50, 9])
    }

    @Test func offsetAndAtMoveTheReadingTime() throws {
        #expect(try fixture.value(#"http_requests_total{job="web"} offset 5m"#, at: 600) == 30)
        #expect(try fixture.value(#"http_requests_total{job="web"} offset -2m"#, at: 300) == 40)
        #expect(try fixture.value(#"http_requests_total{job="web"} @ 120"#, at: 600) == 15)
        #expect(try fixture.value(#"http_requests_total{job="web"} @ 300 offset 1m"#, at: 0) == 25)
        // For an instant evaluation, start() and end() are the evaluation time.
        #expect(try fixture.value(#"http_requests_total{job="web"} @ end()"#, at: 240) == 25)
        #expect(try fixture.value(#"sum_over_time(http_requests_total{job="web"}[2m] @ start())"#, at: 240) == 45)
    }

    @Test func rangeSelectorsAreOpenOnTheLeftAndClosedOnTheRight() throws {
        guard case .matrix(let series) = try fixture.evaluate(#"http_requests_total{job="web"}[3m]"#, at: 300) else {
            Issue.record("not a matrix")
            return
        }
        #expect(series.count == 1)
        #expect(series[0].points.map(\.time) == [180, 240, 300].map { $0 * EvaluationFixture.second })
        #expect(series[0].points.map(\.value) == [20, 25, 30])
        #expect(series[0].labels.metric == "http_requests_total") // a selector keeps the name
        // Prometheus 2 includes the sample exactly at t - range.
        #expect(try fixture.value(#"count_over_time(http_requests_total{job="web"}[3m])"#, at: 300) == 3)
        #expect(try fixture.value(#"count_over_time(http_requests_total{job="web"}[3m])"#, at: 300, .prometheus2) == 4)
    }

    @Test func seriesWithoutSamplesInTheWindowAreLeftOut() throws {
        guard case .matrix(let series) = try fixture.evaluate("node_load1[1m]", at: 400) else {
            Issue.record("not a matrix")
            return
        }
        #expect(series.isEmpty)
    }

    @Test func subqueryStepsAreAlignedToTheEpoch() throws {
        // Window (420, 600]: steps at 450, 480, …, 600; http_requests_total{job="web"} is 5+5x10 per minute.
        guard case .matrix(let series) = try fixture.evaluate(#"http_requests_total{job="web"}[3m:30s]"#, at: 600) else {
            Issue.record("not a matrix")
            return
        }
        #expect(series[0].points.map(\.time) == [450, 480, 510, 540, 570, 600].map { $0 * EvaluationFixture.second })
        #expect(series[0].points.map(\.value) == [40, 45, 45, 50, 50, 55])
        // Not aligned to the evaluation time: at 610 the steps are still multiples of 30 s.
        guard case .matrix(let shifted) = try fixture.evaluate(#"http_requests_total{job="web"}[1m:30s]"#, at: 610) else {
            Issue.record("not a matrix")
            return
        }
        #expect(shifted[0].points.map(\.time) == [570, 600].map { $0 * EvaluationFixture.second })
        // Prometheus 2 includes a step that falls exactly on the window's start.
        #expect(try fixture.value(#"count_over_time(http_requests_total{job="web"}[1m:30s])"#, at: 600) == 2)
        #expect(try fixture.value(#"count_over_time(http_requests_total{job="web"}[1m:30s])"#, at: 600, .prometheus2) == 3)
    }

    @Test func subqueryWithoutStepUsesTheDefaultAndOffsetShiftsIt() throws {
        // Default step 1 m: window (300, 600] → 360 … 600, five steps.
        #expect(try fixture.value(#"count_over_time(http_requests_total{job="web"}[5m:])"#, at: 600) == 5)
        let fine = PromQLEvaluator(defaultSubqueryStep: 20 * EvaluationFixture.second)
        #expect(try fixture.value(#"count_over_time(http_requests_total{job="web"}[5m:])"#, at: 600, fine) == 15)
        // offset 2m: window (180, 480]: values at 240 … 480 are 25 … 45.
        #expect(try fixture.value(#"max_over_time(http_requests_total{job="web"}[5m:1m] offset 2m)"#, at: 600) == 45)
        #expect(try fixture.value(#"min_over_time(http_requests_total{job="web"}[5m:1m] offset 2m)"#, at: 600) == 25)
    }

    @Test func nestedSubqueryEvaluatesItsInnerExpressionAtEveryStep() throws {
        // rate over 2m of a counter growing 5/min is 1/12 per second at every step.
        let value = try #require(try fixture.value(#"max_over_time(rate(http_requests_total{job="web"}[2m])[4m:1m])"#, at: 600))
        #expect(Swift.abs(value - 5.0 / 60) < 1e-12)
    }

    @Test func staleMarkerEndsASeriesUntilItsNextSample() throws {
        var f = EvaluationFixture()
        f.load("up", samples: [(0, 1), (60, 1)])
        let id = f.store.series(named: "up")[0]
        f.store.append(id, time: 90 * EvaluationFixture.second, value: PromQLEvaluator.staleMarker)
        f.store.append(id, time: 150 * EvaluationFixture.second, value: 0)
        #expect(try f.value("up", at: 80) == 1)
        #expect(try f.value("up", at: 100) == nil)
        #expect(try f.value("up", at: 150) == 0)
        #expect(try f.value("count_over_time(up[2m])", at: 150) == 2) // 60 and 150; the marker is not a sample
    }
}

extension SelectorEvaluationTests {
    @Test func subqueriesWithTooManyStepsAreRefused() throws {
        let error = try #require(try fixture.error("max_over_time(node_load1[1y:1s])", at: 600))
        #expect(error.kind == .invalidArgument)
        #expect(error.message.contains("at most 1000000"))
        #expect(try fixture.error("max_over_time(node_load1[2h:1s])", at: 600) == nil)
    }
}
