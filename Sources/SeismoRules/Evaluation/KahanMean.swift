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
