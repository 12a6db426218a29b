/// The mean of a stream the way Prometheus computes `avg` and `avg_over_time`: a compensated sum divided by the
/// count while the sum stays finite, and an incremental mean from the point where it would overflow.
struct KahanMean {
    private var sum: Double
    private var mean = 0.0
    private var compensation = 0.0
    private var count = 1.0
    private var incremental = false

    init(first: Double) {
        sum = first
    }

    mutating func add(_ value: Double) {
        count += 1
        if !incremental {
            let (newSum, newC) = KahanSum.adding(value, to: sum, compensation: compensation)
            if !newSum.isInfinite {
                sum = newSum
                compensation = newC
                return
            }
            incremental = true
            mean = sum / (count - 1)
            compensation /= count - 1
        }
        let q = (count - 1) / count
        (mean, compensation) = KahanSum.adding(value / count, to: q * mean, compensation: q * compensation)
    }

    var value: Double {
        incremental ? mean + compensation : sum / count + compensation / count
    }
}

extension KahanMean {
    /// The mean of `count` values (at least one) exactly as adding `value(0)`, `value(1)`, … one at a time gives it,
    /// bit for bit, at a third of the cost: `avg_over_time` runs this over every point of every window at every tick.
    ///
    /// While the running sum stays finite, `add` never switches to its incremental mean and its compensation step
    /// needs no overflow check, so the fast loop is the plain compensated sum. A sum that ends finite never overflowed
    /// on the way (once infinite it stays infinite or turns NaN), so the fast loop did exactly what `add` does; any
    /// other end (an overflow, an infinite or NaN value) repeats the work through `add`.
    @inline(__always)
    static func mean(count: Int, _ value: (Int) -> Double) -> Double {
        var sum = value(0)
        var compensation = 0.0
        for i in 1..<max(count, 1) {
            let increment = value(i)
            let total = sum + increment
            // Both terms computed and one selected: the same arithmetic as `KahanSum.adding`, without a branch.
            let big = (sum - total) + increment
            let small = (increment - total) + sum
            compensation += Swift.abs(sum) >= Swift.abs(increment) ? big : small
            sum = total
        }
        if sum.isFinite {
            let n = Double(count)
            return sum / n + compensation / n
        }
        var mean = KahanMean(first: value(0))
        for i in 1..<max(count, 1) { mean.add(value(i)) }
        return mean.value
    }
}
