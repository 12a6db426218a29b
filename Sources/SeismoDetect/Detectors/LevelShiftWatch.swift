/// Counts consecutive anomalies in one direction, to tell a level shift from a spike.
@usableFromInline
struct LevelShiftWatch: Sendable, Equatable {
    @usableFromInline var run: Int = 0
    @usableFromInline var runAbove: Bool = false

    @inlinable init() {}

    /// Records a judged sample; true when it completes a run of `limit` anomalies on the same side, which the
    /// detector answers by re-learning its baseline.
    @inlinable @inline(__always)
    mutating func record(_ verdict: Verdict, limit: Int) -> Bool {
        guard verdict.isAnomalous else {
            run = 0
            return false
        }
        let above = verdict.z > 0
        if run > 0, above == runAbove {
            run &+= 1
        } else {
            run = 1
            runAbove = above
        }
        guard run >= limit else { return false }
        run = 0
        return true
    }
}
