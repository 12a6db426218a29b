import SeismoCore

/// The evaluation stage: consumes samples in arrival order on its own thread and keeps the engine's event clock.
///
/// Everything here is deterministic in the order of samples, so the same input gives the same results
/// whatever the ring size or read sizes.
struct Evaluator {
    private(set) var evaluated: UInt64 = 0
    /// Newest event time seen, ns; the engine's clock.
    private(set) var eventTime: Int64?

    init(configuration: EngineConfiguration) {}

    mutating func evaluate(_ batch: UnsafeBufferPointer<Sample>) {
        for sample in batch {
            if eventTime.map({ sample.timestamp > $0 }) ?? true { eventTime = sample.timestamp }
        }
        evaluated &+= UInt64(batch.count)
    }

    var anomalies: UInt64 { 0 }
}
