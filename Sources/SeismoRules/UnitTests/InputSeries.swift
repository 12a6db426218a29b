import SeismoCore

/// One `input_series` entry of a test group: a series and its values, one per step of the group's interval.
public struct InputSeries: Equatable, Sendable {
    public var labels: SeriesLabels
    /// One value per step: step i is at i × interval.
    public var values: [SeriesValue]
    /// Where the entry starts in the test file.
    public var position: RuleTestPosition

    public init(labels: SeriesLabels, values: [SeriesValue], position: RuleTestPosition) {
        self.labels = labels
        self.values = values
        self.position = position
    }

    /// The samples to load, with missing steps left out: step i at offset i × `interval` nanoseconds.
    public func samples(interval: Int64) -> [InputSample] {
        var out: [InputSample] = []
        out.reserveCapacity(values.count)
        for (step, value) in values.enumerated() {
            let offset = Int64(step) &* interval
            switch value {
            case .missing: continue
            case .number(let number): out.append(InputSample(offset: offset, value: number))
            case .stale: out.append(InputSample(offset: offset, value: .nan, isStale: true))
            }
        }
        return out
    }
}
