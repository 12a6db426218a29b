import SeismoCore
import SeismoRules
import Testing

/// Arithmetic, comparisons, `bool`, vector matching (`on`, `ignoring`, `group_left`, `group_right`) and the
/// set operators, with Prometheus's errors.
@Suite struct BinaryOperatorEvaluationTests {
    private var fixture: EvaluationFixture = {
        var f = EvaluationFixture()
        f.load(#"errors{job="api",instance="1"}"#, "5")
        f.load(#"errors{job="api",instance="2"}"#, "10")
        f.load(#"errors{job="web",instance="1"}"#, "0")
        f.load(#"requests{job="api",instance="1"}"#, "100")
        f.load(#"requests{job="api",instance="2"}"#, "40")
        f.load(#"requests{job="web",instance="1"}"#, "50")
        f.load(#"team{job="api",owner="alice"}"#, "1")
        f.load(#"team{job="web",owner="bob"}"#, "1")
        f.load(#"limit{job="api"}"#, "8")
        return f
    }()

    @Test(arguments: [
        ("1 + 2 * 3", 7.0), ("2 ^ 3 ^ 2", 512), ("7 % 3", 1), ("-7 % 3", -1), ("5.5 % 2", 1.5), ("1 / 0", .infinity),
        ("1 atan2 1", .pi / 4), ("2 > bool 1", 1), ("2 < bool 1", 0), ("NaN == bool NaN", 0), ("3 != bool 2", 1),
        ("-2 ^ 2", -4),
    ])
    func scalarArithmetic(expression: String, expected: Double) throws {
        #expect(try fixture.value(expression, at: 0) == expected)
    }

    @Test func vectorScalarArithmeticDropsTheNameAndComparisonFiltersKeepIt() throws {
        #expect(try fixture.vector(#"errors{job="api"} * 2"#, at: 0) == [#"{instance="1",job="api"}"#: 10, #"{instance="2",job="api"}"#: 20])
        #expect(try fixture.vector(#"100 - errors{job="api"}"#, at: 0) == [#"{instance="1",job="api"}"#: 95, #"{instance="2",job="api"}"#: 90])
        #expect(try fixture.vector(#"errors > 4"#, at: 0) == [
            #"errors{instance="1",job="api"}"#: 5, #"errors{instance="2",job="api"}"#: 10,
        ])
        // With the scalar on the left the vector's value is still the result.
        #expect(try fixture.vector(#"6 > errors"#, at: 0) == [#"errors{instance="1",job="api"}"#: 5, #"errors{instance="1",job="web"}"#: 0])
        #expect(try fixture.vector(#"errors > bool 4"#, at: 0) == [
            #"{instance="1",job="api"}"#: 1, #"{instance="2",job="api"}"#: 1, #"{instance="1",job="web"}"#: 0,
        ])
    }

    @Test func oneToOneMatchingUsesAllLabelsButTheName() throws {
        #expect(try fixture.vector("errors / requests", at: 0) == [
            #"{instance="1",job="api"}"#: 0.05, #"{instance="2",job="api"}"#: 0.25, #"{instance="1",job="web"}"#: 0,
        ])
        // A comparison keeps the left-hand side's name and value.
        #expect(try fixture.vector("requests > errors * 5", at: 0) == [
            #"requests{instance="1",job="api"}"#: 100, #"requests{instance="1",job="web"}"#: 50,
        ])
        #expect(try fixture.vector("requests >= bool errors * 5", at: 0) == [
            #"{instance="1",job="api"}"#: 1, #"{instance="2",job="api"}"#: 0, #"{instance="1",job="web"}"#: 1,
        ])
    }

    @Test func onAndIgnoringChooseTheMatchingLabelsAndTheResultKeepsOnlyThose() throws {
        #expect(try fixture.vector(#"errors{instance="1"} + on (job) limit"#, at: 0) == [#"{job="api"}"#: 13])
        #expect(try fixture.vector(#"errors{instance="2"} - ignoring (instance) limit"#, at: 0) == [#"{job="api"}"#: 2])
        // on(__name__) lists the name, so a comparison keeps it.
        #expect(try fixture.vector(#"errors{instance="2"} > on (job, __name__) errors{instance="1"}"#, at: 0) == [
            #"errors{job="api"}"#: 10,
        ])
    }

    @Test func groupLeftMatchesManyToOneAndCopiesLabelsFromTheOneSide() throws {
        #expect(try fixture.vector("errors * on (job) group_left (owner) team", at: 0) == [
            #"{instance="1",job="api",owner="alice"}"#: 5, #"{instance="2",job="api",owner="alice"}"#: 10,
            #"{instance="1",job="web",owner="bob"}"#: 0,
        ])
        #expect(try fixture.vector("errors > on (job) group_left limit", at: 0) == [
            #"errors{instance="2",job="api"}"#: 10,
        ])
    }

    @Test func groupRightMatchesOneToManyAndComparesInWrittenOrder() throws {
        #expect(try fixture.vector("limit - on (job) group_right errors", at: 0) == [
            #"{instance="1",job="api"}"#: 3, #"{instance="2",job="api"}"#: -2,
        ])
        // The many side's labels survive; the comparison's value is the left operand's, as in Prometheus.
        #expect(try fixture.vector("limit > on (job) group_right errors", at: 0) == [
            #"errors{instance="1",job="api"}"#: 8,
        ])
    }

    @Test func ambiguousMatchesAreErrorsWithPrometheusWording() throws {
        let manyToMany = try #require(try fixture.error("errors + on (job) requests", at: 0))
        #expect(manyToMany.kind == .manyToManyMatching)
        #expect(manyToMany.message == #"found duplicate series for the match group {job="api"} on the right hand-side of the operation: [{__name__="requests", instance="2", job="api"}, {__name__="requests", instance="1", job="api"}];many-to-many matching not allowed: matching labels must be unique on one side"#)

        let oneToOne = try #require(try fixture.error("errors + on (job) limit", at: 0))
        #expect(oneToOne.kind == .ambiguousMatching)
        #expect(oneToOne.message == "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)")

        let leftSide = try #require(try fixture.error("requests + on (job) group_right errors", at: 0))
        #expect(leftSide.kind == .manyToManyMatching)
        #expect(leftSide.message.contains("on the left hand-side of the operation"))

        // Two "many" samples that become the same result series for one match.
        let grouped = try #require(try fixture.error(#"{__name__=~"errors|requests",job="api"} + on (job) group_left limit"#, at: 0))
        #expect(grouped.kind == .ambiguousMatching)
        #expect(grouped.message == "multiple matches for matching labels; many-to-one matching must be explicit (group_left/group_right)")
    }

    @Test func droppingTheNameCanCollideLabelSets() throws {
        var f = EvaluationFixture()
        f.load(#"a{job="x"}"#, "1")
        f.load(#"b{job="x"}"#, "2")
        let error = try #require(try f.error(#"{__name__=~"a|b"} * 2"#, at: 0))
        #expect(error.kind == .duplicateLabelSet)
        #expect(try f.error(#"-{__name__=~"a|b"}"#, at: 0)?.kind == .duplicateLabelSet)
        #expect(try f.vector(#"{__name__=~"a|b"} > 0"#, at: 0).count == 2) // filters keep the names apart
    }

    @Test func atan2KeepsTheNameOnlyInPrometheus2() throws {
        #expect(try fixture.vector(#"limit atan2 0"#, at: 0).keys.sorted() == [#"{job="api"}"#])
        #expect(try fixture.vector(#"limit atan2 0"#, at: 0, .prometheus2).keys.sorted() == [#"limit{job="api"}"#])
    }

    @Test func setOperatorsMatchManyToManyAndKeepSamplesUnchanged() throws {
        #expect(try fixture.vector("errors and on (job) limit", at: 0) == [
            #"errors{instance="1",job="api"}"#: 5, #"errors{instance="2",job="api"}"#: 10,
        ])
        #expect(try fixture.vector("errors unless on (job) limit", at: 0) == [#"errors{instance="1",job="web"}"#: 0])
        #expect(try fixture.vector(#"errors{job="web"} or requests"#, at: 0) == [
            #"errors{instance="1",job="web"}"#: 0, // requests{job="web"} has the same labels and is left out
            #"requests{instance="1",job="api"}"#: 100, #"requests{instance="2",job="api"}"#: 40,
        ])
        #expect(try fixture.vector("errors and requests > 60", at: 0) == [#"errors{instance="1",job="api"}"#: 5])
        #expect(try fixture.vector("nothing or limit", at: 0) == [#"limit{job="api"}"#: 8])
        #expect(try fixture.vector("limit and nothing", at: 0).isEmpty)
    }
}
