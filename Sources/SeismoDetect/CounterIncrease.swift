/// Turns successive samples of a `requests_total` / `errors_total` counter pair into whole increments.
///
/// The rules, as Prometheus' `increase` applies them per counter:
/// - the first sample only sets the baseline (what the counters counted before is unknown);
/// - a value below the previous one is a reset (process restart): the new value itself is the increase;
/// - negative values count as 0.
///
/// Counters of requests are whole numbers in practice; a fractional increase is carried over until it makes a
/// whole one, so nothing is lost. Errors can run ahead of requests when the two are scraped a moment apart: errors
/// beyond the requests of the same step wait for later requests rather than being dropped or making a rate above 1.
/// One step's increase is capped at 2^53 so it converts to `Int` exactly.
struct CounterIncrease: Sendable {
    private var lastRequests: Double?
    private var lastErrors: Double?
    private var requestFraction = 0.0
    private var errorFraction = 0.0
    /// Errors seen in the counters but not yet matched by requests.
    private(set) var pendingErrors = 0

    /// The increase since the previous sample, or nil for the first sample.
    mutating func update(requests: Double, errors: Double) -> (requests: Int, errors: Int)? {
        let requests = max(0, requests)
        let errors = max(0, errors)
        defer {
            lastRequests = requests
            lastErrors = errors
        }
        guard let lastRequests, let lastErrors else { return nil }
        let r = Self.whole(Self.increase(from: lastRequests, to: requests), carry: &requestFraction)
        let e = Self.whole(Self.increase(from: lastErrors, to: errors), carry: &errorFraction) + pendingErrors
        let matched = min(e, r)
        pendingErrors = min(e - matched, 1 << 53)
        return (r, matched)
    }

    private static func increase(from last: Double, to value: Double) -> Double {
        value < last ? value : value - last
    }

    private static func whole(_ delta: Double, carry: inout Double) -> Int {
        let total = min(delta + carry, 9_007_199_254_740_992)  // 2^53
        let whole = total.rounded(.down)
        carry = total - whole
        return Int(whole)
    }
}
