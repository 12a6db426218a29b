/// Order statistics over a scratch copy of a window: quickselect, O(N) expected.
@usableFromInline
enum Selection {
    /// Rearranges `a` so that `a[k]` is the k-th smallest value (0-based), everything before it is ≤ and
    /// everything after it ≥.
    ///
    /// Hoare partitioning around a median of three; after about 2·log₂N rounds without converging (adversarial
    /// input) the remaining range is sorted, so the worst case is O(N log N).
    @inlinable
    static func select(_ k: Int, in a: UnsafeMutableBufferPointer<Double>) {
        precondition(k >= 0 && k < a.count, "rank out of range")
        var lo = 0
        var hi = a.count &- 1
        var rounds = 2 &* (Int.bitWidth &- a.count.leadingZeroBitCount) &+ 4
        while hi > lo {
            if rounds == 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: a[lo...hi])
                rest.sort()
                return
            }
            rounds &-= 1
            let mid = lo &+ (hi &- lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo
            var j = hi
            while i <= j {
                while a[i] < pivot { i &+= 1 }
                while a[j] > pivot { j &-= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i &+= 1
                    j &-= 1
                }
            }
            // Now a[lo...j] ≤ pivot ≤ a[i...hi], and everything strictly between j and i equals the pivot.
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return
            }
        }
    }

    /// The q-quantile of the values in `a` (reordered in place), interpolating linearly between the closest
    /// ranks: rank `q·(N − 1)`, as numpy's default and Prometheus' `quantile_over_time`. `a` must not be empty.
    @inlinable
    static func quantile(_ q: Double, in a: UnsafeMutableBufferPointer<Double>) -> Double {
        precondition(!a.isEmpty, "quantile of an empty window")
        let rank = min(max(q, 0), 1) * Double(a.count &- 1)
        let lower = Int(rank.rounded(.down))
        select(lower, in: a)
        let low = a[lower]
        let weight = rank - Double(lower)
        guard weight > 0, lower &+ 1 < a.count else { return low }
        // After selection everything above `lower` is ≥ a[lower]; the next rank is their minimum.
        var high = a[lower &+ 1]
        for i in (lower &+ 2)..<a.count where a[i] < high { high = a[i] }
        return low + weight * (high - low)
    }
}
