@testable import SeismoDetect

/// The slow model of an SLO tracker: keeps every event and recomputes every window from scratch, with the
/// documented bucket rounding (a window of W at resolution r is the events whose bucket is among the newest ⌈W/r⌉).
struct SLOReference {
    struct Event {
        var time: Int64
        var bad: Int64
        var total: Int64
    }

    let configuration: SLOConfiguration
    var events: [Event] = []
    var newest: Int64?
    var firing: [Bool]
    var budgetExceeded: [Bool]
    var dropped: Int64 = 0

    init(_ configuration: SLOConfiguration) {
        self.configuration = configuration
        firing = Array(repeating: false, count: configuration.conditions.count)
        budgetExceeded = Array(repeating: false, count: configuration.budgetThresholds.count)
    }

    mutating func record(good: Int, total: Int, at time: Int64) -> [SLOEvent] {
        let r = configuration.coarseResolution
        if let newest, HealthReference.floorDivide(time, r)
            <= HealthReference.floorDivide(newest, r) - Int64(configuration.coarseBuckets)
        {
            dropped += Int64(total)
        }
        events.append(Event(time: time, bad: Int64(total - good), total: Int64(total)))
        return advance(to: time)
    }

    mutating func advance(to time: Int64) -> [SLOEvent] {
        newest = max(newest ?? time, time)
        // Events before the oldest bucket any window can reach never count again; forgetting them only saves time.
        if events.count > 4096, let newest {
            let horizon = newest - configuration.period - 2 * configuration.coarseResolution
            events.removeAll { $0.time < horizon }
        }
        return evaluate(at: time)
    }

    func events(over window: Int64) -> (bad: Int64, total: Int64) {
        let c = configuration
        let r = window <= c.fineSpan ? c.fineResolution : c.coarseResolution
        return events(buckets: SLOConfiguration.ceilingDivide(window, r), resolution: r)
    }

    private func events(buckets: Int64, resolution r: Int64) -> (bad: Int64, total: Int64) {
        guard let newest else { return (0, 0) }
        let head = HealthReference.floorDivide(newest, r)
        var bad: Int64 = 0, total: Int64 = 0
        for e in events {
            let i = HealthReference.floorDivide(e.time, r)
            if i > head - buckets && i <= head {
                bad += e.bad
                total += e.total
            }
        }
        return (bad, total)
    }

    var period: (bad: Int64, total: Int64) {
        events(buckets: Int64(configuration.coarseBuckets), resolution: configuration.coarseResolution)
    }

    var compliance: Double? {
        let p = period
        return p.total == 0 ? nil : Double(p.total - p.bad) / Double(p.total)
    }

    var budgetConsumed: Double {
        let p = period
        return p.total == 0 ? 0 : Double(p.bad) / (configuration.errorBudget * Double(p.total))
    }

    func burnRate(over window: Int64) -> Double {
        let e = events(over: window)
        return e.total == 0 ? 0 : Double(e.bad) / Double(e.total) / configuration.errorBudget
    }

    private mutating func evaluate(at time: Int64) -> [SLOEvent] {
        var out: [SLOEvent] = []
        for (i, c) in configuration.conditions.enumerated() {
            let long = burnRate(over: c.longWindow), short = burnRate(over: c.shortWindow)
            let now = long > c.factor && short > c.factor
            if now != firing[i] {
                firing[i] = now
                out.append(.burnRate(.init(
                    conditionIndex: i, condition: c, firing: now, time: time,
                    longBurnRate: long, shortBurnRate: short)))
            }
        }
        let consumed = budgetConsumed
        for (i, t) in configuration.budgetThresholds.enumerated() where (consumed >= t) != budgetExceeded[i] {
            budgetExceeded[i].toggle()
            out.append(.budget(.init(threshold: t, exceeded: budgetExceeded[i], consumed: consumed, time: time)))
        }
        return out
    }
}
