import Benchmark
import SeismoCore
import SeismoRing

/// Two-thread transfer of `Sample`s through an `SPSCRing`, the parser-to-evaluator hand-off.
///
/// Each iteration moves one million samples: this thread pushes them in batches with `pushAll`, a consumer
/// thread pops them with `popWait` into a buffer of the same batch size. Throughput reads as samples per second.
let benchmarks: @Sendable () -> Void = {
    for batch in [1, 64, 1024] {
        Benchmark(
            "Ring transfer of Samples, batch \(batch)",
            configuration: .init(
                metrics: [.throughput, .wallClock],
                scalingFactor: .mega,
                maxDuration: .seconds(3),
                maxIterations: 100
            )
        ) { benchmark in
            let total = benchmark.scaledIterations.count
            let ring = SPSCRing<Sample>(capacity: RingTransfer.capacity)
            let samples = (0..<batch).map { Sample(series: SeriesID(UInt32($0)), timestamp: Int64($0), value: 1.5) }

            benchmark.startMeasurement()  // thread start included: a few µs against a million samples
            let consumer = ConsumerThread(ring: ring, batch: batch)
            samples.withUnsafeBufferPointer { samples in
                var sent = 0
                while sent < total {
                    let size = min(batch, total - sent)
                    _ = ring.pushAll(UnsafeBufferPointer(rebasing: samples[..<size]))
                    sent += size
                }
            }
            ring.close()
            let received = consumer.join()
            precondition(received == total, "consumer received \(received) of \(total) samples")
        }
    }

    // The cost of the calls themselves, without a second core: push one batch, pop it back, on one thread.
    for batch in [1, 64] {
        Benchmark(
            "Ring push and pop on one thread, batch \(batch)",
            configuration: .init(
                metrics: [.throughput, .wallClock],
                scalingFactor: .mega,
                maxDuration: .seconds(2),
                maxIterations: 100
            )
        ) { benchmark in
            let ring = SPSCRing<Sample>(capacity: RingTransfer.capacity)
            let samples = (0..<batch).map { Sample(series: SeriesID(UInt32($0)), timestamp: Int64($0), value: 1.5) }
            var out = samples
            var moved = 0
            benchmark.startMeasurement()
            samples.withUnsafeBufferPointer { samples in
                out.withUnsafeMutableBufferPointer { out in
                    while moved < benchmark.scaledIterations.count {
                        _ = ring.push(contentsOf: samples)
                        moved += ring.pop(into: out)
                    }
                }
            }
            blackHole(out)
        }
    }
}

enum RingTransfer {
    /// 16,384 samples of 24 bytes: 384 KiB, the size the engine's ring is meant to have.
    static let capacity = 1 << 14
}
