/// One detector's judgement of one sample, as the five values `DetectorInstance` publishes: the anomaly flag (1 or
/// 0), the score, z, the baseline and its standard deviation, with `SeriesStore.absent` where a value is left out.
///
/// Plain values, so the reader thread's `DetectorLane` can judge samples and hand the verdicts to the evaluation
/// thread through a ring (`VerdictFeed`), in the order the samples follow.
struct DetectorVerdict: BitwiseCopyable, Equatable {
    var anomaly: Double
    var score: Double
    var z: Double
    var baseline: Double
    var standardDeviation: Double

    var isAnomalous: Bool { anomaly == 1 }
}
