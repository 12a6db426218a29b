/// A classic (`le`-bucketed) histogram of one series group, and Prometheus's `histogram_quantile` over it.
struct ClassicHistogram {
    /// One cumulative bucket: observations less than or equal to `upperBound`.
    struct Bucket {
        var upperBound: Double
        var count: Double
    }

    var buckets: [Bucket] = []

    /// Relative difference under which neighbouring bucket counts are taken as equal (floating-point noise
    /// from rate or sum over buckets), as Prometheus 3 does; Prometheus 2 has no tolerance.
    static let smallDeltaTolerance = 1e-12

    /// The `q`-quantile interpolated linearly inside the bucket it falls into (Prometheus's `BucketQuantile`).
    ///
    /// NaN when `q` is NaN, the highest bucket is not `+Inf`, there are fewer than two buckets or no
    /// observations; -Inf / +Inf for `q` below 0 / above 1. Decreasing counts are raised to the running maximum
    /// first. A quantile in the `+Inf` bucket gives the second-highest bound; the lowest bucket interpolates from
    /// 0 unless its bound is at or below 0, in which case that bound is the answer.
    func quantile(_ q: Double, tolerance: Double = smallDeltaTolerance) -> Double {
        if q.isNaN { return .nan }
        if q < 0 { return -.infinity }
        if q > 1 { return .infinity }
        var sorted = buckets.sorted { $0.upperBound < $1.upperBound }
        guard let last = sorted.last, last.upperBound == .infinity else { return .nan }
        sorted = Self.coalesced(sorted)
        Self.makeMonotonic(&sorted, tolerance: tolerance)
        guard sorted.count >= 2 else { return .nan }
        let observations = sorted[sorted.count - 1].count
        if observations == 0 { return .nan }
        var rank = q * observations
        // First bucket (excluding +Inf) whose count reaches the rank; sorted.count - 1 when none does.
        var low = 0
        var high = sorted.count - 1
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].count >= rank { high = mid } else { low = mid + 1 }
        }
        let b = low
        if b == sorted.count - 1 { return sorted[sorted.count - 2].upperBound }
        if b == 0, sorted[0].upperBound <= 0 { return sorted[0].upperBound }
        var bucketStart = 0.0
        let bucketEnd = sorted[b].upperBound
        var count = sorted[b].count
        if b > 0 {
            bucketStart = sorted[b - 1].upperBound
            count -= sorted[b - 1].count
            rank -= sorted[b - 1].count
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count)
    }

    /// Merges buckets with the same upper bound, adding their counts.
    private static func coalesced(_ sorted: [Bucket]) -> [Bucket] {
        var out: [Bucket] = []
        out.reserveCapacity(sorted.count)
        for bucket in sorted {
            if let last = out.last, last.upperBound == bucket.upperBound {
                out[out.count - 1].count += bucket.count
            } else {
                out.append(bucket)
            }
        }
        return out
    }

    /// Removes decreases between successive buckets, and differences within `tolerance` in either direction.
    private static func makeMonotonic(_ buckets: inout [Bucket], tolerance: Double) {
        var previous = buckets[0].count
        for i in 1..<buckets.count {
            let current = buckets[i].count
            if current == previous { continue }
            // Noise in either direction, or a real decrease: keep the previous count, and keep comparing
            // against it.
            if tolerance > 0 && almostEqual(previous, current, tolerance: tolerance) || current < previous {
                buckets[i].count = previous
                continue
            }
            previous = current
        }
    }

    /// Prometheus's `almost.Equal`: relative difference below `tolerance`, absolute near zero.
    private static func almostEqual(_ a: Double, _ b: Double, tolerance: Double) -> Bool {
        if a == b { return true }
        let sum = Swift.abs(a) + Swift.abs(b)
        let difference = Swift.abs(a - b)
        if a == 0 || b == 0 || sum < Double.leastNormalMagnitude {
            return difference < tolerance * Double.leastNormalMagnitude
        }
        return difference / Swift.min(sum, Double.greatestFiniteMagnitude) < tolerance
    }
}
