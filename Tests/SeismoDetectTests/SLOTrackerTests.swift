import SeismoCore
import Testing

@testable import SeismoDetect

private let second = Timestamp.nanosecondsPerSecond
private let minute = 60 * second
private let hour = 60 * minute
private let day = 24 * hour

/// The middle of minute `m`, so each record lands in bucket `m` of a 1-minute ring.
private func atMinute(_ m: Int) -> Int64 { Int64(m) * minute + 30 * second }

private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}


@Suite struct SLOTrackerTests {
    // MARK: Readings

    @Test func burnRatesComplianceAndBudgetMatchHandComputedValues() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.999))
        // One hour of 1,000 requests a minute: 10 bad a minute, then 50 bad a minute in the last five.
        for m in 0..<60 { _ = slo.record(good: 1000 - (m < 55 ? 10 : 50), total: 1000, at: atMinute(m)) }
        // 1 h: (55·10 + 5·50) / 60,000 = 800 / 60,000 = 1.333…%, over a 0.1% budget: 13.33.
        #expect(close(slo.burnRate(over: hour), 40.0 / 3))
        // 5 m: 250 / 5,000 = 5%: burn rate 50.
        #expect(close(slo.burnRate(over: 5 * minute), 50))
        // 6 m: (10 + 250) / 6,000.
        #expect(close(slo.burnRate(over: 6 * minute), 260.0 / 6000 / 0.001))
        #expect(slo.events(over: 30 * day) == (bad: 800, total: 60_000))
        #expect(close(slo.compliance!, 59_200.0 / 60_000))
        // The period allows 60 bad requests (0.1% of 60,000); 800 were bad.
        #expect(close(slo.budgetConsumed, 800.0 / 60))
        #expect(close(slo.budgetRemaining, 1 - 800.0 / 60))
    }

    @Test func windowReferencesReadTheRunningTotalsOrSumTheBuckets() throws {
        // Default conditions: 1 h/5 m, 6 h/30 m, 3 d/6 h, all tracked in the fine ring; the period is 30 days.
        var slo = SLOTracker(try SLOConfiguration(objective: 0.999))
        #expect(slo.reference(to: hour) == .fineTracked(0))
        #expect(slo.reference(to: 5 * minute) == .fineTracked(1))
        #expect(slo.reference(to: 7 * minute) == .fine(buckets: 7))
        #expect(slo.reference(to: 30 * day) == .period)
        #expect(slo.reference(to: 10 * day) == .coarse(buckets: 240))
        for m in 0..<600 { _ = slo.record(good: m % 7 == 0 ? 90 : 100, total: 100, at: atMinute(m)) }
        for window in [minute, 5 * minute, 7 * minute, hour, 6 * hour, 3 * day, 10 * day, 30 * day] {
            let reference = slo.reference(to: window)
            #expect(slo.events(reference) == slo.events(over: window))
            #expect(slo.burnRate(reference) == slo.burnRate(over: window))
        }
        #expect(slo.events(.fine(buckets: 7)) == (bad: 10, total: 700), "minute 595 of 593...599 has 10 bad")
    }

    @Test func exactValuesWithABinaryExactBudget() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.75, conditions: []))
        #expect(slo.compliance == nil)
        #expect(slo.budgetConsumed == 0)
        #expect(slo.burnRate(over: hour) == 0, "no events, no burn")
        _ = slo.record(good: 90, total: 100, at: atMinute(0))
        _ = slo.record(good: 50, total: 100, at: atMinute(1))
        #expect(slo.burnRate(over: minute) == 2)  // 50% bad over a 25% budget
        #expect(slo.burnRate(over: 2 * minute) == 1.2)  // 30%
        #expect(slo.compliance == 0.7)
        #expect(slo.budgetConsumed == 1.2)
        #expect(slo.budgetRemaining == 1 - 1.2)
    }

    @Test func aWindowIsTheNewestWholeBuckets() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.9, conditions: []))
        _ = slo.record(good: 0, total: 1, at: 0)
        _ = slo.advance(to: 5 * minute - 1)
        #expect(slo.events(over: 5 * minute).total == 1, "bucket 0 is the oldest of the five")
        #expect(slo.events(over: 4 * minute + 1).total == 1, "4 m 1 ns rounds up to five buckets")
        #expect(slo.events(over: 4 * minute).total == 0)
        _ = slo.advance(to: 5 * minute)
        #expect(slo.events(over: 5 * minute).total == 0)
        #expect(slo.events(over: 6 * minute).total == 1)
    }

    @Test func latencyIndicatorCountsRequestsAtOrUnderTheThresholdAsGood() throws {
        // "p95 < 5 s": 95% of requests take at most 5 s.
        var slo = SLOTracker(try SLOConfiguration(objective: 0.95, indicator: .latency(threshold: 5), conditions: []))
        for latency in [0.1, 4.99, 5.0, 5.001, 30, .infinity] { _ = slo.observe(latency: latency, at: second) }
        #expect(slo.events(over: minute) == (bad: 3, total: 6))
        #expect(slo.compliance == 0.5)
    }

    @Test func countersWithResets() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.99, conditions: []))
        #expect(slo.observeCounters(requests: 5000, errors: 7, at: 0).isEmpty)
        #expect(slo.events(over: hour).total == 0, "the first sample is only the baseline")
        _ = slo.observeCounters(requests: 6000, errors: 17, at: minute)
        _ = slo.observeCounters(requests: 300, errors: 3, at: 2 * minute)  // restarted
        _ = slo.observeCounters(requests: 400, errors: 3, at: 3 * minute)
        #expect(slo.events(over: hour) == (bad: 13, total: 1400))
        #expect(slo.events(over: minute) == (bad: 0, total: 100))
    }

    // MARK: Conditions

    @Test func aConditionNeedsBothWindowsStrictlyAboveItsFactor() throws {
        let condition = BurnRateCondition(severity: .page, longWindow: 10 * minute, shortWindow: minute, factor: 2)
        var slo = SLOTracker(try SLOConfiguration(objective: 0.75, conditions: [condition], budgetThresholds: []))
        // Burn rate 2 exactly (50% bad over a 25% budget) in both windows: not firing.
        #expect(slo.record(good: 50, total: 100, at: atMinute(0)).isEmpty)
        #expect(slo.burnRate(over: 10 * minute) == 2)
        // 51% bad in minute 1: 2.04 over the short window, 101 / 200 = 2.02 over the long one.
        let events = slo.record(good: 49, total: 100, at: atMinute(1))
        #expect(events == [.burnRate(.init(
            conditionIndex: 0, condition: condition, firing: true, time: atMinute(1),
            longBurnRate: 101.0 / 200 / 0.25, shortBurnRate: 51.0 / 100 / 0.25))])
        #expect(slo.firing == [true])
        // The short window alone falling to the factor clears it although the long one stays above.
        let cleared = slo.record(good: 50, total: 100, at: atMinute(2))
        #expect(cleared.count == 1)
        #expect(slo.firing == [false])
        #expect(slo.burnRate(over: 10 * minute) > 2)
    }

    /// Burn rate 2 is 50% bad over a 25% budget. Minute 0 and minute 1 each hold 100 events; the long window (10 m)
    /// sees both, the short one (1 m) only minute 1.
    @Test(arguments: [
        (50, 50, false), (40, 60, false), (70, 50, false), (50, 51, true), (49, 52, true), (100, 49, false),
    ])
    func conditionBoundaries(badInMinute0: Int, badInMinute1: Int, firing: Bool) throws {
        let condition = BurnRateCondition(severity: .page, longWindow: 10 * minute, shortWindow: minute, factor: 2)
        var slo = SLOTracker(try SLOConfiguration(objective: 0.75, conditions: [condition], budgetThresholds: []))
        _ = slo.record(good: 100 - badInMinute0, total: 100, at: atMinute(0))
        _ = slo.record(good: 100 - badInMinute1, total: 100, at: atMinute(1))
        #expect(slo.firing == [firing], "long \(slo.burnRate(over: 10 * minute)), short \(slo.burnRate(over: minute))")
    }

    /// With a budget that binary floating point cannot hold (1 − 0.99) and bad shares around the factor, a
    /// condition fires exactly when both rates, as `burnRate(over:)` works them out, exceed it: deciding most
    /// events without dividing must not move the boundary by a rounding.
    @Test(arguments: 140...150)
    func firingAgreesWithTheRatesAtAnInexactBudget(bad: Int) throws {
        let condition = BurnRateCondition(severity: .page, longWindow: 10 * minute, shortWindow: minute, factor: 14.4)
        var slo = SLOTracker(try SLOConfiguration(objective: 0.99, conditions: [condition], budgetThresholds: []))
        _ = slo.record(good: 10_000 - 10 * bad, total: 10_000, at: atMinute(0))
        _ = slo.record(good: 10_000 - 10 * bad, total: 10_000, at: atMinute(1))
        let long = slo.burnRate(over: 10 * minute), short = slo.burnRate(over: minute)
        #expect(slo.firing == [long > 14.4 && short > 14.4], "long \(long), short \(short)")
        #expect(slo.firing == [bad > 144 || (bad == 144 && long > 14.4 && short > 14.4)])
    }

    @Test func aLateEventCountsOnlyInTheWindowsThatCoverItsBucket() throws {
        let condition = BurnRateCondition(severity: .page, longWindow: 10 * minute, shortWindow: 5 * minute, factor: 2)
        var slo = SLOTracker(try SLOConfiguration(objective: 0.75, conditions: [condition], budgetThresholds: []))
        _ = slo.record(good: 1, total: 1, at: atMinute(10))
        _ = slo.record(good: 0, total: 1, at: atMinute(5))  // just outside the 5 m window (minutes 6–10)
        _ = slo.record(good: 0, total: 1, at: atMinute(0))  // just outside the 10 m window (minutes 1–10)
        _ = slo.record(good: 0, total: 1, at: atMinute(6))  // oldest minute of the 5 m window
        #expect(slo.events(over: 5 * minute) == (bad: 1, total: 2))
        #expect(slo.events(over: 10 * minute) == (bad: 2, total: 3))
        #expect(slo.events(over: 11 * minute) == (bad: 3, total: 4))
    }

    /// The workbook's defaults on a 30-day, 99.9% SLO: six hours of 1,000 good requests a minute, two hours at 2%
    /// errors (burn rate 20), one hour of recovery, then silence.
    @Test func defaultConditionsFireAndClearAtTheHandComputedMinutes() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.999, budgetThresholds: []))
        #expect(slo.configuration.conditions.map(\.factor) == [14.4, 6, 1])
        var changes: [(minute: Int, condition: Int, firing: Bool)] = []
        func run(_ minutes: Range<Int>, bad: Int) {
            for m in minutes {
                for case .burnRate(let change) in slo.record(good: 1000 - bad, total: 1000, at: atMinute(m)) {
                    changes.append((m, change.conditionIndex, change.firing))
                }
            }
        }
        run(0..<360, bad: 0)
        run(360..<480, bad: 20)
        run(480..<540, bad: 0)
        // Incident minute j (0-based) puts j + 1 bad buckets in every window:
        // - ticket (3 d & 6 h above 1): 20(j+1) / (1000(361 + j)) > 0.1% from j + 1 = 19, 6 h from j + 1 = 19;
        // - page (1 h & 5 m above 14.4): 20(j+1) / 60,000 > 1.44% from j + 1 = 44;
        // - page (6 h & 30 m above 6): 20(j+1) / 360,000 > 0.6% from j + 1 = 109.
        // Recovery minute i: the 5 m window holds 4 − i bad buckets (80 / 5,000 = 1.6% at i = 0, 1.2% at i = 1);
        // the 30 m window 29 − i (0.6% is not above 0.6% at i = 20); the 6 h window keeps the incident: the ticket
        // stays.
        #expect(changes.map { "\($0.minute):\($0.condition):\($0.firing)" } == [
            "378:2:true", "403:0:true", "468:1:true", "481:0:false", "500:1:false",
        ])
        #expect(slo.firing == [false, false, true])
        // A week without traffic: every window is empty, nothing burns.
        let quiet = slo.advance(to: atMinute(540) + 7 * day)
        #expect(quiet.count == 1)
        #expect(slo.firing == [false, false, false])
        #expect(slo.events(over: 30 * day).bad == 2400, "the period still holds the incident")
    }

    // MARK: Budget

    @Test func budgetCrossingsFireOnceEachUntilTheBudgetRecovers() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.75, conditions: []))
        var crossings: [(Double, Bool)] = []
        var time: Int64 = 0
        func push(success: Bool, times: Int) {
            for _ in 0..<times {
                time += second
                let before = slo.budgetConsumed
                for case .budget(let change) in slo.observe(success: success, at: time) {
                    crossings.append((change.threshold, change.exceeded))
                    // Each change is the first input past its threshold, in its direction.
                    #expect(change.consumed == slo.budgetConsumed)
                    #expect((before >= change.threshold) != change.exceeded)
                    #expect((change.consumed >= change.threshold) == change.exceeded)
                }
            }
        }
        push(success: true, times: 100)
        push(success: false, times: 300)  // consumed climbs to 300 / (0.25 · 400) = 3
        #expect(crossings.map { "\($0.0):\($0.1)" } == ["0.5:true", "0.8:true", "1.0:true"])
        push(success: true, times: 5000)  // and falls to 300 / (0.25 · 5400) = 0.22
        #expect(crossings.map { "\($0.0):\($0.1)" } == [
            "0.5:true", "0.8:true", "1.0:true", "1.0:false", "0.8:false", "0.5:false",
        ])
        push(success: false, times: 500)  // 800 / (0.25 · 5900) = 0.54
        #expect(crossings.count == 7)
        #expect(crossings.last! == (0.5, true))
    }

    @Test func budgetCrossingAtExactlyTheThreshold() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.75, conditions: []))
        #expect(slo.record(good: 7, total: 7, at: 0).isEmpty)
        let events = slo.record(good: 0, total: 1, at: 1)  // 1 bad of 8: budget 2, consumed exactly 0.5
        #expect(events == [.budget(.init(threshold: 0.5, exceeded: true, consumed: 0.5, time: 1))])
    }

    // MARK: Memory

    @Test(arguments: [7 * day, 30 * day, 90 * day, 365 * day])
    func bucketCountDoesNotGrowWithThePeriod(period: Int64) throws {
        let slo = SLOTracker(try SLOConfiguration(objective: 0.999, period: period))
        #expect(slo.bucketCount == 72 * 60 + 720, "3 days of minutes and 720 coarse buckets")
    }

    @Test func bucketCountDoesNotGrowWithEventsAndOldEventsExpire() throws {
        var slo = SLOTracker(try SLOConfiguration(objective: 0.99))
        let buckets = slo.bucketCount
        // 30 days all bad, then 31 days all good, one record a minute of 10 events.
        for m in 0..<(61 * 24 * 60) {
            _ = slo.record(good: m < 30 * 24 * 60 ? 0 : 10, total: 10, at: atMinute(m))
        }
        #expect(slo.bucketCount == buckets)
        #expect(slo.compliance == 1, "the bad month left the period")
        #expect(slo.budgetConsumed == 0)
        _ = slo.record(good: 0, total: 5, at: 0)
        #expect(slo.droppedLateEvents == 5)
    }

    // MARK: Configuration

    @Test func invalidConfigurationsAreRefused() {
        typealias E = SLOConfiguration.ValidationError
        #expect(throws: E.self) { try SLOConfiguration(objective: 1) }
        #expect(throws: E.self) { try SLOConfiguration(objective: 0) }
        #expect(throws: E.self) { try SLOConfiguration(objective: 0.99, period: 0) }
        #expect(throws: E.self) { try SLOConfiguration(objective: 0.99, budgetThresholds: [0.8, 0.5]) }
        #expect(throws: E.self) { try SLOConfiguration(objective: 0.99, indicator: .latency(threshold: .nan)) }
        #expect(throws: E.self) {
            try SLOConfiguration(objective: 0.99, conditions: [
                BurnRateCondition(severity: .page, longWindow: minute, shortWindow: hour, factor: 2),
            ])
        }
        #expect(throws: E.self) {
            try SLOConfiguration(objective: 0.99, period: day, conditions: [
                BurnRateCondition(severity: .page, longWindow: 2 * day, shortWindow: hour, factor: 2),
            ])
        }
        #expect(throws: E.self) { try SLOConfiguration(objective: 0.99, fineResolution: 100_000) }  // 2.6e9 buckets
        #expect(BurnRateCondition.defaults(for: day).count == 2, "the 3-day condition does not fit a 1-day period")
    }

    // MARK: Reference model

    @Test(arguments: [UInt64(1), 2, 3])
    func matchesTheSlowReferenceOnRandomStreams(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let config = try SLOConfiguration(
            objective: [0.75, 0.9, 0.99].randomElement(using: &rng)!,
            period: 3 * day,
            conditions: [
                BurnRateCondition(severity: .page, longWindow: 5 * minute, shortWindow: minute, factor: 2),
                BurnRateCondition(severity: .page, longWindow: hour, shortWindow: 5 * minute, factor: 1.5),
                BurnRateCondition(severity: .ticket, longWindow: day, shortWindow: hour, factor: 1),
            ],
            budgetThresholds: [0.5, 0.8, 1, 2])
        #expect(config.fineSpan == day)
        #expect(config.coarseResolution == 6 * minute)
        var fast = SLOTracker(config)
        var slow = SLOReference(config)
        let windows: [Int64] = [minute, 7 * minute, 90 * minute, day, day + 1, 25 * hour, 2 * day, 3 * day]
        var time: Int64 = 1_000 * day
        // The bad share wanders between 0 and 4 budgets, so burn rates cross every factor both ways.
        var budgets = 1.0
        var burnChanges = 0, budgetChanges = 0
        for step in 0..<1500 {
            budgets = min(4, max(0, budgets + Double.random(in: -0.2...0.2, using: &rng)))
            let badShare = min(1, budgets * config.errorBudget)
            switch Int.random(in: 0..<200, using: &rng) {
            case 0: time += Int64.random(in: 0...(4 * day), using: &rng)
            case 1..<4: time += Int64.random(in: 0...(6 * hour), using: &rng)
            case 4..<8: time -= Int64.random(in: 0...(4 * day), using: &rng)
            case 8..<20: time -= Int64.random(in: 0...(2 * hour), using: &rng)
            case 20..<40: time -= Int64.random(in: 0...(10 * minute), using: &rng)
            default: time += Int64.random(in: 0...(3 * minute), using: &rng)
            }
            let expected: [SLOEvent], actual: [SLOEvent]
            if step % 50 == 0 {
                expected = slow.advance(to: time)
                actual = fast.advance(to: time)
            } else {
                let total = Int.random(in: 0...20, using: &rng)
                let bad = (0..<total).filter { _ in Double.random(in: 0..<1, using: &rng) < badShare }.count
                expected = slow.record(good: total - bad, total: total, at: time)
                actual = fast.record(good: total - bad, total: total, at: time)
            }
            #expect(actual == expected, "events at step \(step)")
            for event in actual {
                if case .burnRate = event { burnChanges += 1 } else { budgetChanges += 1 }
            }
            #expect(fast.compliance == slow.compliance, "compliance at step \(step)")
            #expect(fast.budgetConsumed == slow.budgetConsumed)
            #expect(fast.firing == slow.firing)
            #expect(fast.droppedLateEvents == slow.dropped)
            for condition in config.conditions {
                #expect(fast.events(over: condition.longWindow) == slow.events(over: condition.longWindow))
                #expect(fast.events(over: condition.shortWindow) == slow.events(over: condition.shortWindow))
            }
            let window = Bool.random(using: &rng)
                ? windows.randomElement(using: &rng)! : Int64.random(in: 1...(3 * day), using: &rng)
            let (a, e) = (fast.events(over: window), slow.events(over: window))
            #expect(a == e, "window \(PromDuration.format(nanoseconds: window)) at step \(step)")
            if a != e || actual != expected { return }
        }
        // The stream must have exercised what it compares.
        #expect(burnChanges >= 4, "condition changes")
        #expect(budgetChanges > 2, "budget changes")
        #expect(fast.droppedLateEvents > 0, "late events dropped")
    }
}
