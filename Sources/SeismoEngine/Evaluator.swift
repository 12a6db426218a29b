import SeismoCore
import SeismoDetect

/// The evaluation stage: consumes samples in arrival order on its own thread, runs each series' detector and keeps
/// the engine's event clock.
///
/// Everything here is deterministic in the order of samples, so the same input gives the same results
/// whatever the ring size or read sizes.
struct Evaluator {
    private(set) var evaluated: UInt64 = 0
    private(set) var anomalies: UInt64 = 0
    /// Newest event time seen, ns; the engine's clock.
    private(set) var eventTime: Int64?
    private var detectors: DetectorBank<ZScoreDetector>

    init(configuration: EngineConfiguration) {
        detectors = DetectorBank(prototype: configuration.detector)
    }

    mutating func evaluate(_ batch: UnsafeBufferPointer<Sample>) {
        var newest = eventTime ?? .min
        var flagged: UInt64 = 0
        for sample in batch {
            if sample.timestamp > newest { newest = sample.timestamp }
            if detectors.observe(sample).isAnomalous { flagged &+= 1 }
        }
        if !batch.isEmpty { eventTime = newest }
        anomalies &+= flagged
        evaluated &+= UInt64(batch.count)
    }
}
