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
    var rules: RuleEngine?
    private let output: AlertOutput?
    private let sinks: [any AlertSink]
    private let tickObserver: (any RuleTickObserver)?
    /// Names the input in alert provenance; replay sets it to the segment being read.
    var source: String
    /// While true, alert events are computed but neither written nor handed to sinks (warming up from history).
    var muted = false
    private let registry: SeriesRegistry
    /// Rule tick durations go here (self-metrics); nil records nothing.
    private let metrics: EngineMetrics?
    /// Event time at or after which the store next drops samples older than its retention.
    private var nextEviction: Int64 = .min

    /// How often, in event time, the store evicts old samples: each eviction visits every series (tens of
    /// thousands of cache misses), so it runs once per quarter of the retention, at least a minute apart; the
    /// store holds up to that much more than the retention, which no rule reads.
    static func evictionInterval(retention: Int64) -> Int64 {
        max(60 * Timestamp.nanosecondsPerSecond, retention / 4)
    }

    init(configuration: EngineConfiguration, registry: SeriesRegistry) {
        self.registry = registry
        source = configuration.source
        metrics = configuration.metrics
        detectors = DetectorBank(prototype: configuration.detector)
        sinks = configuration.alertSinks
        tickObserver = configuration.tickObserver
        if let ruleSet = configuration.ruleSet {
            let store = SeriesStore(retention: Self.storeRetention(ruleSet, forReport: configuration.tickObserver != nil))
            self.store = store
            detection = DetectionStage(ruleSet: ruleSet, store: store)
            rules = RuleEngine(
                ruleSet: ruleSet, defaultInterval: configuration.defaultRuleInterval, externalURL: configuration.externalURL
            )
            output = AlertOutput(fd: configuration.alertOutput)
        } else {
            store = nil
            detection = nil
            rules = nil
            output = nil
        }
    }

    /// How long the store keeps samples for a rule set: what its rules and health classifiers read back
    /// (`ruleRetention`, `DetectionStage.retention(for:)`), and at least 10 minutes; at least an hour `forReport`
    /// (a tick observer such as the backtest report reads a firing alert's run-up back from the store).
    ///
    /// Decision: no more than that. An hour for every series cost memory (270 MB at 10k series) and page faults
    /// on every run for data no rule reads; the price is that a SIGHUP reload adding a longer range than any
    /// before sees that range fill up from the reload on, as the store had not kept it.
    static func storeRetention(_ ruleSet: RuleSet, forReport: Bool = false) -> Int64 {
        let needed = max(DetectionStage.retention(for: ruleSet), ruleRetention(ruleSet))
        return max((forReport ? 3_600 : 600) * Timestamp.nanosecondsPerSecond, needed)
    }

    /// How far back rules look: the longest range selector, subquery or offset in any expression (alerting,
    /// recording, clear conditions and invariants) plus the 5-minute lookback.
    static func ruleRetention(_ ruleSet: RuleSet) -> Int64 {
        func longest(_ e: PromQLExpression) -> Int64 {
            switch e {
            case .vectorSelector(let v): return max(0, v.offset ?? 0)
            case .matrixSelector(let m): return max(0, m.range + (m.selector.offset ?? 0))
            case .subquery(let q): return max(0, q.range + (q.offset ?? 0) + longest(q.expression))
            default: return e.children.reduce(0) { max($0, longest($1)) }
            }
        }
        var expressions: [PromQLExpression] = []
        for group in ruleSet.groups {
            for rule in group.rules {
                expressions.append(rule.expression)
                if case .alerting(let alerting) = rule, let clear = alerting.clear { expressions.append(clear) }
            }
            expressions += group.invariants.map(\.expression)
        }
        return expressions.reduce(0) { max($0, longest($1)) } + 300 * Timestamp.nanosecondsPerSecond
    }

    /// Alert events written so far.
    var alertEvents: UInt64 { output?.events ?? 0 }
    /// Rule evaluations that failed and were skipped.
    var ruleErrors: UInt64 { rules?.evaluationErrors ?? 0 }

    /// Writes out alert lines held back; the evaluation thread calls it whenever the ring runs dry.
    func idle() {
        output?.flush()
        for sink in sinks { sink.flush() }
    }

    /// Input stalled for `elapsed` ns of wall time: move the event clock on by as much and run the rules that
    /// fall due, so `for`, `absent` and deadman alerts still fire on a quiet stream.
    /// Returns the new event time, nil when nothing moved (no rules, or no sample yet).
    @discardableResult
    mutating func advanceIdle(by elapsed: Int64) -> Int64? {
        guard let current = eventTime else { return nil }
        return advanceClock(to: current + elapsed)
    }

    /// Moves the event clock to `time` (never back) and runs the rules that fall due through it, as an idle
    /// advance does; replay calls it for the advances history recorded. Returns the new event time, nil when
    /// nothing moved (no rules, or no sample yet).
    @discardableResult
    mutating func advanceClock(to time: Int64) -> Int64? {
        guard let current = eventTime, rules != nil else { return nil }
        let now = max(current, time)
        eventTime = now
        evaluateRules(through: now, line: 0)
        idle()
        return now
    }

    /// Switches to a reloaded rule set: the detection stage and the rule engine take over the state of unchanged
    /// declarations and alerts (`DetectionStage.init(ruleSet:store:carryingOver:)`, `RuleEngine.reload`), and
    /// firing alerts of removed rules are resolved at the current event time. Without a rule set at the start,
    /// nothing happens.
    mutating func reload(_ ruleSet: RuleSet) {
        guard let store, let previous = detection, rules != nil else { return }
        store.retention = Self.storeRetention(ruleSet, forReport: tickObserver != nil)
        detection = DetectionStage(ruleSet: ruleSet, store: store, carryingOver: previous)
        let output = self.output
        let sinks = self.sinks
        rules!.reload(ruleSet, at: eventTime ?? 0) { event in
            output?.write(event)
            for sink in sinks { sink.receive(event) }
        }
        idle()
    }

    /// Hands the declared detectors over to a `DetectorLane` on the reader thread: from the next sample on, the
    /// detection stage publishes the verdicts `feed` delivers instead of judging samples itself, through reloads too.
    /// Returns the stage as it stood, for the lane to carry on from (`DetectorLane.init(ruleSet:continuing:)`);
    /// nil without a rule set, when nothing changes.
    mutating func takeVerdicts(from feed: VerdictFeed) -> DetectionStage? {
        guard detection != nil else { return nil }
        detection!.takeVerdicts(from: feed)
        return detection
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

    /// Publishes what the detection stage holds back and runs the rules due by the last event time; call once the
    /// ring is drained.
    mutating func finish() {
        guard let eventTime, detection != nil else { return }
        evaluateRules(through: eventTime, line: 0)
        detection!.flush(upTo: eventTime)
        idle()
    }

    /// Runs every rule tick up to `time` (strictly before it unless `inclusive`), each after publishing the
    /// detection stage's outputs up to that tick.
    private mutating func evaluateRules(before time: Int64, line: UInt32) {
        guard rules != nil, let store else { return }
        if rules!.nextEvaluation == nil { rules!.start(at: time) }
        while let next = rules!.nextEvaluation, next < time {
            tick(next, store: store, line: line)
        }
    }

    private mutating func evaluateRules(through time: Int64, line: UInt32) {
        guard rules != nil, let store else { return }
        if rules!.nextEvaluation == nil { rules!.start(at: time) }
        while let next = rules!.nextEvaluation, next <= time {
            tick(next, store: store, line: line)
        }
    }

    private mutating func tick(_ time: Int64, store: SeriesStore, line: UInt32) {
        detection!.flush(upTo: time)
        let provenance = line == 0 ? nil : AlertEvent.Provenance(source: source, line: UInt64(line))
        let output = muted ? nil : self.output
        let sinks = muted ? [] : self.sinks
        let began = metrics == nil ? 0 : Timestamp.monotonic()
        rules!.advance(to: time, store: store, provenance: provenance) { event in
            output?.write(event)
            for sink in sinks { sink.receive(event) }
        }
        metrics?.ruleTick.recordNanoseconds(Int64(Timestamp.monotonic() - began))
        if !muted { tickObserver?.ruleTickCompleted(at: time, store: store) }
    }

    private mutating func evaluateWithRules(_ batch: UnsafeBufferPointer<Sample>) {
        guard let store else { return }
        let registry = self.registry
        var registered = 0
        // The next rule tick, read again only after the rules ran (nothing else moves it within a batch): reading it
        // through the optional engine twice per sample cost more than the check.
        var nextTick = rules?.nextEvaluation
        let hasRules = rules != nil
        for sample in batch {
            // Rule ticks before this sample's time see every sample up to them: evaluate them first.
            if let next = nextTick, next < sample.timestamp {
                evaluateRules(before: sample.timestamp, line: sample.line)
                nextTick = rules?.nextEvaluation
            } else if nextTick == nil, hasRules {
                rules?.start(at: sample.timestamp)
                nextTick = rules?.nextEvaluation
            }
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
                nextEviction = sample.timestamp + Self.evictionInterval(retention: store.retention)
            }
        }
        inputSeries += registered
        anomalies = detection!.anomalies
    }
}
