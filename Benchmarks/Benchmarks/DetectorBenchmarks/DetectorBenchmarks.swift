import Benchmark
import SeismoCore
import SeismoDetect

/// Detector cost per sample on one core, one series in steady state (window full): `observe` alone, and
/// `observe` plus reading the verdict's score. Throughput reads as samples per second; wall clock per scaled
/// iteration (×1,000 samples) as microseconds per 1,000 samples, i.e. ns per sample.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )
    for window in [100, 1000] {
        let zscore = WarmDetector(try! ZScoreDetector(windowSize: window))
        Benchmark("zscore observe, window \(window)", configuration: configuration) { benchmark in
            zscore.run(benchmark.scaledIterations.count)
        }
        let robust = WarmDetector(try! RobustDetector(windowSize: window))
        Benchmark("robust observe, window \(window)", configuration: configuration) { benchmark in
            robust.run(benchmark.scaledIterations.count)
        }
        let ensemble = WarmDetector(try! EnsembleDetector(windowSize: window))
        Benchmark("ensemble observe, window \(window)", configuration: configuration) { benchmark in
            ensemble.run(benchmark.scaledIterations.count)
        }
    }
    let ewma = WarmDetector(try! EWMADetector(halfLife: 10))
    Benchmark("ewma observe", configuration: configuration) { benchmark in
        ewma.run(benchmark.scaledIterations.count)
    }
    let scored = WarmDetector(try! ZScoreDetector(windowSize: 100))
    Benchmark("zscore observe + score, window 100", configuration: configuration) { benchmark in
        scored.run(benchmark.scaledIterations.count) { $0.score }
    }
    let alerted = WarmDetector(try! ZScoreDetector(windowSize: 100))
    Benchmark("zscore observe + alertScore, window 100", configuration: configuration) { benchmark in
        alerted.run(benchmark.scaledIterations.count) { $0.alertScore(threshold: 3) }
    }
}

/// One series' detector, warmed up once on the stream (windows full) and kept warm across iterations: the
/// steady state. A class so the state carries over; the benchmark runs its closure on one thread at a time.
final class WarmDetector<D: AnomalyDetector>: @unchecked Sendable {
    private var detector: D
    private var position = 0

    init(_ detector: D) {
        self.detector = detector
        run(2_000)
    }

    /// Observes the next `count` samples of the stream, reading `read` of each verdict.
    @inline(__always)
    func run(_ count: Int, read: (Verdict) -> Double = { $0.z }) {
        var detector = self.detector
        var i = position
        var sum = 0.0
        DetectorFixture.values.withUnsafeBufferPointer { values in
            for _ in 0..<count {
                sum += read(detector.observe(values[i & 65_535], at: Int64(i)))
                i &+= 1
            }
        }
        blackHole(sum)
        self.detector = detector
        position = i
    }
}

/// A fixed stream of noisy values with rare spikes.
enum DetectorFixture {
    static let values: [Double] = {
        var state: UInt64 = 42
        return (0..<65_536).map { i in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            let u = Double((z ^ (z >> 31)) >> 11) * 0x1p-53
            return 100 + 10 * (u - 0.5) + (i % 997 == 0 ? 80 : 0)
        }
    }()
}
