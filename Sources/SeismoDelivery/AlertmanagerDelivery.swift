import SeismoCore
import SeismoRules

/// The delivery state machine: which alerts are active, what waits for which Alertmanager, what is in flight,
/// when to retry and when to re-send. It does no I/O and reads no clock: every event takes `now` (wall time, ns
/// since the epoch) and returns the actions the caller must carry out, so tests drive it with a made-up clock.
///
/// - Only `firing` and `resolved` events are delivered (as Prometheus does): a firing alert is sent with
///   `endsAt = max(now, startsAt) + validity` and re-sent every `resendInterval` while it fires; a resolution is
///   sent once with `endsAt` at the resolve time (event time) and the alert is forgotten.
/// - Each Alertmanager has its own queue and at most one request in flight, so a slow one holds up no other.
///   Waiting alerts are keyed by fingerprint: a newer state of an alert replaces the waiting one in place, so a
///   down Alertmanager and periodic re-sends do not grow the queue. Beyond `queueCapacity` distinct alerts the
///   oldest is dropped.
/// - A failed request puts its alerts back at the head of the queue (unless a newer state of one is already
///   waiting) and the target backs off: `initialBackoff` doubled per consecutive failure up to `maxBackoff`, with
///   "equal jitter" (a uniformly random point in the upper half), so several Seismos do not retry in step. An
///   alert that failed `maxAttempts` times is dropped; a 4xx refusal drops the batch at once.
/// - `beginDrain` (at exit) stops re-sends and gives pending sends until `flushTimeout`; then what is left is
///   dropped and counted, and `isFinished` turns true.
public struct AlertmanagerDelivery: Sendable {
    /// One request to make: post `alerts` to target `target`, then report it with `completed(_:outcome:now:)`.
    public struct Request: Sendable, Equatable {
        /// Index into the configuration's `urls`.
        public var target: Int
        /// Unique per state machine; completions for a request the machine no longer waits for are ignored.
        public var id: UInt64
        public var alerts: [AlertmanagerAlert]
    }

    /// How a request ended.
    public enum Outcome: Sendable, Equatable {
        case delivered
        /// `retryable` false for a refusal that would be refused again (HTTP 4xx other than 408 and 429).
        case failed(retryable: Bool)
    }

    /// What the caller must do.
    public enum Action: Sendable, Equatable {
        /// Make this request (without waiting for it inside the state machine's lock).
        case send(Request)
        /// `count` alerts for `target` were given up: record and log it.
        case drop(target: Int, count: Int, reason: DeliveryCounts.DropReason)
    }

    private struct Queued: Sendable {
        /// Position in the queue: smaller goes first. A requeued alert keeps its old one, so it goes first again.
        var order: UInt64
        var alert: AlertmanagerAlert
        /// Failed requests this alert was in since its state last changed.
        var failures: Int
    }

    private struct InFlight: Sendable {
        var id: UInt64
        var alerts: [Queued]
    }

    private struct Target: Sendable {
        var pending: [String: Queued] = [:]
        var inFlight: InFlight?
        /// No request before this time (backing off after a failure).
        var retryAt: Int64?
        var consecutiveFailures = 0
        var counts = DeliveryCounts()
    }

    public let configuration: AlertmanagerConfiguration
    private var targets: [Target]
    /// Firing alerts by fingerprint, as last sent.
    private var active: [String: AlertmanagerAlert] = [:]
    /// When active alerts are next re-sent; nil while none is active.
    public private(set) var nextResend: Int64?
    /// Set by `beginDrain`: the time at which whatever is left is dropped.
    public private(set) var drainDeadline: Int64?
    public private(set) var isFinished = false
    private var nextOrder: UInt64 = 0
    private var nextRequestID: UInt64 = 1
    private var random: SplitMix64

    /// - Parameter seed: seeds the backoff jitter.
    public init(configuration: AlertmanagerConfiguration, seed: UInt64) {
        precondition(configuration.queueCapacity > 0, "AlertmanagerConfiguration.queueCapacity must be positive")
        precondition(configuration.maxBatchSize > 0, "AlertmanagerConfiguration.maxBatchSize must be positive")
        precondition(configuration.maxAttempts > 0, "AlertmanagerConfiguration.maxAttempts must be positive")
        self.configuration = configuration
        targets = Array(repeating: Target(), count: configuration.urls.count)
        random = SplitMix64(seed: seed)
    }

