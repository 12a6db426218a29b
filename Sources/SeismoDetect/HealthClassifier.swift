/// One dependency's health: a sliding window of recent calls classified as healthy, degraded or unhealthy.
///
/// A value-type state machine: each input is a mutating call that returns the `HealthTransition` the caller must
/// act on, or nil when the class did not change. Keying by dependency (label set) is the engine's job; this is one
/// dependency's state. See `HealthConfiguration` for the classification rule and its hysteresis.
///
/// Calls arrive one at a time (`observe`) or as cumulative counters (`observeCounters`); both may feed one
/// classifier. Every input is O(1) (counter increments into a count window: O(min(increase, n))). Memory is fixed by
/// the window: about 0.9 KB for 100 calls, 48 bytes per bucket for a time window (2.9 KB for 60 one-second buckets).
public struct HealthClassifier: Sendable {
    // The window: exactly one of the two is set. Optionals rather than an enum's payloads, because
    // `timeWindow!.add(…)` mutates in place, where taking a payload out of an enum and putting it back copies it
    // (a retain and a release of each of its arrays on every call).
    private var countWindow: OutcomeRing?
    private var timeWindow: BucketRing<HealthWindowCounts>?

    public let configuration: HealthConfiguration
    /// The current class.
    public private(set) var health: HealthClass = .unknown
    /// Calls refused by a time window because their bucket had already expired.
    public private(set) var droppedLateCalls = 0
    private var counters = CounterIncrease()

    public init(_ configuration: HealthConfiguration = .standard) {
        self.configuration = configuration
        switch configuration.window {
        case .count(let n):
            countWindow = OutcomeRing(capacity: n)
        case .time(let duration, let bucket):
            let buckets = Int(duration / bucket)
            timeWindow = BucketRing(resolution: bucket, capacity: buckets, trackedWindows: [buckets])
        }
    }

    /// The calls currently in the window.
    public var counts: HealthWindowCounts {
        if let totals = countWindow?.totals { return totals }
        return timeWindow!.trackedTotal(0)
    }

    /// Records one call.
    ///
    /// - Parameters:
    ///   - success: false if the call failed.
    ///   - latency: how long it took, if known; averaged, and compared with the slow-call threshold.
    ///   - time: its event time in ns. A time window moves forward with it; a call older than the window is dropped
    ///     (counted in `droppedLateCalls`). A count window only stamps transitions with it.
    public mutating func observe(success: Bool, latency: Double? = nil, at time: Int64) -> HealthTransition? {
        let latency = latency.flatMap { $0.isFinite ? $0 : nil }
        let slow = latency.map { latency in configuration.slowCallThreshold.map { latency > $0 } ?? false } ?? false
        if countWindow != nil {
            countWindow!.append(failed: !success, slow: slow, latency: latency)
        } else {
            var call = HealthWindowCounts()
            call.calls = 1
            call.errors = success ? 0 : 1
            call.slowCalls = slow ? 1 : 0
            call.badCalls = success && !slow ? 0 : 1
            if let latency {
                call.latencyCount = 1
                call.latencySum = latency
            }
            if !timeWindow!.add(call, at: time) { droppedLateCalls += 1 }
        }
        return evaluate(at: time)
    }

    /// Records a sample of the dependency's cumulative `requests_total` and `errors_total` counters.
    ///
    /// The increase since the previous sample enters the window (the first sample only sets the baseline; a counter
    /// that went down was reset, and its new value is the increase, as in Prometheus' `increase`). In a time window
    /// the increase lands in the bucket of `time`, the natural fit for counters. In a count window of n the increase
    /// enters as that many calls, errors spread evenly through them, so the window is "the last n requests" and
    /// holds the proportional share of errors of a partly covered batch. Counters carry no latency: these calls are
    /// never slow. Errors beyond the requests of the same step are held until requests catch up.
    public mutating func observeCounters(requests: Double, errors: Double, at time: Int64) -> HealthTransition? {
        guard let increase = counters.update(requests: requests, errors: errors) else {
            return advance(to: time)
        }
        if countWindow != nil {
            countWindow!.append(requests: increase.requests, errors: increase.errors)
        } else {
            var batch = HealthWindowCounts()
            batch.calls = increase.requests
            batch.errors = increase.errors
            batch.badCalls = increase.errors
            if !timeWindow!.add(batch, at: time) { droppedLateCalls += increase.requests }
        }
        return evaluate(at: time)
    }

    /// Moves a time window's clock to `time` without a call, expiring old buckets: an idle dependency becomes
    /// `unknown` once its calls leave the window. For a count window this only re-evaluates.
    public mutating func advance(to time: Int64) -> HealthTransition? {
        if timeWindow != nil { timeWindow!.advance(to: time) }
        return evaluate(at: time)
    }

    private mutating func evaluate(at time: Int64) -> HealthTransition? {
        let counts = self.counts
        let next = configuration.classify(rate: counts.badRate, calls: counts.calls, current: health)
        guard next != health else { return nil }
        defer { health = next }
        return HealthTransition(from: health, to: next, time: time, counts: counts)
    }
}
