import SeismoCore
import SeismoRules

/// The detector of one (declaration, input series) pair, with the ids of the five series it publishes.
///
/// The outputs are resolved once, when the input series is first bound, as one group of the store
/// (`SeriesStore.derivedGroup(_:)`): judging a sample costs the detector's own work and one row appended to the
/// store, with no label building or lookup. (Were a label set already taken by another series, the five are
/// written one by one instead.)
struct DetectorInstance {
    var detector: DeclaredDetector
    /// Index of the declaration among the stage's detector declarations.
    let declaration: Int
    let anomaly: SeriesID
    let score: SeriesID
    let z: SeriesID
    let baseline: SeriesID
    let standardDeviation: SeriesID
    /// The group the five outputs form in the store, in the order above; nil when they are separate series.
    let group: SeriesStore.Group?

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
        let ids: [SeriesID]
        if let (group, columns) = store.derivedGroup(labels) {
            self.group = group
            ids = columns
        } else {
            group = nil
            ids = labels.map(store.derivedSeries)
        }
        anomaly = ids[0]
        score = ids[1]
        z = ids[2]
        baseline = ids[3]
        standardDeviation = ids[4]
    }

    /// Judges the sample and publishes the verdict at the sample's time; returns whether it is anomalous.
    mutating func observe(_ sample: Sample, into store: SeriesStore) -> Bool {
        let verdict = Self.judge(sample, with: &detector)
        publish(verdict, at: sample.timestamp, into: store)
        return verdict.isAnomalous
    }

    /// `detector`'s verdict on the sample, in the form it is published.
    ///
    /// While warming up: anomaly 0, score 0, the baseline learnt so far, and no z (there is no judgement yet).
    /// Non-finite values are never published: z is ±∞ when a flat baseline moves, and is then left out (the
    /// score, 1, and the anomaly flag say it all).
    static func judge(_ sample: Sample, with detector: inout DeclaredDetector) -> DetectorVerdict {
        let verdict = detector.observe(sample.value, at: sample.timestamp)
        let score = verdict.score
        let absent = SeriesStore.absent
        return DetectorVerdict(
            anomaly: verdict.isAnomalous ? 1.0 : 0.0,
            score: score.isFinite ? score : 0,
            z: !verdict.isWarmingUp && verdict.z.isFinite ? verdict.z : absent,
            baseline: verdict.mean.isFinite ? verdict.mean : absent,
            standardDeviation: verdict.standardDeviation.isFinite ? verdict.standardDeviation : absent
        )
    }

    /// Publishes a verdict on this instance's input series (judged here or by a `DetectorLane`) at `time`.
    func publish(_ verdict: DetectorVerdict, at time: Int64, into store: SeriesStore) {
        let absent = SeriesStore.absent
        var row = (verdict.anomaly, verdict.score, verdict.z, verdict.baseline, verdict.standardDeviation)
        if let group {
            withUnsafeBytes(of: &row) { store.append(group, time: time, values: $0.assumingMemoryBound(to: Double.self)) }
        } else {
            store.append(anomaly, time: time, value: row.0)
            store.append(self.score, time: time, value: row.1)
            if row.2.bitPattern != absent.bitPattern { store.append(z, time: time, value: row.2) }
            if row.3.bitPattern != absent.bitPattern { store.append(baseline, time: time, value: row.3) }
            if row.4.bitPattern != absent.bitPattern { store.append(standardDeviation, time: time, value: row.4) }
        }
    }
}