    // MARK: Events

    /// An alert state change from the evaluator. Pending and inactive states are not delivered.
    public mutating func receive(_ event: AlertEvent, now: Int64) -> [Action] {
        let fingerprint = event.fingerprint
        let alert: AlertmanagerAlert
        switch event.state {
        case .firing:
            // A firing alert can be reported again (its flapping flag changed): it keeps the start Alertmanager knows.
            let startsAt = active[fingerprint]?.startsAt ?? event.time
            alert = AlertmanagerAlert(
                fingerprint: fingerprint, labels: event.labels, annotations: event.annotations, startsAt: startsAt,
                endsAt: max(now, startsAt) + configuration.validity,
                generatorURL: configuration.generatorURL(alertName: event.alert)
            )
            active[fingerprint] = alert
            if nextResend == nil { nextResend = now + configuration.resendInterval }
        case .resolved:
            // startsAt must be the one Alertmanager knows, or it would take the resolution for a new alert.
            let startsAt = active.removeValue(forKey: fingerprint)?.startsAt ?? event.activeAt
            alert = AlertmanagerAlert(
                fingerprint: fingerprint, labels: event.labels, annotations: event.annotations, startsAt: startsAt,
                endsAt: max(event.time, startsAt), generatorURL: configuration.generatorURL(alertName: event.alert)
            )
            if active.isEmpty { nextResend = nil }
        case .pending, .inactive:
            return []
        }
        var actions: [Action] = []
        for target in targets.indices { enqueue(alert, target: target, actions: &actions) }
        dispatch(now: now, actions: &actions)
        return actions
    }

    /// A request made for a `.send` action ended.
    public mutating func completed(_ request: Request, outcome: Outcome, now: Int64) -> [Action] {
        let t = request.target
        guard targets.indices.contains(t), let inFlight = targets[t].inFlight, inFlight.id == request.id else {
            return []  // given up at the drain deadline
        }
        targets[t].inFlight = nil
        var actions: [Action] = []
        switch outcome {
        case .delivered:
            targets[t].counts.requests += 1
            targets[t].counts.alertsSent += UInt64(inFlight.alerts.count)
            targets[t].consecutiveFailures = 0
            targets[t].retryAt = nil
        case .failed(retryable: false):
            targets[t].counts.failedRequests += 1
            drop(inFlight.alerts.count, target: t, reason: .rejected, actions: &actions)
        case .failed(retryable: true):
            targets[t].counts.failedRequests += 1
            targets[t].consecutiveFailures += 1
            var exhausted = 0
            for var queued in inFlight.alerts {
                queued.failures += 1
                if targets[t].pending[queued.alert.fingerprint] != nil { continue }  // superseded by a newer state
                if queued.failures >= configuration.maxAttempts {
                    exhausted += 1
                } else {
                    insert(queued, target: t, actions: &actions)
                }
            }
            if exhausted > 0 { drop(exhausted, target: t, reason: .retriesExhausted, actions: &actions) }
            targets[t].retryAt = now + backoff(consecutiveFailures: targets[t].consecutiveFailures)
        }
        dispatch(now: now, actions: &actions)
        finishIfDrained()
        return actions
    }

    /// Time passed: re-send active alerts when due, retry after backoff, give up at the drain deadline.
    public mutating func tick(now: Int64) -> [Action] {
        var actions: [Action] = []
        if let deadline = drainDeadline {
            if now >= deadline, !isFinished {
                for t in targets.indices {
                    let left = targets[t].pending.count + (targets[t].inFlight?.alerts.count ?? 0)
                    targets[t].pending.removeAll()
                    targets[t].inFlight = nil
                    if left > 0 { drop(left, target: t, reason: .shutdown, actions: &actions) }
                }
                isFinished = true
                return actions
            }
        } else if let due = nextResend, now >= due {
            for fingerprint in active.keys.sorted() {
                active[fingerprint]!.endsAt = max(now, active[fingerprint]!.startsAt) + configuration.validity
                for target in targets.indices { enqueue(active[fingerprint]!, target: target, actions: &actions) }
            }
            nextResend = now + configuration.resendInterval
        }
        dispatch(now: now, actions: &actions)
        finishIfDrained()
        return actions
    }

