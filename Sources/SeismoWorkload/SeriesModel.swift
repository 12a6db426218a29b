#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The value process of one series: shape parameters drawn once from the seed, the running state, and how
/// each anomaly kind bends the values.
///
/// Every call of `next` draws the same number of random values whatever the anomaly, so the samples outside an
/// anomaly are identical to those of the same seed with anomalies disabled (counters aside: their running total
/// carries the extra increments forward).
struct SeriesModel: Sendable {
    let kind: WorkloadSeries.Kind
    /// Latency: median ms. CPU: mean %. Queue: mean depth. Counter: mean increments per interval.
    /// Outcome: mean error probability.
    let level: Double
    /// Relative swing of the daily cycle (CPU: absolute percentage points).
    let amplitude: Double
    /// Latency: log-normal sigma. CPU: standard deviation of the AR(1) noise, in points. Queue and counter:
    /// noise as a multiple of the Poisson standard deviation. Outcome: unused.
    let noise: Double
    /// Offset of this series in the daily cycle, radians.
    let phase: Double
    /// Outcome: median call latency ms (the influx `latency_ms` field).
    let callLatency: Double

    private var rng: Xoshiro256
    private var ar = 0.0
    private var total: Int64

    init(kind: WorkloadSeries.Kind, seed: UInt64, index: Int) {
        var shape = Xoshiro256(seed: seed, stream: UInt64(index) &* 3)
        self.kind = kind
        switch kind {
        case .latency:
            level = shape.uniform(20...150)
            amplitude = shape.uniform(0.15...0.35)
            noise = shape.uniform(0.15...0.3)
        case .cpu:
            level = shape.uniform(15...45)
            amplitude = shape.uniform(5...15)
            noise = shape.uniform(1.5...3)
        case .queueDepth:
            level = shape.uniform(5...60)
            amplitude = shape.uniform(0.2...0.5)
            noise = shape.uniform(0.8...1.5)
        case .counter:
            level = shape.uniform(20...400)
            amplitude = shape.uniform(0.2...0.5)
            noise = shape.uniform(0.8...1.5)
        case .requestOutcome:
            level = shape.uniform(0.002...0.02)
            amplitude = shape.uniform(0.3...0.6)
            noise = 0
        }
        phase = shape.uniform(-0.6...0.6)
        callLatency = shape.uniform(2...80)
        total = Int64(shape.integer(0...5_000_000))
        rng = Xoshiro256(seed: seed, stream: UInt64(index) &* 3 &+ 1)
    }

    /// Draws the strength of an anomaly of `anomaly` kind for this series, from the schedule's generator:
    /// - spike: latency ×6–12 of the noise-free value; CPU 12–20 noise sd away (towards the far side of 50 %);
    ///   queue 10–20 Poisson sd up; counter one interval with 8–15× the usual increments.
    /// - levelShift: latency ×2–3.5; CPU ±6–10 sd (flipped when it would leave 0...100); queue +6–12 sd; counter rate ×2–4.
    /// - varianceChange: the noise ×3–5 (latency, CPU), ×4–6 (queue), ×4–8 (counter).
    /// - trendChange: a ramp to latency ×2.5–5, CPU +10–20 sd, queue +15–30 sd, counter rate ×2.5–4 at the end.
    /// - errorBurst: error probability 0.25–0.6.
    func magnitude(of anomaly: InjectedAnomaly.Kind, using rng: inout Xoshiro256) -> Double {
        switch (anomaly, kind) {
        case (.spike, .latency): rng.uniform(6...12)
        case (.spike, .cpu): rng.uniform(12...20) * noise
        case (.spike, .queueDepth): rng.uniform(10...20)
        case (.spike, .counter): rng.uniform(8...15)
        case (.levelShift, .latency): rng.uniform(2...3.5)
        case (.levelShift, .cpu): rng.uniform(6...10) * noise * (rng.uniform() < 0.7 ? 1 : -1)
        case (.levelShift, .queueDepth): rng.uniform(6...12)
        case (.levelShift, .counter): rng.uniform(2...4)
        case (.varianceChange, .latency), (.varianceChange, .cpu): rng.uniform(3...5)
        case (.varianceChange, .queueDepth): rng.uniform(4...6)
        case (.varianceChange, .counter): rng.uniform(4...8)
        case (.trendChange, .latency): rng.uniform(2.5...5)
        case (.trendChange, .cpu): rng.uniform(10...20) * noise
        case (.trendChange, .queueDepth): rng.uniform(15...30)
        case (.trendChange, .counter): rng.uniform(2.5...4)
        case (.errorBurst, _): rng.uniform(0.25...0.6)
        default: preconditionFailure("SeriesModel: \(anomaly) does not apply to \(kind) series")
        }
    }

