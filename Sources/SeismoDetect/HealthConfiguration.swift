import SeismoCore

/// The window, thresholds and hysteresis of a `HealthClassifier`, validated when built.
///
/// Classification compares the bad-call rate `r` (failed or slow calls / calls in the window) with the thresholds,
/// both inclusive:
/// - `r ≤ healthyMaxRate` (default 10%) is healthy, `r ≤ degradedMaxRate` (default 50%) degraded, above unhealthy;
/// - getting worse is immediate: the class follows `r` as soon as it passes a threshold;
/// - getting better needs `r` at or below the better class's threshold minus `recoveryMargin` (default 0.02): an
///   unhealthy dependency is degraded again at `r ≤ 48%`, healthy at `r ≤ 8%`, so a rate hovering around a threshold
///   changes the class once, not on every call;
/// - fewer than `minimumCalls` calls in the window is `unknown`, whatever the rate; the first class after `unknown`
///   follows the thresholds alone.
public struct HealthConfiguration: Sendable, Equatable {
    /// Which calls are in the window.
    public enum Window: Sendable, Equatable {
        /// The last `n` calls, whatever their time. Counter increments enter as that many calls (see
        /// `HealthClassifier.observeCounters`).
        case count(Int)
        /// The calls whose event time falls in the newest `duration / bucket` buckets of `bucket` nanoseconds: the
        /// current (partial) bucket and the ones before it, so between `duration − bucket` and `duration` of event
        /// time. `duration` must be a whole number of buckets.
        case time(duration: Int64, bucket: Int64 = Timestamp.nanosecondsPerSecond)
    }

    /// Why a configuration was refused.
    public struct ValidationError: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Most buckets or calls a window may hold, to keep one dependency's memory bounded (a million-call count
    /// window is 8 MB of latencies).
    public static let maximumWindowSize = 1_000_000

    public let window: Window
    public let healthyMaxRate: Double
    public let degradedMaxRate: Double
    public let recoveryMargin: Double
    public let minimumCalls: Int
    /// A call with a latency strictly above this counts as slow, and so as bad; nil: latency is only averaged.
    /// Same unit as the latencies given to `observe` (seconds, by Prometheus convention).
    public let slowCallThreshold: Double?

    /// Validates and builds a configuration.
    ///
    /// - Throws: `ValidationError` unless `0 ≤ healthyMaxRate ≤ degradedMaxRate ≤ 1`,
    ///   `0 ≤ recoveryMargin ≤ healthyMaxRate`, `minimumCalls ≥ 1` (and ≤ n for a count window of n), the window is
    ///   positive and holds at most `maximumWindowSize` calls or buckets, and `slowCallThreshold` is finite.
    public init(
        window: Window = .count(100),
        healthyMaxRate: Double = 0.10,
        degradedMaxRate: Double = 0.50,
        recoveryMargin: Double = 0.02,
        minimumCalls: Int = 10,
        slowCallThreshold: Double? = nil
    ) throws(ValidationError) {
        func fail(_ message: String) -> ValidationError { ValidationError(description: message) }
        switch window {
        case .count(let n):
            guard n >= 1, n <= Self.maximumWindowSize else {
                throw fail("count window must hold 1...\(Self.maximumWindowSize) calls, not \(n)")
            }
            guard minimumCalls <= n else {
                throw fail("minimum calls \(minimumCalls) exceeds the \(n)-call window: the class would stay unknown")
            }
        case .time(let duration, let bucket):
            guard bucket > 0, duration > 0, duration % bucket == 0 else {
                throw fail("time window \(duration) ns must be a positive whole number of \(bucket) ns buckets")
            }
            guard duration / bucket <= Int64(Self.maximumWindowSize) else {
                throw fail("time window needs \(duration / bucket) buckets, more than \(Self.maximumWindowSize)")
            }
        }
        guard healthyMaxRate >= 0, healthyMaxRate <= degradedMaxRate, degradedMaxRate <= 1 else {
            throw fail("thresholds must satisfy 0 ≤ healthy (\(healthyMaxRate)) ≤ degraded (\(degradedMaxRate)) ≤ 1")
        }
        guard recoveryMargin >= 0, recoveryMargin <= healthyMaxRate else {
            throw fail("recovery margin \(recoveryMargin) must be in 0...healthy threshold \(healthyMaxRate)")
        }
        guard minimumCalls >= 1 else { throw fail("minimum calls must be at least 1, not \(minimumCalls)") }
        if let slowCallThreshold, !slowCallThreshold.isFinite {
            throw fail("slow-call threshold must be finite, not \(slowCallThreshold)")
        }
        self.window = window
        self.healthyMaxRate = healthyMaxRate
        self.degradedMaxRate = degradedMaxRate
        self.recoveryMargin = recoveryMargin
        self.minimumCalls = minimumCalls
        self.slowCallThreshold = slowCallThreshold
    }

    /// The defaults: last 100 calls, 10% / 50%, margin 0.02, 10 calls minimum, no slow-call threshold.
    public static var standard: HealthConfiguration {
        HealthConfiguration(unchecked: .count(100), 0.10, 0.50, 0.02, 10)
    }

    private init(unchecked window: Window, _ healthy: Double, _ degraded: Double, _ margin: Double, _ minimum: Int) {
        self.window = window
        healthyMaxRate = healthy
        degradedMaxRate = degraded
        recoveryMargin = margin
        minimumCalls = minimum
        slowCallThreshold = nil
    }

    /// The class for bad-call rate `rate` and `calls` calls in the window, given the current class.
    public func classify(rate: Double, calls: Int, current: HealthClass) -> HealthClass {
        guard calls >= minimumCalls else { return .unknown }
        let byThreshold = Self.band(rate, healthyMaxRate, degradedMaxRate)
        guard current != .unknown, byThreshold.severity <= current.severity else { return byThreshold }
        let byRecovery = Self.band(rate, healthyMaxRate - recoveryMargin, degradedMaxRate - recoveryMargin)
        return byRecovery.severity < current.severity ? byRecovery : current
    }

    private static func band(_ rate: Double, _ healthy: Double, _ degraded: Double) -> HealthClass {
        rate <= healthy ? .healthy : rate <= degraded ? .degraded : .unhealthy
    }
}
