/// The last `capacity` call outcomes: a bit ring for failed, one for slow, and a ring of latencies.
///
/// Appending is O(1): the outcome the new one overwrites is taken out of the running totals. Memory is
/// `capacity / 4` bytes of bits plus 8 bytes of latency per call (about 0.9 KB for 100 calls, array headers
/// included). The latency sum is recomputed from the ring every `capacity` appends so rounding cannot accumulate.
struct OutcomeRing: Sendable {
    let capacity: Int
    private var failedBits: [UInt64]
    private var slowBits: [UInt64]
    /// NaN marks a call without a latency.
    private var latencies: [Double]
    private var next = 0
    private var appendsSinceRecompute = 0
    private(set) var totals = HealthWindowCounts()

    init(capacity: Int) {
        precondition(capacity > 0, "an outcome ring needs room for one call")
        self.capacity = capacity
        failedBits = Array(repeating: 0, count: (capacity + 63) / 64)
        slowBits = failedBits
        latencies = Array(repeating: .nan, count: capacity)
    }

    mutating func append(failed: Bool, slow: Bool, latency: Double?) {
        let word = next >> 6
        let mask = UInt64(1) << UInt64(next & 63)
        if totals.calls == capacity {
            let oldFailed = failedBits[word] & mask != 0
            let oldSlow = slowBits[word] & mask != 0
            let oldLatency = latencies[next]
            totals.calls -= 1
            if oldFailed { totals.errors -= 1 }
            if oldSlow { totals.slowCalls -= 1 }
            if oldFailed || oldSlow { totals.badCalls -= 1 }
            if !oldLatency.isNaN {
                totals.latencyCount -= 1
                totals.latencySum = totals.latencyCount == 0 ? 0 : totals.latencySum - oldLatency
            }
        }
        failedBits[word] = failed ? failedBits[word] | mask : failedBits[word] & ~mask
        slowBits[word] = slow ? slowBits[word] | mask : slowBits[word] & ~mask
        latencies[next] = latency ?? .nan
        totals.calls += 1
        if failed { totals.errors += 1 }
        if slow { totals.slowCalls += 1 }
        if failed || slow { totals.badCalls += 1 }
        if let latency {
            totals.latencyCount += 1
            totals.latencySum += latency
        }
        next = next + 1 == capacity ? 0 : next + 1
        appendsSinceRecompute += 1
        if appendsSinceRecompute == capacity {
            appendsSinceRecompute = 0
            totals.latencySum = latencies.reduce(0) { $1.isNaN ? $0 : $0 + $1 }
        }
    }

    /// Appends `requests` calls of which `errors` failed, errors spread evenly through them, so that any suffix of
    /// the batch holds its proportional share of errors (rounded). Only the last `capacity` are written: the
    /// earlier ones would be overwritten anyway. O(min(requests, capacity)).
    mutating func append(requests: Int, errors: Int) {
        precondition(requests >= 0 && errors >= 0 && errors <= requests, "need 0 ≤ errors ≤ requests")
        guard requests > 0 else { return }
        // Call j (0-based) of the batch failed iff ⌊(j+1)·e/r⌋ > ⌊j·e/r⌋: e failures, evenly spaced.
        func failuresBefore(_ j: Int) -> Int {
            let product = j.multipliedFullWidth(by: errors)
            return requests.dividingFullWidth((product.high, product.low)).quotient
        }
        let first = requests - min(requests, capacity)
        var before = failuresBefore(first)
        for j in first..<requests {
            let through = failuresBefore(j + 1)
            append(failed: through > before, slow: false, latency: nil)
            before = through
        }
    }
}
