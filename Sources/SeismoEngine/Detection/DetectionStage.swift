import SeismoCore
import SeismoDetect
import SeismoRules

/// Runs the detectors, health classifiers and SLOs of a loaded `RuleSet` on every sample behind the ring, and
/// publishes their outputs as derived series in a `SeriesStore`, where the rule evaluator selects them like any
/// other series (names and labels: `ExtensionSeries`).
///
/// Per input series, the declarations it feeds are worked out once, when its first sample arrives (selector
/// matching, key labels, output ids), and cached in a flat array indexed by `SeriesID`: a series no declaration
/// selects costs one array access per sample from then on, and a detector's sample costs the detector and five
/// appends, with no allocation or label work.
///
/// - Detectors publish at every sample, at the sample's time.
/// - Health classifiers and SLOs publish when their state changes (a health class, a burn-rate condition or a
///   budget crossing), otherwise once per event-time second per key (`PublicationSchedule`), and at `flush`.
/// - Invariants are expressions, evaluated with the rules; they are not run here.
///
/// Deterministic in the order of samples and flush times. Owned by the evaluation thread; not thread-safe.
public struct DetectionStage {
    /// Where the outputs go; input series are the caller's to register and append.
    public let store: SeriesStore
    let detectorDeclarations: [DetectorDeclaration]
    private let prototypes: [DeclaredDetector]
    let healthDeclarations: [HealthDeclaration]
    let sloDeclarations: [SLODeclaration]

    /// Per input series index: 0 not seen yet, 1 feeds nothing, n ≥ 2 feeds `bindings[n − 2]`.
    var slots: [UInt32] = []
    /// Per bound series, its range in `roles`: one flat array, so a sample reads its roles without retaining a
    /// nested array.
    var bindings: [Range<Int>] = []
    var roles: [InputRole] = []
    var detectors: [DetectorInstance] = []
    var readings: [CounterReading] = []
    var healthUnits: [HealthUnit] = []
    var healthIndex: [UnitKey: Int] = [:]
    var sloUnits: [SLOUnit] = []
    var sloIndex: [UnitKey: Int] = [:]

    /// Anomalous verdicts of all detectors so far (a sample two detectors flag counts twice).
    public internal(set) var anomalies: UInt64 = 0
    /// State of a previous stage to take over while binding (a reload); nil otherwise.
    var carried: CarriedState?
    /// Where the verdicts come from when a `DetectorLane` judges the samples on the reader thread; nil: the stage runs
    /// its detectors itself. Its detectors' own state then stays as bound, unused.
    private(set) var feed: VerdictFeed?
    /// `feed`, kept alive by it, for `apply`: binding the optional reference there retained and released the feed
    /// once per detector sample.
    private var unretainedFeed: Unmanaged<VerdictFeed>?

    /// From the next sample on, publishes the verdicts `feed` delivers instead of running the detectors (nil: runs
    /// them again).
    mutating func takeVerdicts(from feed: VerdictFeed?) {
        self.feed = feed
        unretainedFeed = feed.map(Unmanaged.passUnretained)
    }

    public init(ruleSet: RuleSet, store: SeriesStore) {
        self.store = store
        let groups = ruleSet.groups
        detectorDeclarations = groups.flatMap(\.detectors)
        prototypes = detectorDeclarations.map(DeclaredDetector.init)
        healthDeclarations = groups.flatMap(\.health)
        sloDeclarations = groups.flatMap(\.slos)
    }

    /// Whether the rule set declares anything this stage runs (detectors, health classifiers or SLOs).
    public var isEmpty: Bool { detectorDeclarations.isEmpty && healthDeclarations.isEmpty && sloDeclarations.isEmpty }

    /// Input series seen so far that feed at least one declaration.
    public var boundSeriesCount: Int { bindings.count }

    /// Health classifiers (dependencies) and SLO trackers (keys) created so far.
    public var unitCount: (health: Int, slos: Int) { (healthUnits.count, sloUnits.count) }

    /// How far back a store serving these declarations should keep samples, in ns: the longest health time
    /// window (0 without one). SLO windows (up to the period) live in the trackers' own buckets, not in the store.
    public static func retention(for ruleSet: RuleSet) -> Int64 {
        var retention: Int64 = 0
        for declaration in ruleSet.groups.flatMap(\.health) {
            if case .time(let duration, _) = declaration.configuration.window { retention = max(retention, duration) }
        }
        return retention
    }

    // MARK: Samples

    /// Runs the sample through every declaration its series feeds. Call for every accepted sample, in order.
    ///
    /// - Parameter labels: the series' labels; called only the first time the series is seen (the caller
    ///   typically registers the input series in the store there).
    /// - Complexity: O(1) for a series that feeds nothing; otherwise the work of the detectors and classifiers it
    ///   feeds. Binding a new series is O(declarations × matchers).
    public mutating func observe(_ sample: Sample, labels: () -> SeriesLabels) {
        let index = sample.series.index
        if index >= slots.count { slots.append(contentsOf: repeatElement(0, count: index + 1 - slots.count)) }
        var slot = slots[index]
        if slot == 0 {
            slot = bind(labels(), series: index)
            slots[index] = slot
        }
        guard slot > 1 else { return }
        apply(sample, roles: Int(slot - 2))
    }

    /// `observe(_:labels:)` with the labels at hand.
    public mutating func observe(_ sample: Sample, labels: SeriesLabels) {
        observe(sample) { labels }
    }

