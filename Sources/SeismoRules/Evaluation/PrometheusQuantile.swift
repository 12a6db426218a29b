/// Prometheus's `quantile`: linear interpolation between the two closest ranks of the sorted values.
/// NaN for no values or a NaN `q`; -Inf / +Inf for `q` below 0 / above 1. NaN values sort first.
func prometheusQuantile(_ q: Double, _ values: [Double]) -> Double {
    if values.isEmpty || q.isNaN { return .nan }
    if q < 0 { return -.infinity }
    if q > 1 { return .infinity }
    let sorted = values.sorted { a, b in a.isNaN ? !b.isNaN : a < b }
    let n = Double(sorted.count)
    let rank = q * (n - 1)
    let lowerIndex = Swift.max(0, rank.rounded(.down))
    let upperIndex = Swift.min(n - 1, lowerIndex + 1)
    let weight = rank - rank.rounded(.down)
    return sorted[Int(lowerIndex)] * (1 - weight) + sorted[Int(upperIndex)] * weight
}
