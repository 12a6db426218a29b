/// One detector's judgement of one sample, as the five values `DetectorOutputs` publishes: the anomaly flag (1 or
/// 0), the score, z, the baseline and its standard deviation, with `SeriesStore.absent` where a value is left out.
///
/// Plain values, so the reader thread's `DetectorLane` can judge samples and hand the verdicts to the evaluation
/// thread through a ring (`VerdictFeed`), in the order the samples follow. The score (an `erfc`) is worked out with
/// the judgement, on the reader thread: with the bundled rules the evaluation thread is the busier of the two
/// (Benchmarks/README.md, eleventh round).
struct DetectorVerdict: BitwiseCopyable, Equatable {
    var anomaly: Double
    var score: Double
    var z: Double
    var baseline: Double
    var standardDeviation: Double

    var isAnomalous: Bool { anomaly == 1 }
}
