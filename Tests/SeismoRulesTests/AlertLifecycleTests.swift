import SeismoRules
import Testing

@Suite struct AlertLifecycleTests {
    private let s: Int64 = 1_000_000_000

    /// Feeds one condition per evaluation, every `step` seconds from 0, and lists the reported states.
    private func run(_ timing: AlertTiming, _ conditions: [Bool], cleared: [Bool]? = nil, step: Int64 = 60) -> [String] {
        var alert = AlertLifecycle(timing: timing)
        var out: [String] = []
        for (i, condition) in conditions.enumerated() {
            let t = Int64(i) * step * s
            if let transition = alert.evaluate(at: t, active: condition, value: Double(i), cleared: cleared?[i] ?? true) {
                out.append("\(i):\(transition.state.rawValue)\(transition.flapping ? "(flapping)" : "")")
            }
        }
        return out
    }

    @Test func withoutForFiresAtOnceAndResolvesWhenTheConditionStops() {
        #expect(run(AlertTiming(), [false, true, true, false, false]) == ["1:firing", "3:resolved"])
    }

    @Test func forHoldsInPendingUntilTheDurationHasPassed() {
        let timing = AlertTiming(holdFor: 120 * s)
        #expect(run(timing, [true, true, true, true, false]) == ["0:pending", "2:firing", "4:resolved"])
    }

    @Test func pendingThatStopsGoesBackToInactiveSilently() {
        let timing = AlertTiming(holdFor: 300 * s)
        #expect(run(timing, [true, true, false, true]) == ["0:pending", "3:pending"])
    }

    @Test func keepFiringForDelaysTheResolve() {
        let timing = AlertTiming(keepFiringFor: 120 * s)
        #expect(run(timing, [true, false, false, false, false]) == ["0:firing", "3:resolved"])
        // The condition returning inside keep_firing_for keeps the alert firing with no new report.
        #expect(run(timing, [true, false, true, false, false, false]) == ["0:firing", "5:resolved"])
    }

    @Test func hysteresisResolvesOnlyWhenTheClearConditionHolds() {
        let conditions = [true, false, false, false]
        let cleared = [false, false, false, true]
        #expect(run(AlertTiming(), conditions, cleared: cleared) == ["0:firing", "3:resolved"])
    }

    @Test func flappingAlertIsHeldFiringAndMarked() {
        let timing = AlertTiming(flapWindow: 6, flapThreshold: 0.5)
        let flapping = [true, false, true, false, true, false, true, false, false, false, false, false, false, false]
        let states = run(timing, flapping)
        // Six evaluations in, five of six were changes: held firing and marked. It calms down at 11 (two changes
        // in the last six), which is reported, and resolves at the next evaluation.
        #expect(states == ["0:firing", "1:resolved", "2:firing", "3:resolved", "4:firing", "5:firing(flapping)", "11:firing", "12:resolved"])
    }

    @Test func steadyAlertIsNeverFlapping() {
        let timing = AlertTiming(flapWindow: 6, flapThreshold: 0.5)
        #expect(run(timing, Array(repeating: true, count: 20)) == ["0:firing"])
    }
}
