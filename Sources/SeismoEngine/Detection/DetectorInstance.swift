import SeismoCore
import SeismoRules

/// The detector of one (declaration, input series) pair, with the ids of the five series it publishes.
///
/// The output ids are resolved once, when the input series is first bound, so judging a sample costs the
/// detector's own work and five appends to the store, with no label building or lookup.
struct DetectorInstance {
    var detector: DeclaredDetector
    /// Index of the declaration among the stage's detector declarations.
    let declaration: Int
    let anomaly: SeriesID
    let score: SeriesID
    let z: SeriesID
    let baseline: SeriesID
    let standardDeviation: SeriesID

    /// Registers the outputs for input series `input` in `store`: the input's labels, the declaration's labels,
    /// then `metric` (the input's name) and `detector`, under each output name.
    init(declaration: DetectorDeclaration, index: Int, prototype: DeclaredDetector, input: SeriesLabels, store: SeriesStore) {
        detector = prototype
        self.declaration = index
        let identity = [
            Label(name: ExtensionSeries.metricLabel, value: input.metric),
            Label(name: ExtensionSeries.detectorLabel, value: declaration.name),
        ]
        func output(_ name: String) -> SeriesID {
            store.derivedSeries(
                SeriesLabels(derived: name, from: input.labels, declared: declaration.labels, identity: identity))
        }
        anomaly = output(ExtensionSeries.anomaly)
        score = output(ExtensionSeries.anomalyScore)
        z = output(ExtensionSeries.anomalyZ)
        baseline = output(ExtensionSeries.anomalyBaseline)
        standardDeviation = output(ExtensionSeries.anomalyStddev)
    }

    /// Judges the sample and publishes the verdict at the sample's time; returns whether it is anomalous.
    ///
    /// While warming up: anomaly 0, score 0, the baseline learnt so far, and no z (there is no judgement yet).
    /// Non-finite values are never appended: z is ±∞ when a flat baseline moves, and is then left out (the
    /// score, 1, and the anomaly flag say it all).
    mutating func observe(_ sample: Sample, into store: SeriesStore) -> Bool {
        let verdict = detector.observe(sample.value, at: sample.timestamp)
        let time = sample.timestamp
        store.append(anomaly, time: time, value: verdict.isAnomalous ? 1 : 0)
        let score = verdict.score
        store.append(self.score, time: time, value: score.isFinite ? score : 0)
        if !verdict.isWarmingUp, verdict.z.isFinite { store.append(z, time: time, value: verdict.z) }
        if verdict.mean.isFinite { store.append(baseline, time: time, value: verdict.mean) }
        if verdict.standardDeviation.isFinite {
            store.append(standardDeviation, time: time, value: verdict.standardDeviation)
        }
        return verdict.isAnomalous
    }
}
