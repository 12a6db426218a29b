import SeismoCore
import Testing

@testable import SeismoDetect

private let second = Timestamp.nanosecondsPerSecond

private func configuration(
    window: HealthConfiguration.Window = .count(100), margin: Double = 0.02, minimumCalls: Int = 10,
    slow: Double? = nil
) -> HealthConfiguration {
    try! HealthConfiguration(
        window: window, recoveryMargin: margin, minimumCalls: minimumCalls, slowCallThreshold: slow)
}

/// Feeds calls one per second from `start`, failing where `failed(i)` says; returns the transitions.
@discardableResult
private func feed(
    _ classifier: inout HealthClassifier, _ count: Int, start: Int64 = 0, failed: (Int) -> Bool = { _ in false }
) -> [HealthTransition] {
    (0..<count).compactMap { i in
        classifier.observe(success: !failed(i), at: start + Int64(i) * second)
    }
}


@Suite struct HealthClassifierTests {
    // MARK: Thresholds

    /// 100 calls with `errors` failures, judged once at the 100th call (minimum calls 100), so the class comes
    /// from the thresholds alone: both are inclusive.
    @Test(arguments: [
        (0, HealthClass.healthy), (9, .healthy), (10, .healthy), (11, .degraded),
        (49, .degraded), (50, .degraded), (51, .unhealthy), (100, .unhealthy),
    ])
    func firstClassComesFromTheThresholds(errors: Int, expected: HealthClass) {
        var c = HealthClassifier(configuration(minimumCalls: 100))
        let transitions = feed(&c, 100) { $0 < errors }
        #expect(transitions.count == 1)
        #expect(transitions.first?.from == .unknown)
        #expect(transitions.first?.to == expected, "\(errors)% errors")
        #expect(transitions.first?.errors == errors)
        #expect(transitions.first?.errorRate == Double(errors) / 100)
        #expect(c.health == expected)
    }

    @Test func ratesRisingThroughTheThresholdsWorsenImmediately() {
        var c = HealthClassifier(configuration())
        // 100 successes, then failures one by one: the error rate rises by 1% per call.
        let first = feed(&c, 100)
        #expect(first.map(\.to) == [.healthy])
        #expect(first.first?.calls == 10, "known from the 10th call")
        var transitions: [HealthTransition] = []
        for i in 0..<60 {
            if let t = c.observe(success: false, at: Int64(100 + i) * second) { transitions.append(t) }
        }
        #expect(transitions.map(\.to) == [.degraded, .unhealthy])
        #expect(transitions.map(\.errors) == [11, 51], "just above 10% and just above 50%")
        #expect(transitions.map(\.time) == [110 * second, 150 * second])
    }

    @Test(arguments: [
        (HealthClass.unhealthy, 49, HealthClass.unhealthy), (.unhealthy, 48, .degraded),
        (.unhealthy, 9, .degraded), (.unhealthy, 8, .healthy),
        (.degraded, 10, .degraded), (.degraded, 9, .degraded), (.degraded, 8, .healthy),
    ])
    func recoveryNeedsTheRateBelowThresholdMinusMargin(from start: HealthClass, errors: Int, expected: HealthClass) {
        var c = HealthClassifier(configuration())
        // Reach `start` with a window of 100% (unhealthy) or 20% failures (degraded), the failures first.
        feed(&c, 100) { start == .unhealthy ? true : $0 < 20 }
        #expect(c.health == start)
        // Replace the window with exactly `errors` failures in 100 calls. New failures replace old ones first, so the
        // rate falls steadily to errors% without dipping below it on the way.
        feed(&c, 100, start: 1000 * second) { $0 < errors }
        #expect(c.counts.errors == errors)
        #expect(c.health == expected, "from \(start) at \(errors)%")
    }

