import SeismoCore
@testable import SeismoRules
import Testing

/// Instant-vector functions: arithmetic, clamping, rounding, conversions, `timestamp`, sorting.
@Suite struct FunctionEvaluationTests {
    private var fixture: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load(#"v{i="a"}"#, "-2.5")
        f.load(#"v{i="b"}"#, "4")
        f.load(#"v{i="c"}"#, "0.5")
        f.load(#"one{i="a"}"#, "7")
        return f
    }()

    @Test(arguments: [
        ("abs(v)", [#"{i="a"}"#: 2.5, #"{i="b"}"#: 4, #"{i="c"}"#: 0.5]),
        ("ceil(v)", [#"{i="a"}"#: -2, #"{i="b"}"#: 4, #"{i="c"}"#: 1]),
        ("floor(v)", [#"{i="a"}"#: -3, #"{i="b"}"#: 4, #"{i="c"}"#: 0]),
        ("round(v)", [#"{i="a"}"#: -2, #"{i="b"}"#: 4, #"{i="c"}"#: 1]), // ties round up
        ("round(v, 3)", [#"{i="a"}"#: -3, #"{i="b"}"#: 3, #"{i="c"}"#: 0]),
        ("round(v, 0.2)", [#"{i="a"}"#: -2.4, #"{i="b"}"#: 4, #"{i="c"}"#: 0.6]),
        ("clamp(v, -1, 1)", [#"{i="a"}"#: -1, #"{i="b"}"#: 1, #"{i="c"}"#: 0.5]),
        ("clamp_min(v, 1)", [#"{i="a"}"#: 1, #"{i="b"}"#: 4, #"{i="c"}"#: 1]),
        ("clamp_max(v, 1)", [#"{i="a"}"#: -2.5, #"{i="b"}"#: 1, #"{i="c"}"#: 0.5]),
        ("clamp(v, 1, -1)", [:]),
        ("sqrt(v{i!=\"a\"})", [#"{i="b"}"#: 2, #"{i="c"}"#: 0.5.squareRoot()]),
        ("log2(v{i=\"b\"})", [#"{i="b"}"#: 2]),
        ("log10(v{i=\"b\"} * 25)", [#"{i="b"}"#: 2]),
        ("exp(v{i=\"c\"} * 0)", [#"{i="c"}"#: 1]),
        ("ln(v{i=\"b\"} / 4)", [#"{i="b"}"#: 0]),
        ("sgn(v)", [#"{i="a"}"#: -1, #"{i="b"}"#: 1, #"{i="c"}"#: 1]),
        ("sgn(v * 0)", [#"{i="a"}"#: 0, #"{i="b"}"#: 0, #"{i="c"}"#: 0]),
    ] as [(String, [String: Double])])
    func mathFunctionsMapEveryValueAndDropTheName(expression: String, expected: [String: Double]) throws {
        #expect(try fixture.vector(expression, at: 0) == expected)
    }

    @Test func mathOnNegativeAndZeroFollowsIEEE() throws {
        #expect(try fixture.value(#"sqrt(v{i="a"})"#, at: 0)?.isNaN == true)
        #expect(try fixture.value(#"ln(v{i="c"} * 0)"#, at: 0) == -.infinity)
        // sgn keeps NaN and the sign of zero, as Prometheus's funcSgn returns its input for both.
        #expect(try fixture.value(#"sgn(sqrt(v{i="a"}))"#, at: 0)?.isNaN == true)
        #expect(try fixture.value(#"sgn(v{i="a"} * 0)"#, at: 0)?.sign == .minus)
    }

    @Test func scalarAndVectorConvert() throws {
        #expect(try fixture.evaluate("scalar(one)", at: 0) == .scalar(time: 0, value: 7))
        #expect(try fixture.value("scalar(v)", at: 0)?.isNaN == true) // more than one element
        #expect(try fixture.value("scalar(nothing)", at: 0)?.isNaN == true)
        #expect(try fixture.vector("vector(3)", at: 0) == ["{}": 3])
        #expect(try fixture.vector("v + on() group_left vector(1)", at: 0).count == 3)
        #expect(try fixture.vector(#"v * scalar(one)"#, at: 0)[#"{i="b"}"#] == 28)
    }

    @Test func timestampReturnsTheSampleTimeOfASelector() throws {
        var f = EvaluationFixture()
        f.load(#"heartbeat{job="a"}"#, samples: [(100, 1), (160, 1)])
        f.load(#"heartbeat{job="b"}"#, samples: [(130, 1)])
        #expect(try f.vector("timestamp(heartbeat)", at: 200) == [#"{job="a"}"#: 160, #"{job="b"}"#: 130])
        #expect(try f.vector("timestamp((heartbeat))", at: 200)[#"{job="a"}"#] == 160)
        #expect(try f.vector("timestamp(heartbeat offset 1m)", at: 200) == [#"{job="a"}"#: 100, #"{job="b"}"#: 130])
        // Any other expression is stamped with the evaluation time.
        #expect(try f.vector("timestamp(heartbeat * 1)", at: 200) == [#"{job="a"}"#: 200, #"{job="b"}"#: 200])
        // A deadman check: seconds since the last heartbeat.
        #expect(try f.vector("time() - timestamp(heartbeat) > 50", at: 200) == [#"{job="b"}"#: 70])
    }

    @Test func sortOrdersByValueWithNaNLast() throws {
        var f = EvaluationFixture()
        f.load(#"s{i="1"}"#, "3")
        f.load(#"s{i="2"}"#, "NaN")
        f.load(#"s{i="3"}"#, "1")
        f.load(#"s{i="4"}"#, "3")
        guard case .vector(let ascending) = try f.evaluate("sort(s)", at: 0),
              case .vector(let descending) = try f.evaluate("sort_desc(s)", at: 0),
              case .vector(let plain) = try f.evaluate("s * 1", at: 0) else {
            Issue.record("not vectors")
            return
        }
        #expect(ascending.map { $0.labels["i"]! } == ["3", "1", "4", "2"])
        #expect(descending.map { $0.labels["i"]! } == ["1", "4", "3", "2"])
        #expect(descending[0].labels.metric == "s") // sort keeps the name
        #expect(plain.map { $0.labels["i"]! } == ["1", "2", "3", "4"]) // otherwise results sort by labels
    }

    @Test func labelReplaceRewritesMatchingSeries() throws {
        var f = EvaluationFixture()
        f.load(#"up{instance="host-1:9100",job="node"}"#, "1")
        f.load(#"up{instance="db",job="node"}"#, "1")
        #expect(try f.vector(#"label_replace(up, "host", "$1", "instance", "(.*):[0-9]+")"#, at: 0) == [
            #"up{host="host-1",instance="host-1:9100",job="node"}"#: 1, #"up{instance="db",job="node"}"#: 1,
        ])
        // Named groups, ${} references, and an empty result removes the label.
        #expect(try f.vector(#"label_replace(up, "job", "${name}-x", "instance", "(?P<name>[a-z]+)")"#, at: 0) == [
            #"up{instance="host-1:9100",job="node"}"#: 1, #"up{instance="db",job="db-x"}"#: 1,
        ])
        #expect(try f.vector(#"label_replace(up{instance="db"}, "job", "", "instance", ".*")"#, at: 0) == [#"up{instance="db"}"#: 1])
        // Writing __name__ renames the metric.
        #expect(try f.vector(#"label_replace(up{instance="db"}, "__name__", "alive", "", "")"#, at: 0) == [
            #"alive{instance="db",job="node"}"#: 1,
        ])
        let collision = try #require(try f.error(#"label_replace(up, "instance", "same", "", "")"#, at: 0))
        #expect(collision.kind == .duplicateLabelSet)
    }

    @Test func labelJoinConcatenatesSourceLabels() throws {
        var f = EvaluationFixture()
        f.load(#"m{a="x",b="y"}"#, "1")
        #expect(try f.vector(#"label_join(m, "ab", "-", "a", "b", "missing")"#, at: 0) == [#"m{a="x",ab="x-y-",b="y"}"#: 1])
        #expect(try f.vector(#"label_join(m, "a", ",")"#, at: 0) == [#"m{b="y"}"#: 1])
    }

    @Test(arguments: [
        ("$1", "abc"), ("${1}x", "abcx"), ("$1x", ""), ("$$1", "$1"), ("a$", "a$"), ("$name", "abc"),
        ("${name}-${2}", "abc-c"), ("$3", ""), ("${name", "${name"), ("$01", ""), ("$0", "abc"),
    ] as [(String, String)])
    func replacementTemplatesExpandLikeGo(template: String, expected: String) throws {
        let regex = try PromQLRegex("(?P<name>ab(c))")
        let captures = try #require(regex.captures(in: "abc"))
        #expect(ReplacementTemplate(template: template).expand(captures) == expected)
    }

    @Test(arguments: [
        ("0.5", 0.5), ("+Inf", .infinity), ("-Inf", -.infinity), ("inf", .infinity), ("1e3", 1000), ("Infinity", .infinity),
        ("0x1p-2", 0.25), (".5", 0.5),
    ] as [(String, Double)])
    func bucketBoundsParseLikeGo(text: String, expected: Double) {
        #expect(PromQLEvaluator.parseGoFloat(text) == expected)
    }

    @Test(arguments: ["", "abc", "1_000", "1.2.3", "0.5s", " 1"])
    func bucketBoundsThatGoRefuses(text: String) {
        #expect(PromQLEvaluator.parseGoFloat(text) == nil)
    }
}