    /// The next sample. `daily` is the daily cycle at the sample's time, in -1...1. Returns the primary value
    /// and the secondary one: CPU load1, outcome call latency, counter increment (for StatsD); 0 otherwise.
    @inline(__always)
    mutating func next(sample k: Int, daily: Double, anomaly: ScheduledAnomaly?, resetProbability: Double) -> (Double, Double) {
        let a = anomaly?.kind
        let m = anomaly?.magnitude ?? 1
        switch kind {
        case .latency:
            let z = rng.gaussian()
            let base = level * (1 + amplitude * daily)
            switch a {
            case .spike: return (base * m, 0)
            case .levelShift: return (base * m * exp(noise * z), 0)
            case .varianceChange: return (base * exp(noise * m * z), 0)
            case .trendChange: return (base * (1 + (m - 1) * anomaly!.progress(at: k)) * exp(noise * z), 0)
            default: return (base * exp(noise * z), 0)
            }

        case .cpu:
            let z = rng.gaussian()
            let zLoad = rng.gaussian()
            ar = 0.8 * ar + 0.6 * noise * z  // stationary sd = noise
            let mean = level + amplitude * daily
            var v: Double
            switch a {
            case .spike: v = mean + (mean > 50 ? -m : m)
            case .levelShift: v = mean + ar + (mean + m < 0 || mean + m > 100 ? -m : m)  // keep the shift visible
            case .varianceChange: v = mean + ar * m
            case .trendChange: v = mean + ar + m * anomaly!.progress(at: k)
            default: v = mean + ar
            }
            v = min(100, max(0, v))
            return (v, max(0, v / 25 + 0.15 * zLoad))  // load1 of a 4-core host

        case .queueDepth:
            let z = rng.gaussian()
            let lambda = level * (1 + amplitude * daily)
            let sd = lambda.squareRoot() * noise
            let unit = level.squareRoot()
            var v: Double
            switch a {
            case .spike: v = lambda + m * unit
            case .levelShift: v = lambda + sd * z + m * unit
            case .varianceChange: v = lambda + sd * m * z
            case .trendChange: v = lambda + sd * z + m * unit * anomaly!.progress(at: k)
            default: v = lambda + sd * z
            }
            return (max(0, v.rounded()), 0)

        case .counter:
            let z = rng.gaussian()
            let u = rng.uniform()
            let rate = level * (1 + amplitude * daily)
            let sd = rate.squareRoot() * noise
            var increment: Double
            switch a {
            case .spike: increment = rate * m
            case .levelShift: increment = rate * m + sd * z
            case .varianceChange: increment = rate + sd * m * z
            case .trendChange: increment = rate * (1 + (m - 1) * anomaly!.progress(at: k)) + sd * z
            default: increment = rate + sd * z
            }
            let step = Int64(max(0, increment.rounded()))
            if a == nil, u < resetProbability { total = 0 }
            total &+= step
            return (Double(total), Double(step))

        case .requestOutcome:
            let u = rng.uniform()
            let z = rng.gaussian()
            let errorProbability = a == .errorBurst ? m : level * (1 + amplitude * daily)
            let success = u >= errorProbability
            return (success ? 1 : 0, callLatency * exp(0.3 * z) * (success ? 1 : 3))
        }
    }
}
