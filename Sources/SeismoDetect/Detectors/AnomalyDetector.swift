/// Judges one series' samples one at a time against a baseline learnt from the series' own past.
///
/// Detectors are small value types holding one series' state; `DetectorBank` keeps one per series. They expect
/// finite values (ingest rejects NaN and ±∞, so none reach them) and treat samples as a sequence: time gaps do not
/// change a baseline, and a counter reset is just a drop in level (feed rates, not raw counters; a reset then shows
/// as an anomaly below and is re-learnt like any level shift).
public protocol AnomalyDetector: Sendable {
    /// Judges `value` against the baseline learnt so far, then learns from it (unless the policy keeps anomalies
    /// out).
    mutating func observe(_ value: Double, at time: Int64) -> Verdict
}
