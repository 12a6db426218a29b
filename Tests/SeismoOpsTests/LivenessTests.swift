import SeismoEngine
import Testing

/// `/healthz`'s judgement: healthy while the evaluation thread beats, stalled after `stallAfter` of silence.
@Suite struct LivenessTests {
    let second: UInt64 = 1_000_000_000

    @Test func healthyBeforeTheFirstBeat() {
        let liveness = Liveness(stallAfter: 10 * second)
        #expect(liveness.problem(now: 1_000 * second) == nil)
    }

    @Test func stalledOnlyAfterTheSilenceLimit() {
        let liveness = Liveness(stallAfter: 10 * second)
        liveness.beat(now: 100 * second)
        #expect(liveness.problem(now: 100 * second) == nil)
        #expect(liveness.problem(now: 110 * second) == nil, "exactly at the limit is still healthy")
        let problem = liveness.problem(now: 110 * second + 1_000_000)
        #expect(problem == "evaluator stalled: no progress for 10001 ms")
        liveness.beat(now: 111 * second)
        #expect(liveness.problem(now: 112 * second) == nil, "a new beat makes it healthy again")
    }
}
