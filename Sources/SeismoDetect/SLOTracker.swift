/// One service level objective over a rolling period: compliance, error budget, burn rates, and the multiwindow
/// burn-rate conditions and budget crossings they raise.
///
/// A value-type state machine driven by event time: every input returns the `SLOEvent`s the caller must act on
/// (usually none; an empty array does not allocate). Each input is O(conditions); moving the clock forward costs
/// O(conditions) per fine bucket crossed, at most the ring size per move. Memory is fixed by the configuration
/// (see `SLOConfiguration` for the buckets and the approximation they bring), never by the traffic.
///
/// Definitions, over the counts the buckets hold:
/// - compliance = good / total over the period;
/// - budget consumed = bad / ((1 − objective) · total) over the period, remaining = 1 − consumed (both may leave
///   0...1: an overspent budget has consumed > 1, remaining < 0);
/// - burn rate over a window = (bad / total in the window) / (1 − objective): 1 spends exactly the budget over the
///   period; a window without events burns 0.
public struct SLOTracker: Sendable {
    struct Counts: BucketCounts {
        var bad: Int64 = 0
        var total: Int64 = 0
        static var zero: Counts { Counts() }
        mutating func add(_ other: Counts) {
            bad += other.bad
            total += other.total
        }
        mutating func subtract(_ other: Counts) {
            bad -= other.bad
            total -= other.total
        }
    }

    public let configuration: SLOConfiguration
    /// Whether each of `configuration.conditions` holds now.
    public private(set) var firing: [Bool]
    /// Whether each of `configuration.budgetThresholds` is reached now (each raised its event once).
    public private(set) var budgetExceeded: [Bool]
    /// Events older than the period when they arrived, not counted anywhere.
    public private(set) var droppedLateEvents: Int64 = 0
    private var fine: BucketRing<Counts>
    private var coarse: BucketRing<Counts>
    /// For each condition, the index of its long and short window among the fine ring's tracked windows.
    private let conditionWindows: [(long: Int, short: Int)]
    private var counters = CounterIncrease()

    public init(_ configuration: SLOConfiguration) {
        self.configuration = configuration
        var tracked: [Int] = []
        func trackedIndex(_ window: Int64) -> Int {
            let buckets = Int(SLOConfiguration.ceilingDivide(window, configuration.fineResolution))
            if let i = tracked.firstIndex(of: buckets) { return i }
            tracked.append(buckets)
            return tracked.count - 1
        }
        conditionWindows = configuration.conditions.map { (trackedIndex($0.longWindow), trackedIndex($0.shortWindow)) }
        fine = BucketRing(
            resolution: configuration.fineResolution, capacity: configuration.fineBuckets, trackedWindows: tracked)
        coarse = BucketRing(
            resolution: configuration.coarseResolution, capacity: configuration.coarseBuckets,
            trackedWindows: [configuration.coarseBuckets])
        firing = Array(repeating: false, count: configuration.conditions.count)
        budgetExceeded = Array(repeating: false, count: configuration.budgetThresholds.count)
    }

    // MARK: Inputs

    /// Records `total` events at `time`, of which `good` were good. Traps unless 0 ≤ good ≤ total.
    public mutating func record(good: Int, total: Int, at time: Int64) -> [SLOEvent] {
        precondition(good >= 0 && good <= total, "record(good:total:) needs 0 ≤ good ≤ total, got \(good)/\(total)")
        let counts = Counts(bad: Int64(total - good), total: Int64(total))
        if !coarse.add(counts, at: time) {
            droppedLateEvents += counts.total
        } else {
            _ = fine.add(counts, at: time)  // too old for the fine ring is also too old for every fine window
        }
        return evaluate(at: time)
    }

    /// Records one event judged by the caller.
    public mutating func observe(success: Bool, at time: Int64) -> [SLOEvent] {
        record(good: success ? 1 : 0, total: 1, at: time)
    }

    /// Records one request of a latency SLO: good when `latency` ≤ the threshold (a non-finite latency is bad).
    /// Traps for an `.events` indicator.
    public mutating func observe(latency: Double, at time: Int64) -> [SLOEvent] {
        guard case .latency(let threshold) = configuration.indicator else {
            preconditionFailure("observe(latency:) needs an SLO with a latency indicator")
        }
        return record(good: latency <= threshold ? 1 : 0, total: 1, at: time)
    }

    /// Records a sample of cumulative `requests_total` / `errors_total` counters; the increase since the previous
    /// sample is recorded at `time`, with resets handled as Prometheus' `increase` does (the first sample only sets
    /// the baseline; a counter that went down restarted from 0). For a latency SLO from a histogram, pass
    /// `errors` = count − bucket{le="threshold"}.
    public mutating func observeCounters(requests: Double, errors: Double, at time: Int64) -> [SLOEvent] {
        guard let increase = counters.update(requests: requests, errors: errors) else { return advance(to: time) }
        return record(good: increase.requests - increase.errors, total: increase.requests, at: time)
    }

    /// Moves the clock to `time` without events, so windows expire and conditions clear while traffic is idle.
    public mutating func advance(to time: Int64) -> [SLOEvent] {
        fine.advance(to: time)
        coarse.advance(to: time)
        return evaluate(at: time)
    }

    // MARK: Readings

