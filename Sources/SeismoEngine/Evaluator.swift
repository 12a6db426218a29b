import SeismoCore
import SeismoDetect
import SeismoIngest
import SeismoRules

/// The evaluation stage: consumes samples in arrival order on its own thread, runs the detectors and keeps the
/// engine's event clock.
///
/// Without a rule set every series gets a copy of the configured z-score detector and anomalies are counted.
/// With one, samples go into a `SeriesStore` (each new series registered with its labels from the registry) and
/// through the `DetectionStage`, which publishes the declared detectors', health classifiers' and SLOs' outputs
/// into the same store for the rule evaluator.
///
/// Everything here is deterministic in the order of samples, so the same input gives the same results
/// whatever the ring size or read sizes.
struct Evaluator {
    private(set) var evaluated: UInt64 = 0
    /// Anomalous verdicts: of the built-in detector, or of the declared detectors with a rule set.
    private(set) var anomalies: UInt64 = 0
    /// Newest event time seen, ns; the engine's clock.
    private(set) var eventTime: Int64?
    /// Input and derived series with their recent samples; nil without a rule set.
    let store: SeriesStore?
    /// Input series registered in `store`.
    private(set) var inputSeries = 0
    private var detectors: DetectorBank<ZScoreDetector>
    private var detection: DetectionStage?
    private let registry: SeriesRegistry
    /// Event time at or after which the store next drops samples older than its retention.
    private var nextEviction: Int64 = .min

    /// How often, in event time, the store evicts old samples: each eviction visits every series.
    static let evictionInterval: Int64 = 60 * Timestamp.nanosecondsPerSecond

    init(configuration: EngineConfiguration, registry: SeriesRegistry) {
        self.registry = registry
        detectors = DetectorBank(prototype: configuration.detector)
        if let ruleSet = configuration.ruleSet {
            let store = SeriesStore(retention: DetectionStage.retention(for: ruleSet))
            self.store = store
            detection = DetectionStage(ruleSet: ruleSet, store: store)
        } else {
            store = nil
            detection = nil
        }
    }

    /// Derived series in the store (detector, health and SLO outputs); nil without a rule set.
    var derivedSeries: Int? { store.map { $0.seriesCount - inputSeries } }

    mutating func evaluate(_ batch: UnsafeBufferPointer<Sample>) {
        if detection != nil {
            evaluateWithRules(batch)
        } else {
            var flagged: UInt64 = 0
            for sample in batch where detectors.observe(sample).isAnomalous { flagged &+= 1 }
            anomalies &+= flagged
        }
        if let newest = batch.lazy.map(\.timestamp).max() { eventTime = max(eventTime ?? .min, newest) }
        evaluated &+= UInt64(batch.count)
    }

    /// Publishes what the detection stage holds back; call once the ring is drained.
    mutating func finish() {
        guard let eventTime, detection != nil else { return }
        detection!.flush(upTo: eventTime)
    }

    private mutating func evaluateWithRules(_ batch: UnsafeBufferPointer<Sample>) {
        guard let store else { return }
        let registry = self.registry
        var registered = 0
        for sample in batch {
            // The stage asks for the labels only at a series' first sample: register it in the store then.
            detection!.observe(sample) {
                let labels = registry.labels(of: sample.series)
                store.register(sample.series, labels: labels)
                registered += 1
                return labels
            }
            store.append(sample.series, time: sample.timestamp, value: sample.value)
            // Evicting by event time, not per batch, keeps the store's contents independent of batching.
            if sample.timestamp >= nextEviction {
                store.evict(now: sample.timestamp)
                nextEviction = sample.timestamp + Self.evictionInterval
            }
        }
        inputSeries += registered
        anomalies = detection!.anomalies
    }
}
