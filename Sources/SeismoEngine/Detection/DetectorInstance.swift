import SeismoCore
import SeismoRules

/// The detector of one (declaration, input series) pair, with the series it publishes on (`DetectorOutputs`).
///
/// The outputs are resolved once, when the input series is first bound: judging a sample costs the detector's own
/// work and one row appended to the store, with no label building or lookup.
struct DetectorInstance {
    var detector: DeclaredDetector
    /// Index of the declaration among the stage's detector declarations.
    let declaration: Int
    let outputs: DetectorOutputs

    /// Registers the outputs for input series `input` in `store`: the input's labels, the declaration's labels,
    /// then `metric` (the input's name) and `detector`, under each output name.
    init(declaration: DetectorDeclaration, index: Int, prototype: DeclaredDetector, input: SeriesLabels, store: SeriesStore) {
        detector = prototype
        self.declaration = index
        let identity = [
            Label(name: ExtensionSeries.metricLabel, value: input.metric),
            Label(name: ExtensionSeries.detectorLabel, value: declaration.name),
        ]
        let labels = [
            ExtensionSeries.anomaly, ExtensionSeries.anomalyScore, ExtensionSeries.anomalyZ,
            ExtensionSeries.anomalyBaseline, ExtensionSeries.anomalyStddev,
        ].map { SeriesLabels(derived: $0, from: input.labels, declared: declaration.labels, identity: identity) }
        if let (group, ids) = store.derivedGroup(labels) {
            outputs = DetectorOutputs(
                anomaly: ids[0], score: ids[1], z: ids[2], baseline: ids[3], standardDeviation: ids[4], group: group)
        } else {
            let ids = labels.map(store.derivedSeries)
            outputs = DetectorOutputs(
                anomaly: ids[0], score: ids[1], z: ids[2], baseline: ids[3], standardDeviation: ids[4], group: nil)
        }
    }

    /// Judges the sample and publishes the verdict at the sample's time; returns whether it is anomalous.
    mutating func observe(_ sample: Sample, into store: SeriesStore) -> Bool {
        let verdict = Self.judge(sample, with: &detector)
        outputs.publish(verdict, at: sample.timestamp, into: store)
        return verdict.isAnomalous
    }

    /// `detector`'s verdict on the sample, in the form it is published.
    ///
    /// While warming up: anomaly 0, score 0, the baseline learnt so far, and no z (there is no judgement yet).
    /// Non-finite values are never published: z is ±∞ when a flat baseline moves, and is then left out (the
    /// score, 1, and the anomaly flag say it all).
    static func judge(_ sample: Sample, with detector: inout DeclaredDetector) -> DetectorVerdict {
        let verdict = detector.observe(sample.value, at: sample.timestamp)
        let absent = SeriesStore.absent
        return DetectorVerdict(
            anomaly: verdict.isAnomalous ? 1.0 : 0.0,
            watchedZ: verdict.watchedZ,
            z: !verdict.isWarmingUp && verdict.z.isFinite ? verdict.z : absent,
            baseline: verdict.mean.isFinite ? verdict.mean : absent,
            standardDeviation: verdict.standardDeviation.isFinite ? verdict.standardDeviation : absent
        )
    }
}