    /// good / total over the period; nil before any event.
    public var compliance: Double? {
        let period = coarse.trackedTotal(0)
        return period.total == 0 ? nil : Double(period.total - period.bad) / Double(period.total)
    }

    /// Share of the period's error budget spent; 0 before any event, above 1 once overspent.
    public var budgetConsumed: Double {
        let period = coarse.trackedTotal(0)
        return period.total == 0 ? 0 : Double(period.bad) / (configuration.errorBudget * Double(period.total))
    }

    /// 1 − `budgetConsumed`.
    public var budgetRemaining: Double { 1 - budgetConsumed }

    /// Where the counts of a window of event time are read: worked out once per window (`reference(to:)`), so a
    /// caller reading the same windows again and again does no division or search.
    public enum WindowReference: Sendable, Hashable {
        /// A tracked window of the fine ring (a condition window): its running total.
        case fineTracked(Int)
        /// The newest buckets of the fine ring, summed.
        case fine(buckets: Int)
        /// The whole coarse ring, the period: its running total.
        case period
        /// The newest buckets of the coarse ring, summed.
        case coarse(buckets: Int)
    }

    /// The reference for the newest buckets covering `window` ns (see `SLOConfiguration` for the rounding).
    /// Traps unless 0 < window ≤ period.
    public func reference(to window: Int64) -> WindowReference {
        precondition(window > 0 && window <= configuration.period, "window must be in 1...period ns, not \(window)")
        if window <= configuration.fineSpan {
            let buckets = Int(SLOConfiguration.ceilingDivide(window, configuration.fineResolution))
            return fine.trackedWindows.firstIndex(of: buckets).map(WindowReference.fineTracked) ?? .fine(buckets: buckets)
        }
        let buckets = Int(SLOConfiguration.ceilingDivide(window, configuration.coarseResolution))
        return buckets == coarse.capacity ? .period : .coarse(buckets: buckets)
    }

    /// (bad, total) events over the newest buckets covering `window` ns (see `SLOConfiguration` for the rounding).
    /// O(1) for a condition window or the period, O(window / resolution) otherwise. Traps unless 0 < window ≤ period.
    public func events(over window: Int64) -> (bad: Int64, total: Int64) {
        events(reference(to: window))
    }

    /// (bad, total) events over a window given by its reference: O(1) for a condition window or the period,
    /// O(window / resolution) otherwise.
    public func events(_ window: WindowReference) -> (bad: Int64, total: Int64) {
        let counts: Counts
        switch window {
        case .fineTracked(let i): counts = fine.trackedTotal(i)
        case .fine(let buckets): counts = fine.total(lastBuckets: buckets)
        case .period: counts = coarse.trackedTotal(0)
        case .coarse(let buckets): counts = coarse.total(lastBuckets: buckets)
        }
        return (counts.bad, counts.total)
    }

    /// Burn rate over the newest `window` ns: (bad / total) / (1 − objective), 0 without events.
    public func burnRate(over window: Int64) -> Double {
        burnRate(events(over: window))
    }

    /// Burn rate over a window given by its reference.
    public func burnRate(_ window: WindowReference) -> Double {
        burnRate(events(window))
    }

    /// Buckets held, fine and coarse: fixed by the configuration.
    public var bucketCount: Int { fine.capacity + coarse.capacity }

    // MARK: Evaluation

    private func burnRate(_ counts: (bad: Int64, total: Int64)) -> Double {
        counts.total == 0 ? 0 : Double(counts.bad) / Double(counts.total) / configuration.errorBudget
    }

    /// `burnRate(window) > factor`, decided without the rate's two divisions when the counts are clearly below:
    /// bad · (1 + 10⁻⁹) < factor · budget · total. The margin is far wider than the few units in the last place
    /// that the divisions and these products round by, so the rate is then below the factor too; otherwise the
    /// rate is worked out. At nearly every event no condition is near its factor.
    private func burns(_ window: WindowReference, over factor: Double) -> Bool {
        let counts = events(window)
        if Double(counts.bad) * (1 + 1e-9) < factor * configuration.errorBudget * Double(counts.total) { return false }
        return burnRate(counts) > factor
    }

    private mutating func evaluate(at time: Int64) -> [SLOEvent] {
        var events: [SLOEvent] = []
        for (i, condition) in configuration.conditions.enumerated() {
            let longWindow = WindowReference.fineTracked(conditionWindows[i].long)
            let shortWindow = WindowReference.fineTracked(conditionWindows[i].short)
            let now = burns(longWindow, over: condition.factor) && burns(shortWindow, over: condition.factor)
            guard now != firing[i] else { continue }
            let long = burnRate(longWindow)
            let short = burnRate(shortWindow)
            firing[i] = now
            events.append(.burnRate(.init(
                conditionIndex: i, condition: condition, firing: now, time: time,
                longBurnRate: long, shortBurnRate: short)))
        }
        let consumed = budgetConsumed
        for (i, threshold) in configuration.budgetThresholds.enumerated() {
            let now = consumed >= threshold
            guard now != budgetExceeded[i] else { continue }
            budgetExceeded[i] = now
            events.append(.budget(.init(threshold: threshold, exceeded: now, consumed: consumed, time: time)))
        }
        return events
    }
}
