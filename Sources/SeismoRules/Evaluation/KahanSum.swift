/// A running sum with Neumaier's compensation, as Prometheus accumulates `sum`, `avg` and the `*_over_time`
/// family, so results agree with Prometheus to the last bit.
struct KahanSum {
    private(set) var sum: Double
    private(set) var compensation: Double

    init(_ first: Double = 0, compensation: Double = 0) {
        sum = first
        self.compensation = compensation
    }

    /// The sum and compensation after adding `increment` (Prometheus's `kahansum.Inc`).
    static func adding(_ increment: Double, to sum: Double, compensation: Double) -> (sum: Double, compensation: Double) {
        let total = sum + increment
        var c = compensation
        if total.isInfinite {
            c = 0
        } else if Swift.abs(sum) >= Swift.abs(increment) {
            c += (sum - total) + increment
        } else {
            c += (increment - total) + sum
        }
        return (total, c)
    }

    mutating func add(_ value: Double) {
        (sum, compensation) = Self.adding(value, to: sum, compensation: compensation)
    }

    /// The compensated total.
    var value: Double { sum + compensation }
}

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
