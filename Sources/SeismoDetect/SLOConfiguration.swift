import SeismoCore

/// What an `SLOTracker` tracks: the objective, the rolling period, how an event is judged good, the alerting
/// conditions and the bucket sizes that bound its memory. Validated when built.
///
/// Buckets: event counts are kept in two rings of time buckets. The fine ring (`fineResolution`, default 1 minute)
/// spans the longest condition window or 1 day, whichever is longer, and serves every window up to that span; the
/// coarse ring (`coarseResolution`, default the period / 720 rounded up to whole fine buckets: 1 hour for 30 days)
/// spans the period and serves the compliance, the budget and longer windows. A window of W at resolution r is the
/// newest ⌈W/r⌉ buckets, the current one partial, so it covers between W − r and W of event time: 5 m is 4–5 minutes
/// of events, the 30-day period 29 d 23 h to 30 d. That is the only approximation; counts are exact integers.
/// Memory: 16 bytes per bucket, 5,040 buckets (79 KB) for the 30-day defaults, fixed whatever the traffic.
public struct SLOConfiguration: Sendable, Equatable {
    /// How an event is judged good.
    public enum Indicator: Sendable, Equatable {
        /// The caller says: `observe(success:)`, `record(good:total:)`, counters.
        case events
        /// A request is good when its latency is at most `threshold` (inclusive, like a histogram's `le` bucket).
        /// "p95 < 5 s" becomes objective 0.95 with threshold 5: 95% of requests must take 5 s or less.
        case latency(threshold: Double)
    }

    /// Why a configuration was refused.
    public struct ValidationError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Most buckets one ring may hold.
    public static let maximumBuckets = 1_000_000

    /// Target share of good events, in (0, 1): 0.999 is "three nines".
    public let objective: Double
    /// The rolling period in ns (default 30 days).
    public let period: Int64
    public let indicator: Indicator
    public let conditions: [BurnRateCondition]
    /// Shares of the budget whose consumption raises an event, ascending (default 50%, 80%, 100%).
    public let budgetThresholds: [Double]
    public let fineResolution: Int64
    public let coarseResolution: Int64
    /// Windows up to this long (ns) are served by the fine ring.
    public let fineSpan: Int64

    /// Validates and builds a configuration.
    ///
    /// - Parameters:
    ///   - conditions: nil for `BurnRateCondition.defaults(for: period)`.
    ///   - coarseResolution: nil for the period / 720 rounded up to a multiple of `fineResolution`.
    /// - Throws: `ValidationError` unless 0 < objective < 1, the period and resolutions are positive with
    ///   fine ≤ coarse ≤ period, every condition has 0 < short ≤ long ≤ period and a finite factor > 0, the budget
    ///   thresholds are finite, positive and strictly ascending, a latency threshold is finite, and neither ring
    ///   needs more than `maximumBuckets`.
    public init(
        objective: Double,
        period: Int64 = 30 * 86_400 * Timestamp.nanosecondsPerSecond,
        indicator: Indicator = .events,
        conditions: [BurnRateCondition]? = nil,
        budgetThresholds: [Double] = [0.5, 0.8, 1.0],
        fineResolution: Int64 = 60 * Timestamp.nanosecondsPerSecond,
        coarseResolution: Int64? = nil
    ) throws(ValidationError) {
        func fail(_ message: String) -> ValidationError { ValidationError(description: message) }
        guard objective > 0, objective < 1 else { throw fail("objective \(objective) must be strictly between 0 and 1") }
        guard period > 0 else { throw fail("period must be positive") }
        guard fineResolution > 0, fineResolution <= period else {
            throw fail("fine resolution \(fineResolution) ns must be in 1...period")
        }
        let coarse =
            coarseResolution ?? Self.ceilingDivide(Self.ceilingDivide(period, 720), fineResolution) * fineResolution
        guard coarse >= fineResolution, coarse <= period else {
            throw fail("coarse resolution \(coarse) ns must be between the fine resolution and the period")
        }
        let conditions = conditions ?? BurnRateCondition.defaults(for: period)
        for (i, c) in conditions.enumerated() {
            guard c.shortWindow > 0, c.shortWindow <= c.longWindow, c.longWindow <= period else {
                throw fail("condition \(i): need 0 < short window ≤ long window ≤ period")
            }
            guard c.factor.isFinite, c.factor > 0 else {
                throw fail("condition \(i): factor must be finite and > 0")
            }
        }
        guard budgetThresholds.allSatisfy({ $0.isFinite && $0 > 0 }),
            zip(budgetThresholds, budgetThresholds.dropFirst()).allSatisfy({ $0 < $1 })
        else { throw fail("budget thresholds must be finite, positive and strictly ascending") }
        if case .latency(let threshold) = indicator, !threshold.isFinite {
            throw fail("latency threshold must be finite")
        }
        let day: Int64 = 86_400 * Timestamp.nanosecondsPerSecond
        let fineSpan = min(period, max(day, conditions.map(\.longWindow).max() ?? 0))
        guard Self.ceilingDivide(fineSpan, fineResolution) <= Int64(Self.maximumBuckets),
            Self.ceilingDivide(period, coarse) <= Int64(Self.maximumBuckets)
        else { throw fail("a ring would need more than \(Self.maximumBuckets) buckets; use coarser resolutions") }

        self.objective = objective
        self.period = period
        self.indicator = indicator
        self.conditions = conditions
        self.budgetThresholds = budgetThresholds
        self.fineResolution = fineResolution
        self.coarseResolution = coarse
        self.fineSpan = fineSpan
    }

    /// 1 − objective: the share of events allowed to be bad.
    public var errorBudget: Double { 1 - objective }

    var fineBuckets: Int { Int(Self.ceilingDivide(fineSpan, fineResolution)) }
    var coarseBuckets: Int { Int(Self.ceilingDivide(period, coarseResolution)) }

    static func ceilingDivide(_ a: Int64, _ b: Int64) -> Int64 { a / b + (a % b == 0 ? 0 : 1) }
}
