@testable import SeismoDetect

/// The slow model of a health classifier: keeps every call and recomputes the window and the class from scratch.
struct HealthReference {
    struct Call {
        var time: Int64
        var failed: Bool
        var slow: Bool
        var latency: Double?
    }

    let configuration: HealthConfiguration
    var calls: [Call] = []
    var newest: Int64?
    var health: HealthClass = .unknown

    init(_ configuration: HealthConfiguration) { self.configuration = configuration }

    mutating func observe(success: Bool, latency: Double?, at time: Int64) -> HealthTransition? {
        let slow = latency.map { l in configuration.slowCallThreshold.map { l > $0 } ?? false } ?? false
        calls.append(Call(time: time, failed: !success, slow: slow, latency: latency))
        newest = max(newest ?? time, time)
        return evaluate(at: time)
    }

    mutating func advance(to time: Int64) -> HealthTransition? {
        newest = max(newest ?? time, time)
        return evaluate(at: time)
    }

    /// The calls in the window, recomputed.
    var counts: HealthWindowCounts {
        let inWindow: [Call]
        switch configuration.window {
        case .count(let n):
            inWindow = Array(calls.suffix(n))
        case .time(let duration, let bucket):
            guard let newest else { return HealthWindowCounts() }
            let head = Self.floorDivide(newest, bucket)
            let n = duration / bucket
            inWindow = calls.filter { Self.floorDivide($0.time, bucket) > head - n }
        }
        var c = HealthWindowCounts()
        for call in inWindow {
            c.calls += 1
            if call.failed { c.errors += 1 }
            if call.slow { c.slowCalls += 1 }
            if call.failed || call.slow { c.badCalls += 1 }
            if let l = call.latency {
                c.latencyCount += 1
                c.latencySum += l
            }
        }
        return c
    }

    /// The hysteresis rule written out state by state, independently of `HealthConfiguration.classify`.
    static func next(
        current: HealthClass, rate: Double, calls: Int, _ c: HealthConfiguration
    ) -> HealthClass {
        if calls < c.minimumCalls { return .unknown }
        let h = c.healthyMaxRate, d = c.degradedMaxRate, m = c.recoveryMargin
        switch current {
        case .unknown:
            return rate <= h ? .healthy : rate <= d ? .degraded : .unhealthy
        case .healthy:
            return rate <= h ? .healthy : rate <= d ? .degraded : .unhealthy
        case .degraded:
            if rate > d { return .unhealthy }
            return rate <= h - m ? .healthy : .degraded
        case .unhealthy:
            if rate <= h - m { return .healthy }
            return rate <= d - m ? .degraded : .unhealthy
        }
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return a % b < 0 ? q - 1 : q
    }

    private mutating func evaluate(at time: Int64) -> HealthTransition? {
        let c = counts
        let next = Self.next(current: health, rate: c.badRate, calls: c.calls, configuration)
        guard next != health else { return nil }
        defer { health = next }
        return HealthTransition(from: health, to: next, time: time, counts: c)
    }
}