    /// The run is over: no more re-sends; pending sends get until `now + flushTimeout`.
    public mutating func beginDrain(now: Int64) -> [Action] {
        guard drainDeadline == nil else { return [] }
        drainDeadline = now + configuration.flushTimeout
        nextResend = nil
        var actions: [Action] = []
        dispatch(now: now, actions: &actions)
        finishIfDrained()
        return actions
    }

    // MARK: Queries

    /// The earliest time `tick` has something to do (a re-send, a retry after backoff, the drain deadline).
    public var nextDeadline: Int64? {
        guard !isFinished else { return nil }
        var earliest = drainDeadline ?? nextResend
        for target in targets where target.inFlight == nil && !target.pending.isEmpty {
            if let retryAt = target.retryAt { earliest = min(earliest ?? retryAt, retryAt) }
        }
        return earliest
    }

    /// What happened so far to the alerts for target `index`.
    public func counts(target index: Int) -> DeliveryCounts { targets[index].counts }

    /// Alerts waiting for target `index` (in flight not included).
    public func pendingCount(target index: Int) -> Int { targets[index].pending.count }

    /// Alerts currently firing.
    public var activeCount: Int { active.count }

    // MARK: Internals

    private mutating func enqueue(_ alert: AlertmanagerAlert, target t: Int, actions: inout [Action]) {
        if let waiting = targets[t].pending[alert.fingerprint] {
            targets[t].pending[alert.fingerprint] = Queued(order: waiting.order, alert: alert, failures: 0)
            return
        }
        insert(Queued(order: nextOrder, alert: alert, failures: 0), target: t, actions: &actions)
        nextOrder += 1
    }

    /// Adds `queued`, dropping the oldest waiting alert first when the queue is full (which may be `queued`).
    private mutating func insert(_ queued: Queued, target t: Int, actions: inout [Action]) {
        targets[t].pending[queued.alert.fingerprint] = queued
        if targets[t].pending.count > configuration.queueCapacity {
            let oldest = targets[t].pending.min { $0.value.order < $1.value.order }!.key
            targets[t].pending.removeValue(forKey: oldest)
            drop(1, target: t, reason: .queueFull, actions: &actions)
        }
    }

    private mutating func drop(
        _ count: Int, target t: Int, reason: DeliveryCounts.DropReason, actions: inout [Action]
    ) {
        targets[t].counts.dropped[reason, default: 0] += UInt64(count)
        actions.append(.drop(target: t, count: count, reason: reason))
    }

    /// Starts a request for every target that is idle, has alerts waiting and is not backing off.
    private mutating func dispatch(now: Int64, actions: inout [Action]) {
        guard !isFinished else { return }
        for t in targets.indices where targets[t].inFlight == nil && !targets[t].pending.isEmpty {
            if let retryAt = targets[t].retryAt, now < retryAt { continue }
            let batch = targets[t].pending.values.sorted { $0.order < $1.order }.prefix(configuration.maxBatchSize)
            for queued in batch { targets[t].pending.removeValue(forKey: queued.alert.fingerprint) }
            let request = InFlight(id: nextRequestID, alerts: Array(batch))
            nextRequestID += 1
            targets[t].inFlight = request
            actions.append(.send(Request(target: t, id: request.id, alerts: request.alerts.map(\.alert))))
        }
    }

    private mutating func finishIfDrained() {
        guard drainDeadline != nil, !isFinished else { return }
        if targets.allSatisfy({ $0.inFlight == nil && $0.pending.isEmpty }) { isFinished = true }
    }

    /// `initialBackoff · 2^(failures−1)`, capped at `maxBackoff`, then a uniformly random point in its upper half.
    private mutating func backoff(consecutiveFailures failures: Int) -> Int64 {
        var delay = configuration.initialBackoff
        for _ in 1..<max(1, failures) where delay < configuration.maxBackoff { delay *= 2 }
        delay = min(delay, configuration.maxBackoff)
        let half = delay / 2
        return delay - half + Int64.random(in: 0...half, using: &random)
    }
}
