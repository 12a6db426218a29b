import SeismoCore
import SeismoRules
import Testing

/// `absent` and `absent_over_time`, and the labels they infer from equality matchers.
@Suite struct AbsentEvaluationTests {
    private var fixture: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load(#"up{job="api"}"#, samples: [(0, 1), (600, 1)])
        return f
    }()

    @Test(arguments: [
        (#"absent(nonexistent{job="a"})"#, [#"{job="a"}"#: 1.0]),
        (#"absent(nonexistent{job="a",instance=~"b.*"})"#, [#"{job="a"}"#: 1]),
        (#"absent(nonexistent{job="a",instance!="b"})"#, [#"{job="a"}"#: 1]),
        (#"absent(nonexistent{job="a",job="b"})"#, ["{}": 1]),
        (#"absent(nonexistent{job=~"a",job="b"})"#, [#"{job="b"}"#: 1]),
        (#"absent(nonexistent{job=""})"#, ["{}": 1]),
        (#"absent({__name__="nonexistent",a="b"})"#, [#"{a="b"}"#: 1]),
        (#"absent((nonexistent{job="a"}))"#, [#"{job="a"}"#: 1]),
        (#"absent(sum(nonexistent{job="a"}))"#, ["{}": 1]),
        (#"absent(up{job="api"})"#, [:]),
        (#"absent(up{job="web"})"#, [#"{job="web"}"#: 1]),
    ] as [(String, [String: Double])])
    func absentInfersLabelsFromEqualityMatchers(expression: String, expected: [String: Double]) throws {
        #expect(try fixture.vector(expression, at: 60) == expected)
    }

    @Test func prometheus2RemovesEveryLabelMatchedOtherwiseAfterwards() throws {
        #expect(try fixture.vector(#"absent(nonexistent{job=~"a",job="b"})"#, at: 60, .prometheus2) == ["{}": 1])
        #expect(try fixture.vector(#"absent(nonexistent{job="a",job="b"})"#, at: 60, .prometheus2) == ["{}": 1])
        #expect(try fixture.vector(#"absent(nonexistent{job="a",x=~"y"})"#, at: 60, .prometheus2) == [#"{job="a"}"#: 1])
    }

    @Test func absentFollowsTheLookback() throws {
        #expect(try fixture.vector(#"absent(up{job="api"})"#, at: 299).isEmpty)
        #expect(try fixture.vector(#"absent(up{job="api"})"#, at: 300) == [#"{job="api"}"#: 1])
        #expect(try fixture.vector(#"absent(up{job="api"})"#, at: 600).isEmpty)
    }

    @Test func absentOverTimeLooksAtTheWholeWindow() throws {
        #expect(try fixture.vector(#"absent_over_time(up{job="api"}[10m])"#, at: 599).isEmpty)
        #expect(try fixture.vector(#"absent_over_time(up{job="api"}[5m])"#, at: 599) == [#"{job="api"}"#: 1])
        #expect(try fixture.vector(#"absent_over_time(up{job="api",x=~"y|"}[5m])"#, at: 400) == [#"{job="api"}"#: 1])
        #expect(try fixture.vector(#"absent_over_time(nonexistent{a="b"}[5m:1m])"#, at: 400) == ["{}": 1])
        #expect(try fixture.vector(#"absent_over_time(up[5m:1m])"#, at: 400).isEmpty)
    }
}