    /// Completes and publishes what is held back at or before `time`: outcomes still waiting for their latency,
    /// counter batches, and states held back by the once-a-second schedule. Then moves every classifier's and
    /// tracker's clock to `time` (time windows expire while idle) and publishes its state at `time`, so the rule
    /// evaluator sees fresh values. Call before each rule evaluation at `time`, and at the end of input.
    ///
    /// A key whose newest input is later than `time` is left alone: its current state is not the state at `time`.
    public mutating func flush(upTo time: Int64) {
        for i in healthUnits.indices { healthUnits[i].flush(upTo: time, store: store) }
        for i in sloUnits.indices { sloUnits[i].flush(upTo: time, store: store) }
    }

    private mutating func apply(_ sample: Sample, roles binding: Int) {
        let time = sample.timestamp
        let value = sample.value
        for r in bindings[binding] {
            switch roles[r] {
            case .detector(let i):
                if let feed = unretainedFeed {
                    let verdict = feed._withUnsafeGuaranteedRef { $0.next() }
                    detectors[i].outputs.publish(verdict, at: time, into: store)
                    if verdict.isAnomalous { anomalies &+= 1 }
                } else if detectors[i].observe(sample, into: store) {
                    anomalies &+= 1
                }
            case .healthOutcome(let unit):
                healthUnits[unit].outcome(success: value != 0, at: time, store: store)
            case .healthLatency(let unit):
                healthUnits[unit].latency(value, at: time, store: store)
            case .healthCounter(let unit, let side, let reading):
                let increase = increase(of: reading, to: value)
                healthUnits[unit].counter(increase, side: side, at: time, store: store)
            case .sloCounter(let unit, let side, let reading):
                let increase = increase(of: reading, to: value)
                sloUnits[unit].counter(increase, side: side, at: time, store: store)
            case .sloOutcome(let unit):
                sloUnits[unit].outcome(success: value != 0, at: time, store: store)
            case .sloLatency(let unit):
                sloUnits[unit].latency(value, at: time, store: store)
            }
        }
    }

    /// A counter reading's increase. Out of line: inlined into `apply`, the optimizer hoisted making `readings`
    /// unique to every sample, a new (empty) buffer each time when no declaration reads counters.
    @inline(never)
    private mutating func increase(of reading: Int, to value: Double) -> Double? {
        readings[reading].increase(to: value)
    }

    // MARK: Binding

    /// Works out what a new series feeds, creating its detectors and any classifier or tracker its key needs;
    /// returns its slot value.
    mutating func bind(_ labels: SeriesLabels, series: Int) -> UInt32 {
        var found: [InputRole] = []
        for (d, declaration) in detectorDeclarations.enumerated() where declaration.selector.matches(labels) {
            let key = CarriedState.DetectorKey(declaration: d, series: series)
            detectors.append(
                carried?.detectors.removeValue(forKey: key)
                    ?? DetectorInstance(
                        declaration: declaration, index: d, prototype: prototypes[d], input: labels, store: store))
            found.append(.detector(detectors.count - 1))
        }
        for (h, declaration) in healthDeclarations.enumerated() {
            let key = UnitKey(declaration: h, names: declaration.key, series: labels)
            switch declaration.input {
            case .outcomes(let selector, let latency):
                if selector.matches(labels) { found.append(.healthOutcome(unit: healthUnit(key, declaration))) }
                if let latency, latency.matches(labels) { found.append(.healthLatency(unit: healthUnit(key, declaration))) }
            case .counters(let requests, let errors):
                if requests.matches(labels) {
                    found.append(.healthCounter(
                        unit: healthUnit(key, declaration), side: .total, reading: newReading(.health, key, .total, series)))
                }
                if errors.matches(labels) {
                    found.append(.healthCounter(
                        unit: healthUnit(key, declaration), side: .part, reading: newReading(.health, key, .part, series)))
                }
            }
        }
        for (s, declaration) in sloDeclarations.enumerated() {
            let key = UnitKey(declaration: s, names: declaration.by, series: labels)
            switch declaration.indicator {
            case .goodTotal(let part, let total), .badTotal(let part, let total):
                if part.matches(labels) {
                    found.append(.sloCounter(
                        unit: sloUnit(key, declaration), side: .part, reading: newReading(.slo, key, .part, series)))
                }
                if total.matches(labels) {
                    found.append(.sloCounter(
                        unit: sloUnit(key, declaration), side: .total, reading: newReading(.slo, key, .total, series)))
                }
            case .outcomes(let selector):
                if selector.matches(labels) { found.append(.sloOutcome(unit: sloUnit(key, declaration))) }
            case .latency(let selector):
                if selector.matches(labels) { found.append(.sloLatency(unit: sloUnit(key, declaration))) }
            }
        }
        guard !found.isEmpty else { return 1 }
        bindings.append(roles.count..<roles.count + found.count)
        roles += found
        return UInt32(bindings.count + 1)
    }

    private mutating func healthUnit(_ key: UnitKey, _ declaration: HealthDeclaration) -> Int {
        if let unit = healthIndex[key] { return unit }
        healthUnits.append(carried?.health.removeValue(forKey: key) ?? HealthUnit(declaration: declaration, key: key))
        healthIndex[key] = healthUnits.count - 1
        return healthUnits.count - 1
    }

    private mutating func sloUnit(_ key: UnitKey, _ declaration: SLODeclaration) -> Int {
        if let unit = sloIndex[key] { return unit }
        sloUnits.append(carried?.slos.removeValue(forKey: key) ?? SLOUnit(declaration: declaration, key: key))
        sloIndex[key] = sloUnits.count - 1
        return sloUnits.count - 1
    }

    private mutating func newReading(
        _ kind: CarriedState.ReadingKey.Kind, _ unit: UnitKey, _ side: CounterBatch.Side, _ series: Int
    ) -> Int {
        let key = CarriedState.ReadingKey(kind: kind, unit: unit, side: side, series: series)
        readings.append(carried?.readings.removeValue(forKey: key) ?? CounterReading())
        return readings.count - 1
    }
}
