import SeismoDetect

/// One detector's judgement of one sample, from which `DetectorOutputs` publishes five values: the anomaly flag (1
/// or 0), the score, z, the baseline and its standard deviation, with `SeriesStore.absent` where a value is left out.
///
/// Plain values, so the reader thread's `DetectorLane` can judge samples and hand the verdicts to the evaluation
/// thread through a ring (`VerdictFeed`), in the order the samples follow. The score is carried as the z it comes
/// from and worked out where it is published, on the evaluation thread: its `erfc` is a tenth of the lane's work,
/// and which thread should pay for it is a matter of which is the busier. With the bundled rules that has changed
/// from round to round (Benchmarks/README.md: the evaluation thread in the tenth round, the reader in the eleventh,
/// the evaluation thread again in the twelfth, when the reader was busy 98% of its span against 90–95%). Either way
/// the published score is the same value.
struct DetectorVerdict: BitwiseCopyable, Equatable {
    var anomaly: Double
    /// z as seen from the watched direction (`Verdict.watchedZ`).
    var watchedZ: Double
    var z: Double
    var baseline: Double
    var standardDeviation: Double

    var isAnomalous: Bool { anomaly == 1 }

    /// `Verdict.score`, 0 when not finite.
    var score: Double {
        let score = Verdict.score(watchedZ: watchedZ)
        return score.isFinite ? score : 0
    }
}
