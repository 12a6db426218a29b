/// An anomaly as the generator applies it: which samples of its series, and how strong.
struct ScheduledAnomaly: Sendable {
    var kind: InjectedAnomaly.Kind
    /// First and last affected sample ordinal of the series, inclusive.
    var first: Int
    var last: Int
    /// Strength, in the units `SeriesModel` documents for each pair of series kind and anomaly kind.
    var magnitude: Double

    /// Share of the window done at sample `k`: 1/len at the first sample, 1 at the last.
    @inline(__always)
    func progress(at k: Int) -> Double { Double(k - first + 1) / Double(last - first + 1) }
}