    @Test func aRateHoveringAroundTheThresholdDoesNotFlap() {
        // Failures every 30th call: the last 100 calls hold 3 full periods (9 failures) plus 10 calls with 0 to 3
        // more, so the rate wanders between 9% and 12%, across the 10% threshold, for 3,000 calls.
        func transitions(margin: Double) -> [HealthTransition] {
            var c = HealthClassifier(configuration(margin: margin))
            return feed(&c, 3000) { $0 % 30 < 3 && $0 >= 30 }
        }
        let steady = transitions(margin: 0.02)
        #expect(steady.map(\.to) == [.healthy, .degraded], "one step down, never back while above 8%")
        let flapping = transitions(margin: 0)
        #expect(flapping.count > 20, "without a margin the same input flaps (\(flapping.count) transitions)")
    }

    // MARK: Minimum calls and windows

    @Test func unknownUntilTheMinimumNumberOfCalls() {
        var c = HealthClassifier(configuration(minimumCalls: 10))
        let early = feed(&c, 9) { _ in true }
        #expect(early.isEmpty)
        #expect(c.health == .unknown)
        #expect(c.counts.errorRate == 1)
        let t = c.observe(success: true, at: 9 * second)
        #expect(t == HealthTransition(
            from: .unknown, to: .unhealthy, time: 9 * second,
            counts: { var w = HealthWindowCounts(); w.calls = 10; w.errors = 9; w.badCalls = 9; return w }()))
    }

    @Test func timeWindowExpiresByEventTime() {
        var c = HealthClassifier(configuration(window: .time(duration: 60 * second), minimumCalls: 5))
        // 10 failures in second 0, then one success per second from second 1 to 59.
        for i in 0..<10 { _ = c.observe(success: false, at: Int64(i) * 100_000_000) }
        #expect(c.health == .unhealthy)
        feed(&c, 59, start: second)
        #expect(c.counts.calls == 69)
        // Still inside: second 0 is the oldest of the 60 one-second buckets while the head is in second 59.
        #expect(c.advance(to: 60 * second - 1) == nil)
        #expect(c.counts.errors == 10)
        // At 60 s the bucket of second 0 leaves: 59 successes remain.
        let t = c.advance(to: 60 * second)
        #expect(t?.to == .healthy)
        #expect(t?.calls == 59)
        #expect(t?.errors == 0)
        // Idle for a whole window: nothing left, unknown again.
        let idle = c.advance(to: 200 * second)
        #expect(idle?.to == .unknown)
        #expect(c.counts == HealthWindowCounts())
    }

    @Test func lateCallsCountInsideTheWindowAndAreDroppedOutside() {
        var c = HealthClassifier(configuration(window: .time(duration: 10 * second), minimumCalls: 1))
        _ = c.observe(success: true, at: 100 * second)
        _ = c.observe(success: false, at: 91 * second)  // oldest bucket still held
        _ = c.observe(success: false, at: 90 * second)  // just expired
        #expect(c.counts.calls == 2)
        #expect(c.counts.errors == 1)
        #expect(c.droppedLateCalls == 1)
    }

    @Test func countWindowKeepsTheLastNCalls() {
        var c = HealthClassifier(configuration(window: .count(5), minimumCalls: 1))
        feed(&c, 5) { _ in true }
        feed(&c, 3, start: 10 * second)
        #expect(c.counts.calls == 5)
        #expect(c.counts.errors == 2)
    }

    // MARK: Slow calls

    @Test func slowCallsCountAsBadOnceEach() {
        var c = HealthClassifier(configuration(window: .count(10), minimumCalls: 1, slow: 1.0))
        _ = c.observe(success: true, latency: 0.5, at: 0)
        _ = c.observe(success: true, latency: 1.0, at: 1)  // at the threshold: not slow
        _ = c.observe(success: true, latency: 1.5, at: 2)  // slow
        _ = c.observe(success: false, latency: 2.0, at: 3)  // failed and slow: one bad call
        _ = c.observe(success: false, at: 4)  // failed, no latency
        let w = c.counts
        #expect(w.calls == 5)
        #expect(w.errors == 2)
        #expect(w.slowCalls == 2)
        #expect(w.badCalls == 3)
        #expect(w.badRate == 0.6)
        #expect(w.meanLatency == 5.0 / 4)
        #expect(c.health == .unhealthy)
    }

    @Test func slowCallsAloneDegradeAHealthyDependency() {
        var c = HealthClassifier(configuration(window: .count(10), minimumCalls: 10, slow: 0.25))
        for i in 0..<10 { _ = c.observe(success: true, latency: 0.1, at: Int64(i)) }
        #expect(c.health == .healthy)
        let t = c.observe(success: true, latency: 0.3, at: 10)
        #expect(t == nil, "10% slow is still healthy")
        let t2 = c.observe(success: true, latency: 0.3, at: 11)
        #expect(t2?.to == .degraded)
        #expect(t2?.errorRate == 0)
        #expect(t2?.slowCalls == 2)
        #expect(t2?.badRate == 0.2)
        #expect(t2.flatMap(\.meanLatency).map { abs($0 - 0.14) < 1e-12 } == true)
    }

    // MARK: Counters

    @Test func countersEnterATimeWindowAsIncreasesWithResets() {
        var c = HealthClassifier(configuration(window: .time(duration: 60 * second), minimumCalls: 1))
        #expect(c.observeCounters(requests: 1000, errors: 50, at: 0) == nil, "first sample is the baseline")
        #expect(c.counts.calls == 0)
        _ = c.observeCounters(requests: 1100, errors: 60, at: 10 * second)
        #expect(c.counts.calls == 100)
        #expect(c.counts.errors == 10)
        // Restart: both counters start again from 0; the new values are the increase.
        _ = c.observeCounters(requests: 40, errors: 30, at: 20 * second)
        #expect(c.counts.calls == 140)
        #expect(c.counts.errors == 40)
        #expect(c.health == .degraded)
        _ = c.observeCounters(requests: 100, errors: 30, at: 30 * second)
        #expect(c.counts.calls == 200)
        #expect(c.counts.errors == 40)
        // Expiry works on counter increments as on calls: at 70 s the 10 s bucket has left.
        _ = c.advance(to: 70 * second)
        #expect(c.counts.calls == 100)
        #expect(c.counts.errors == 30)
    }

    @Test func errorsAheadOfRequestsWaitForThem() {
        var c = HealthClassifier(configuration(window: .time(duration: 60 * second), minimumCalls: 1))
        _ = c.observeCounters(requests: 0, errors: 0, at: 0)
        _ = c.observeCounters(requests: 2, errors: 5, at: second)
        #expect(c.counts.calls == 2)
        #expect(c.counts.errors == 2, "never more errors than calls")
        _ = c.observeCounters(requests: 10, errors: 5, at: 2 * second)
        #expect(c.counts.calls == 10)
        #expect(c.counts.errors == 5, "the held errors arrive with later requests")
    }

    @Test func countersEnterACountWindowAsTheLastNRequests() {
        var c = HealthClassifier(configuration(window: .count(100), minimumCalls: 1))
        _ = c.observeCounters(requests: 0, errors: 0, at: 0)
        _ = c.observeCounters(requests: 100, errors: 0, at: 1)
        #expect(c.counts.calls == 100)
        // 30 more requests, 3 failed: the window is 70 old successes and these 30.
        _ = c.observeCounters(requests: 130, errors: 3, at: 2)
        #expect(c.counts.errors == 3)
        // 10,000 requests with 1,000 failures: the window holds the last 100, with their even share of 10 failures.
        _ = c.observeCounters(requests: 10_130, errors: 1_003, at: 3)
        #expect(c.counts.calls == 100)
        #expect(c.counts.errors == 10)
        #expect(c.health == .healthy)
        // 7 requests, 7 failures after a reset.
        _ = c.observeCounters(requests: 7, errors: 7, at: 4)
        #expect(c.counts.errors == 17)
    }

    @Test func counterIncreasesAddUpToTheTrueIncrementsAcrossRandomResets() {
        var rng = SplitMix64(seed: 7)
        var c = HealthClassifier(configuration(window: .time(duration: 1_000_000 * second), minimumCalls: 1))
        var requests = 0.0, errors = 0.0
        var trueRequests = 0, trueErrors = 0
        _ = c.observeCounters(requests: 0, errors: 0, at: 0)
        for step in 1...2000 {
            if Int.random(in: 0..<50, using: &rng) == 0 {
                requests = 0
                errors = 0
            }
            let r = Int.random(in: 0...200, using: &rng)
            let e = Int.random(in: 0...r, using: &rng)
            requests += Double(r)
            errors += Double(e)
            trueRequests += r
            trueErrors += e
            _ = c.observeCounters(requests: requests, errors: errors, at: Int64(step) * second)
        }
        #expect(c.counts.calls == trueRequests)
        #expect(c.counts.errors == trueErrors)
    }

    // MARK: Configuration

    @Test func invalidConfigurationsAreRefused() {
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(healthyMaxRate: 0.6) }
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(degradedMaxRate: 1.5) }
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(recoveryMargin: 0.2) }
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(recoveryMargin: -0.01) }
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(minimumCalls: 0) }
        #expect(throws: HealthConfiguration.ValidationError.self) {
            try HealthConfiguration(window: .count(5), minimumCalls: 6)
        }
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(window: .count(0)) }
        #expect(throws: HealthConfiguration.ValidationError.self) {
            try HealthConfiguration(window: .time(duration: 1500, bucket: 1000))
        }
        #expect(throws: HealthConfiguration.ValidationError.self) { try HealthConfiguration(slowCallThreshold: .nan) }
        #expect(HealthConfiguration.standard == (try? HealthConfiguration()))
    }

    // MARK: Reference model

    @Test(arguments: [
        HealthConfiguration.Window.count(100), .count(37), .count(1),
        .time(duration: 60 * second), .time(duration: 10 * second, bucket: 2 * second),
    ])
    func matchesTheSlowReferenceOnRandomStreams(window: HealthConfiguration.Window) throws {
        for seed in UInt64(1)...4 {
            var rng = SplitMix64(seed: seed)
            let minimum = window == .count(1) ? 1 : Int.random(in: 1...20, using: &rng)
            let config = try HealthConfiguration(
                window: window, recoveryMargin: [0, 0.02, 0.05].randomElement(using: &rng)!,
                minimumCalls: minimum, slowCallThreshold: Bool.random(using: &rng) ? 0.5 : nil)
            var fast = HealthClassifier(config)
            var slow = HealthReference(config)
            var time: Int64 = 1_000 * second
            // The failure probability drifts, so every class and boundary gets visited.
            var failure = 0.1
            var transitions = 0
            for step in 0..<3000 {
                failure = min(1, max(0, failure + Double.random(in: -0.05...0.05, using: &rng)))
                switch Int.random(in: 0..<100, using: &rng) {
                case 0: time += Int64.random(in: 0...(90 * second), using: &rng)  // a gap, sometimes past the window
                case 1..<6: time -= Int64.random(in: 0...(15 * second), using: &rng)  // out of order
                default: time += Int64.random(in: 0...(second / 2), using: &rng)
                }
                let expected: HealthTransition?
                let actual: HealthTransition?
                if step % 97 == 0 {
                    expected = slow.advance(to: time)
                    actual = fast.advance(to: time)
                } else {
                    let ok = Double.random(in: 0..<1, using: &rng) >= failure
                    let latency: Double? = Bool.random(using: &rng) ? Double.random(in: 0...1, using: &rng) : nil
                    expected = slow.observe(success: ok, latency: latency, at: time)
                    actual = fast.observe(success: ok, latency: latency, at: time)
                }
                var a = fast.counts, e = slow.counts
                #expect(abs(a.latencySum - e.latencySum) < 1e-9, "latency sum at step \(step)")
                a.latencySum = 0
                e.latencySum = 0
                #expect(a == e, "window counts at step \(step), seed \(seed)")
                #expect(actual?.from == expected?.from && actual?.to == expected?.to, "transition at step \(step)")
                #expect(fast.health == slow.health)
                if actual != nil { transitions += 1 }
                if a != e { return }
            }
            // The stream must have exercised what it compares.
            #expect(transitions > 5, "\(transitions) transitions")
            if case .time = window { #expect(fast.droppedLateCalls > 0) }
        }
    }
}
