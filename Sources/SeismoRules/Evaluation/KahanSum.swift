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
