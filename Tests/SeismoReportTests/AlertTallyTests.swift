import SeismoCore
import SeismoReport
import SeismoRules
import Testing

/// The numbers of a report from known alert event sequences.
@Suite struct AlertTallyTests {
    static let s = Timestamp.nanosecondsPerSecond

    static func event(_ seq: UInt64, _ seconds: Int64, _ state: AlertState, host: String, flapping: Bool = false) -> AlertEvent {
        AlertEvent(
            seq: seq, time: seconds * s, alert: "High", state: state,
            labels: [Label(name: "alertname", value: "High"), Label(name: "host", value: host)],
            annotations: [], value: 1, activeAt: seconds * s, flapping: flapping
        )
    }

    /// a: pending 40 s, fires 100 s, resolves 160 s, fires again 400 s (a flap: 240 s after resolving), a repeated
    /// firing event (flapping mark) at 450 s, resolves 700 s, fires 1,400 s (700 s after: not a flap), resolves 1,500 s.
    /// b: fires 500 s and is still firing at the end, 1,600 s.
    static let sequence: [AlertEvent] = [
        event(1, 40, .pending, host: "a"),
        event(2, 100, .firing, host: "a"),
        event(3, 160, .resolved, host: "a"),
        event(4, 400, .firing, host: "a"),
        event(5, 450, .firing, host: "a", flapping: true),
        event(6, 500, .firing, host: "b"),
        event(7, 700, .resolved, host: "a"),
        event(8, 1400, .firing, host: "a"),
        event(9, 1500, .resolved, host: "a"),
    ]

    @Test func numbersOfAKnownSequence() {
        var tally = AlertTally()
        let started = Self.sequence.map { tally.record($0) }
        #expect(started == [false, true, false, true, false, true, false, true, false])
        let stats = tally.statistics(at: 1600 * Self.s)
        #expect(stats.timesFired == 4)
        #expect(stats.flaps == 1)
        #expect(stats.resolved == 3)
        // Resolved firings: 60 s, 300 s, 100 s → mean 460 / 3 s (integer ns).
        #expect(stats.meanTimeToResolve == 460 * Self.s / 3)
        // Plus b's 1,100 s still firing at the end.
        #expect(stats.firingNanoseconds == (60 + 300 + 100 + 1100) * Self.s)
        let spans = tally.spans
        #expect(spans.map(\.start) == [100, 400, 500, 1400].map { $0 * Self.s })
        #expect(spans.map(\.end) == [160 * Self.s, 700 * Self.s, nil, 1500 * Self.s])
        #expect(spans[2].labels.contains(Label(name: "host", value: "b")))
    }

    @Test func flapWindowDecidesWhatIsAFlap() {
        var tight = AlertTally(flapWindow: 60 * Self.s)
        var loose = AlertTally(flapWindow: 3600 * Self.s)
        for e in Self.sequence {
            tight.record(e)
            loose.record(e)
        }
        #expect(tight.flaps == 0)
        #expect(loose.flaps == 2)
    }

    @Test func spansStayBoundedAndCoverTheSameTime() {
        var tally = AlertTally(maxSpans: 8)
        var seq: UInt64 = 0
        for i in Int64(0)..<100 {
            seq += 1
            tally.record(Self.event(seq, i * 100, .firing, host: "a"))
            seq += 1
            tally.record(Self.event(seq, i * 100 + 10, .resolved, host: "a"))
        }
        let spans = tally.spans
        #expect(spans.count <= 8)
        #expect(spans.first?.start == 0)
        #expect(spans.last?.end == 9910 * Self.s)
        // The numbers stay exact whatever the drawing keeps.
        #expect(tally.statistics(at: 10_000 * Self.s).firingNanoseconds == 1000 * Self.s)
        #expect(tally.timesFired == 100)
    }
}
