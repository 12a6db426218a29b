import SeismoCore
import SeismoIngest
import SeismoRules

/// The declared anomaly detectors of a rule set, run on the reader thread: each sample is judged right after
/// parsing, and its verdicts travel to the evaluation thread ahead of it (`VerdictFeed`), where `DetectionStage`
/// publishes them in place of running the detectors itself.
///
/// Why: with rules the evaluation thread is the bottleneck and the reader idles a third of a run; a detector
/// reads nothing but its own series' samples, in order, so it can run on either side of the ring and give the same
/// verdicts. Health classifiers and SLOs stay on the evaluation thread: their state is published at rule ticks.
///
/// The lane binds each series to the same detectors, in the same order, as `DetectionStage.bind` (declarations in
/// file order, each whose selector matches the series' labels), so the stage takes exactly one verdict per
/// detector role it meets. Deterministic in the order of samples, as the stage is.
///
/// Owned by the reader thread; not thread-safe.
struct DetectorLane {
    let declarations: [DetectorDeclaration]
    private let prototypes: [DeclaredDetector]
    /// Per input series index: 0 not seen yet, 1 feeds no detector, n ≥ 2 its detectors are `ranges[n − 2]`.
    private var slots: [UInt32] = []
    private var ranges: [Range<Int>] = []
    private var detectors: [DeclaredDetector] = []
    /// Per detector, its declaration and series: what a reload carries its state by.
    private var keys: [CarriedState.DetectorKey] = []
    /// Detectors of unchanged declarations from before a reload, until their series' next sample binds them.
    private var carried: [CarriedState.DetectorKey: DeclaredDetector] = [:]

    init(ruleSet: RuleSet) {
        declarations = ruleSet.groups.flatMap(\.detectors)
        prototypes = declarations.map(DeclaredDetector.init)
    }

    /// A lane for a reloaded rule set that keeps the learnt state of every detector whose declaration the new set
    /// declares unchanged, as `DetectionStage.init(ruleSet:store:carryingOver:)` does for its own.
    init(ruleSet: RuleSet, carryingOver previous: DetectorLane) {
        self.init(ruleSet: ruleSet)
        let moved = DetectionStage.unchanged(previous.declarations, in: declarations)
        for (k, key) in previous.keys.enumerated() {
            guard let declaration = moved[key.declaration] else { continue }
            carried[CarriedState.DetectorKey(declaration: declaration, series: key.series)] = previous.detectors[k]
        }
        for (key, detector) in previous.carried {
            guard let declaration = moved[key.declaration] else { continue }
            carried[CarriedState.DetectorKey(declaration: declaration, series: key.series)] = detector
        }
    }

    /// A lane that carries on from the detectors of `stage` (after it warmed up on history): the same bindings and
    /// the same learnt state.
    init(ruleSet: RuleSet, continuing stage: DetectionStage) {
        self.init(ruleSet: ruleSet)
        slots = Array(repeating: 0, count: stage.slots.count)
        for (series, slot) in stage.slots.enumerated() where slot != 0 {
            var found: [Int] = []
            if slot > 1 {
                for r in stage.bindings[Int(slot - 2)] {
                    if case .detector(let i) = stage.roles[r] { found.append(i) }
                }
            }
            slots[series] = append(found.map { (stage.detectors[$0].declaration, stage.detectors[$0].detector) }, series: series)
        }
    }

    /// Whether the rule set declares no detector (the lane then has nothing to do).
    var isEmpty: Bool { declarations.isEmpty }

    /// Judges the sample with every detector of its series, appending one verdict per detector in binding order.
    ///
    /// - Parameter registry: where the series' labels are looked up, the first time the series is seen. (Not a
    ///   closure: forming one per sample retained and released its captures, once per sample.)
    mutating func judge(_ sample: Sample, registry: SeriesRegistry, into verdicts: inout [DetectorVerdict]) {
        let index = sample.series.index
        if index >= slots.count { slots.append(contentsOf: repeatElement(0, count: index + 1 - slots.count)) }
        var slot = slots[index]
        if slot == 0 {
            slot = bind(registry.labels(of: sample.series), series: index)
            slots[index] = slot
        }
        guard slot > 1 else { return }
        for d in ranges[Int(slot - 2)] {
            verdicts.append(DetectorInstance.judge(sample, with: &detectors[d]))
        }
    }

    private mutating func bind(_ labels: SeriesLabels, series: Int) -> UInt32 {
        var found: [(Int, DeclaredDetector)] = []
        for (d, declaration) in declarations.enumerated() where declaration.selector.matches(labels) {
            let key = CarriedState.DetectorKey(declaration: d, series: series)
            found.append((d, carried.removeValue(forKey: key) ?? prototypes[d]))
        }
        return append(found, series: series)
    }

    /// Adds a series' detectors and returns its slot value.
    private mutating func append(_ found: [(declaration: Int, detector: DeclaredDetector)], series: Int) -> UInt32 {
        guard !found.isEmpty else { return 1 }
        ranges.append(detectors.count..<detectors.count + found.count)
        for (declaration, detector) in found {
            detectors.append(detector)
            keys.append(CarriedState.DetectorKey(declaration: declaration, series: series))
        }
        return UInt32(ranges.count + 1)
    }
}
