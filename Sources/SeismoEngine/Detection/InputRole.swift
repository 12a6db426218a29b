/// What one input series feeds: one entry per declaration (and per selector of it) that the series matches.
///
/// Computed once when the series is first seen; the payloads are indexes into the stage's flat arrays of
/// detectors, health classifiers, SLO trackers and counter readings, so applying a sample is a switch and an
/// array access per role.
enum InputRole {
    /// A detector instance of this series.
    case detector(Int)
    /// Call outcomes of a health classifier (non-zero success, 0 failure).
    case healthOutcome(unit: Int)
    /// Call latencies of a health classifier, paired with its outcomes.
    case healthLatency(unit: Int)
    /// A request or error counter of a health classifier; `reading` differences this series.
    case healthCounter(unit: Int, side: CounterBatch.Side, reading: Int)
    /// A good, bad or total counter of an SLO.
    case sloCounter(unit: Int, side: CounterBatch.Side, reading: Int)
    /// One event per sample of an SLO (non-zero good, 0 bad).
    case sloOutcome(unit: Int)
    /// One request's latency per sample of a latency SLO.
    case sloLatency(unit: Int)
}
