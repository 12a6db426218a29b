/// The last value of one input counter series, turning each new sample into the increase since the previous one,
/// by the rules of Prometheus' `increase`.
///
/// Kept per input series (not per dependency or SLO key), so counters of several series that feed one key are
/// each differenced on their own and only their increases are summed: a reset of one does not disturb the others.
struct CounterReading {
    private var last: Double?

    /// The increase since the previous sample; nil for the series' first sample, which only sets the baseline
    /// (what the counter counted before it was first seen is unknown). A value below the previous one is a reset
    /// (the process restarted from 0): the new value is the increase. Negative values count as 0.
    mutating func increase(to value: Double) -> Double? {
        let value = max(0, value)
        defer { last = value }
        guard let last else { return nil }
        return value < last ? value : value - last
    }
}
