import SeismoCore
import SeismoRules

/// The five series a detector instance publishes on, resolved once when its input series is bound: the anomaly
/// flag, score, z, baseline and standard deviation, as one group of the store (`SeriesStore.derivedGroup(_:)`) or,
/// were a label set already taken by another series, as five separate series.
///
/// Plain ids apart from the detector's state, so publishing a verdict reads a few words instead of copying the
/// instance (its windows retained and released) out of the stage's array.
struct DetectorOutputs {
    let anomaly: SeriesID
    let score: SeriesID
    let z: SeriesID
    let baseline: SeriesID
    let standardDeviation: SeriesID
    /// The group the five form in the store, in the order above; nil when they are separate series.
    let group: SeriesStore.Group?

    /// Publishes a verdict at `time`: one store row for a group, otherwise each value to its series (absent values
    /// left out).
    func publish(_ verdict: DetectorVerdict, at time: Int64, into store: SeriesStore) {
        let absent = SeriesStore.absent
        var row = (verdict.anomaly, verdict.score, verdict.z, verdict.baseline, verdict.standardDeviation)
        if let group {
            withUnsafeBytes(of: &row) { store.append(group, time: time, values: $0.assumingMemoryBound(to: Double.self)) }
        } else {
            store.append(anomaly, time: time, value: row.0)
            store.append(score, time: time, value: row.1)
            if row.2.bitPattern != absent.bitPattern { store.append(z, time: time, value: row.2) }
            if row.3.bitPattern != absent.bitPattern { store.append(baseline, time: time, value: row.3) }
            if row.4.bitPattern != absent.bitPattern { store.append(standardDeviation, time: time, value: row.4) }
        }
    }
}
