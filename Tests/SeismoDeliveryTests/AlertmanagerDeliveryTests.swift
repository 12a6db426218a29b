import SeismoCore
import SeismoDelivery
import SeismoRules
import Testing

/// The delivery state machine, driven by a made-up wall clock: what is sent where and when, batching, re-sends,
/// backoff with jitter, the queue bound and the drain at exit.
@Suite struct AlertmanagerDeliveryTests {
    static let second = Timestamp.nanosecondsPerSecond
    /// Wall clock at the start of each test.
    static let t0: Int64 = 1_793_491_200 * second

    static func configuration(targets: Int = 1) -> AlertmanagerConfiguration {
        var configuration = AlertmanagerConfiguration(
            urls: (0..<targets).map { "http://am\($0):9093" }, externalURL: "http://seismo.example"
        )
        configuration.resendInterval = 60 * second
        configuration.initialBackoff = 1 * second
        configuration.maxBackoff = 8 * second
        configuration.flushTimeout = 10 * second
        return configuration
    }

    static func event(
        _ state: AlertState, host: String = "a", at time: Int64, activeAt: Int64? = nil, alert: String = "HostDown"
    ) -> AlertEvent {
        AlertEvent(
            seq: 1, time: time, alert: alert, state: state,
            labels: [Label(name: "alertname", value: alert), Label(name: "host", value: host)],
            annotations: [Label(name: "summary", value: "\(host) is down")], value: 1,
            activeAt: activeAt ?? time
        )
    }

    static func sends(_ actions: [AlertmanagerDelivery.Action]) -> [AlertmanagerDelivery.Request] {
        actions.compactMap { if case .send(let request) = $0 { request } else { nil } }
    }

    static func drops(_ actions: [AlertmanagerDelivery.Action]) -> [(Int, Int, DeliveryCounts.DropReason)] {
        actions.compactMap { if case .drop(let t, let n, let reason) = $0 { (t, n, reason) } else { nil } }
    }

    @Test func firingGoesToEveryTargetWithEndsAtFourResendsAhead() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(targets: 2), seed: 1)
        let firedAt = Self.t0 - 30 * Self.second  // event time behind the wall clock (a replay, a slow stream)
        let sends = Self.sends(machine.receive(Self.event(.firing, at: firedAt), now: Self.t0))
        #expect(sends.map(\.target) == [0, 1])
        for request in sends {
            #expect(request.alerts.count == 1)
            let alert = request.alerts[0]
            #expect(alert.startsAt == firedAt)
            #expect(alert.endsAt == Self.t0 + 4 * 60 * Self.second)
            #expect(alert.labels == [Label(name: "alertname", value: "HostDown"), Label(name: "host", value: "a")])
            #expect(alert.annotations == [Label(name: "summary", value: "a is down")])
            #expect(alert.generatorURL == "http://seismo.example/alerts/HostDown")
            #expect(alert.fingerprint == Self.event(.firing, at: 0).fingerprint)
        }
        #expect(machine.nextResend == Self.t0 + 60 * Self.second)
    }

    @Test func endsAtIsCountedFromStartsAtWhenEventTimeIsAheadOfTheWallClock() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let firedAt = Self.t0 + 3600 * Self.second
        let alert = Self.sends(machine.receive(Self.event(.firing, at: firedAt), now: Self.t0))[0].alerts[0]
        #expect(alert.endsAt == firedAt + 240 * Self.second)
    }

    @Test func aRepeatedFiringEventKeepsTheStartTime() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let first = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
        _ = machine.completed(first, outcome: .delivered, now: Self.t0)
        // The lifecycle reports firing again when an alert starts or stops flapping.
        let again = Self.sends(machine.receive(Self.event(.firing, at: Self.t0 + 90 * Self.second), now: Self.t0 + 90 * Self.second))
        #expect(again.first?.alerts.first?.startsAt == Self.t0)
        #expect(again.first?.alerts.first?.endsAt == Self.t0 + (90 + 240) * Self.second)
        #expect(machine.activeCount == 1)
    }

    @Test(arguments: [AlertState.pending, .inactive])
    func pendingAndInactiveAreNotDelivered(state: AlertState) {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        #expect(machine.receive(Self.event(state, at: Self.t0), now: Self.t0).isEmpty)
        #expect(machine.activeCount == 0)
        #expect(machine.nextDeadline == nil)
    }

    @Test func resolutionKeepsStartsAtAndEndsAtTheResolveTime() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let fired = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
        _ = machine.completed(fired, outcome: .delivered, now: Self.t0)
        let resolvedAt = Self.t0 + 300 * Self.second
        // activeAt of a resolution is when the condition started holding, before it fired: not what was sent.
        let resolution = Self.event(.resolved, at: resolvedAt, activeAt: Self.t0 - 120 * Self.second)
        let sent = Self.sends(machine.receive(resolution, now: Self.t0 + 301 * Self.second))[0].alerts[0]
        #expect(sent.startsAt == Self.t0)
        #expect(sent.endsAt == resolvedAt)
        #expect(machine.activeCount == 0)
        #expect(machine.nextResend == nil)
    }

    @Test func oneRequestInFlightPerTargetAndWhatArrivesMeanwhileGoesInOneBatch() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let first = Self.sends(machine.receive(Self.event(.firing, host: "a", at: Self.t0), now: Self.t0))
        #expect(first.count == 1)
        for host in ["b", "c", "d"] {
            #expect(Self.sends(machine.receive(Self.event(.firing, host: host, at: Self.t0), now: Self.t0)).isEmpty)
        }
        // A newer state of a waiting alert replaces it in place: c resolves before it was ever sent.
        _ = machine.receive(Self.event(.resolved, host: "c", at: Self.t0 + Self.second), now: Self.t0)
        #expect(machine.pendingCount(target: 0) == 3)
        let next = Self.sends(machine.completed(first[0], outcome: .delivered, now: Self.t0 + 1))
        #expect(next.count == 1)
        #expect(next[0].alerts.map { $0.labels[1].value } == ["b", "c", "d"])
        #expect(next[0].alerts[1].endsAt == Self.t0 + Self.second)  // c's resolution, not its firing
        #expect(machine.counts(target: 0).requests == 1)
        #expect(machine.counts(target: 0).alertsSent == 1)
    }

    @Test func batchesAreCappedAtMaxBatchSize() {
        var configuration = Self.configuration()
        configuration.maxBatchSize = 2
        var machine = AlertmanagerDelivery(configuration: configuration, seed: 1)
        var request = Self.sends(machine.receive(Self.event(.firing, host: "h0", at: Self.t0), now: Self.t0))[0]
        for i in 1...4 { _ = machine.receive(Self.event(.firing, host: "h\(i)", at: Self.t0), now: Self.t0) }
        var sizes = [request.alerts.count]
        while true {
            let next = Self.sends(machine.completed(request, outcome: .delivered, now: Self.t0))
            guard let followUp = next.first else { break }
            sizes.append(followUp.alerts.count)
            request = followUp
        }
        #expect(sizes == [1, 2, 2])
        #expect(machine.counts(target: 0).alertsSent == 5)
    }

    @Test func activeAlertsAreResentEveryIntervalWithEndsAtMovedOn() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let request = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
        _ = machine.completed(request, outcome: .delivered, now: Self.t0)
        #expect(machine.nextDeadline == Self.t0 + 60 * Self.second)
        #expect(Self.sends(machine.tick(now: Self.t0 + 59 * Self.second)).isEmpty)
        let resend = Self.sends(machine.tick(now: Self.t0 + 61 * Self.second))
        #expect(resend.count == 1)
        #expect(resend[0].alerts[0].startsAt == Self.t0)
        #expect(resend[0].alerts[0].endsAt == Self.t0 + (61 + 240) * Self.second)
        #expect(machine.nextResend == Self.t0 + 121 * Self.second)
    }

    @Test(arguments: [1, 2, 3, 42, 1234] as [UInt64])
    func failuresBackOffExponentiallyWithJitterInTheUpperHalf(seed: UInt64) {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: seed)
        var now = Self.t0
        var request = Self.sends(machine.receive(Self.event(.firing, at: now), now: now))[0]
        // 1 s, 2 s, 4 s, 8 s, then capped at 8 s; each jittered into [d/2, d].
        for ceiling in [1, 2, 4, 8, 8] as [Int64] {
            let actions = machine.completed(request, outcome: .failed(retryable: true), now: now)
            #expect(Self.sends(actions).isEmpty)
            let retryAt = machine.nextDeadline!
            #expect(retryAt >= now + ceiling * Self.second / 2)
            #expect(retryAt <= now + ceiling * Self.second)
            #expect(Self.sends(machine.tick(now: retryAt - 1)).isEmpty)
            now = retryAt
            let retry = Self.sends(machine.tick(now: now))
            #expect(retry.count == 1)
            guard retry.count == 1 else { return }
            request = retry[0]
            // Each new state resets the alert's attempts so the 5-attempt limit is not what this test measures.
            _ = machine.receive(Self.event(.firing, at: Self.t0), now: now)
        }
        #expect(machine.counts(target: 0).failedRequests == 5)
        // A success resets the backoff: the alert that waited meanwhile goes at once.
        let next = Self.sends(machine.completed(request, outcome: .delivered, now: now))
        #expect(next.count == 1)
        _ = machine.completed(next[0], outcome: .failed(retryable: true), now: now)
        #expect(machine.nextDeadline! <= now + Self.second, "the backoff starts again from 1 s")
    }

    @Test func differentSeedsJitterDifferently() {
        func retryDelay(seed: UInt64) -> Int64 {
            var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: seed)
            let request = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
            _ = machine.completed(request, outcome: .failed(retryable: true), now: Self.t0)
            return machine.nextDeadline! - Self.t0
        }
        let delays = Set((1...8 as ClosedRange<UInt64>).map(retryDelay(seed:)))
        #expect(delays.count > 1, "jitter must spread retries of different Seismos")
        #expect(retryDelay(seed: 7) == retryDelay(seed: 7))
    }

    @Test func anAlertIsDroppedAfterMaxAttempts() {
        var configuration = Self.configuration()
        configuration.maxAttempts = 3
        var machine = AlertmanagerDelivery(configuration: configuration, seed: 1)
        var now = Self.t0
        var request = Self.sends(machine.receive(Self.event(.firing, at: now), now: now))[0]
        var dropped: [(Int, Int, DeliveryCounts.DropReason)] = []
        for _ in 0..<3 {
            let actions = machine.completed(request, outcome: .failed(retryable: true), now: now)
            dropped += Self.drops(actions)
            guard let retryAt = machine.nextDeadline, retryAt < Self.t0 + 60 * Self.second else { break }
            now = retryAt
            guard let retry = Self.sends(machine.tick(now: now)).first else { break }
            request = retry
        }
        #expect(dropped.count == 1)
        #expect(dropped.first?.1 == 1)
        #expect(dropped.first?.2 == .retriesExhausted)
        #expect(machine.counts(target: 0).failedRequests == 3)
        #expect(machine.counts(target: 0).dropped == [.retriesExhausted: 1])
        #expect(machine.pendingCount(target: 0) == 0)
        // Still firing: the next re-send tries again.
        #expect(Self.sends(machine.tick(now: Self.t0 + 60 * Self.second)).count == 1)
    }

    @Test func aRefusalDropsTheBatchWithoutBackoff() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let request = Self.sends(machine.receive(Self.event(.firing, host: "a", at: Self.t0), now: Self.t0))[0]
        _ = machine.receive(Self.event(.firing, host: "b", at: Self.t0), now: Self.t0)
        let actions = machine.completed(request, outcome: .failed(retryable: false), now: Self.t0)
        #expect(Self.drops(actions).map(\.2) == [.rejected])
        #expect(Self.sends(actions).count == 1, "b goes at once: a refusal is not an outage")
        #expect(machine.counts(target: 0).failedRequests == 1)
    }

    @Test func aFailedAlertIsNotRequeuedWhenANewerStateIsWaiting() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let request = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
        _ = machine.receive(Self.event(.resolved, at: Self.t0 + 10 * Self.second), now: Self.t0)
        _ = machine.completed(request, outcome: .failed(retryable: true), now: Self.t0)
        #expect(machine.pendingCount(target: 0) == 1)
        let retry = Self.sends(machine.tick(now: machine.nextDeadline!))
        #expect(retry.count == 1)
        #expect(retry[0].alerts.map(\.endsAt) == [Self.t0 + 10 * Self.second])
    }

    @Test func aFullQueueDropsTheOldestAndCountsIt() {
        var configuration = Self.configuration()
        configuration.queueCapacity = 2
        var machine = AlertmanagerDelivery(configuration: configuration, seed: 1)
        let inFlight = Self.sends(machine.receive(Self.event(.firing, host: "h0", at: Self.t0), now: Self.t0))[0]
        var drops: [(Int, Int, DeliveryCounts.DropReason)] = []
        for i in 1...4 { drops += Self.drops(machine.receive(Self.event(.firing, host: "h\(i)", at: Self.t0), now: Self.t0)) }
        #expect(drops.count == 2)
        #expect(drops.allSatisfy { $0.1 == 1 && $0.2 == .queueFull })
        #expect(machine.counts(target: 0).dropped == [.queueFull: 2])
        let next = Self.sends(machine.completed(inFlight, outcome: .delivered, now: Self.t0))
        #expect(next.first?.alerts.map { $0.labels[1].value } == ["h3", "h4"])
    }

    @Test func aSlowTargetDoesNotHoldUpAnother() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(targets: 2), seed: 1)
        let first = Self.sends(machine.receive(Self.event(.firing, host: "a", at: Self.t0), now: Self.t0))
        _ = machine.completed(first[1], outcome: .delivered, now: Self.t0)  // target 1 answers, target 0 hangs
        let second = Self.sends(machine.receive(Self.event(.firing, host: "b", at: Self.t0), now: Self.t0))
        #expect(second.map(\.target) == [1])
        #expect(machine.pendingCount(target: 0) == 1)
    }

    @Test func drainWithNothingPendingFinishesAtOnceAndStopsResends() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let request = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
        _ = machine.completed(request, outcome: .delivered, now: Self.t0)
        #expect(machine.beginDrain(now: Self.t0).isEmpty)
        #expect(machine.isFinished)
        #expect(machine.nextDeadline == nil)
        #expect(machine.tick(now: Self.t0 + 3600 * Self.second).isEmpty)
    }

    @Test func drainWaitsForTheRequestInFlight() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let request = Self.sends(machine.receive(Self.event(.firing, at: Self.t0), now: Self.t0))[0]
        _ = machine.beginDrain(now: Self.t0)
        #expect(!machine.isFinished)
        #expect(machine.nextDeadline == Self.t0 + 10 * Self.second)
        _ = machine.completed(request, outcome: .delivered, now: Self.t0 + Self.second)
        #expect(machine.isFinished)
        #expect(machine.counts(target: 0).droppedTotal == 0)
    }

    @Test func drainRetriesUntilTheDeadlineThenDropsWhatIsLeft() {
        var machine = AlertmanagerDelivery(configuration: Self.configuration(), seed: 1)
        let request = Self.sends(machine.receive(Self.event(.firing, host: "a", at: Self.t0), now: Self.t0))[0]
        _ = machine.receive(Self.event(.firing, host: "b", at: Self.t0), now: Self.t0)
        _ = machine.beginDrain(now: Self.t0)
        _ = machine.completed(request, outcome: .failed(retryable: true), now: Self.t0)
        let retry = Self.sends(machine.tick(now: machine.nextDeadline!))
        #expect(retry.first?.alerts.count == 2)
        let deadline = Self.t0 + 10 * Self.second
        #expect(machine.nextDeadline == deadline)
        let actions = machine.tick(now: deadline)
        #expect(Self.drops(actions).map { [$0.1] } == [[2]])
        #expect(Self.drops(actions).map(\.2) == [.shutdown])
        #expect(machine.isFinished)
        // The request given up may still answer: nothing changes.
        #expect(machine.completed(retry[0], outcome: .delivered, now: deadline + 1).isEmpty)
        #expect(machine.counts(target: 0).alertsSent == 0)
        #expect(machine.counts(target: 0).dropped == [.shutdown: 2])
    }
}
