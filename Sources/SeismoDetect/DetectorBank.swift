import SeismoCore

/// One detector per series, in a flat array indexed by the dense `SeriesID`: the per-series state the engine keeps
/// behind the ring.
///
/// A series' detector starts as a copy of `prototype` when its first sample arrives (copies share storage until
/// they first learn, so series that are skipped over cost only the detector's inline size).
public struct DetectorBank<Detector: AnomalyDetector>: Sendable {
    public let prototype: Detector
    @usableFromInline var detectors: [Detector] = []

    public init(prototype: Detector) {
        self.prototype = prototype
    }

    /// Number of series slots (one past the highest series index observed).
    public var seriesCount: Int { detectors.count }

    /// Judges the sample with its series' detector, creating the detector on first sight.
    ///
    /// - Complexity: O(1) amortized plus the detector's own cost.
    @inlinable
    public mutating func observe(_ sample: Sample) -> Verdict {
        let i = sample.series.index
        if i >= detectors.count { grow(to: i + 1) }
        return detectors[i].observe(sample.value, at: sample.timestamp)
    }

    /// The series' detector, nil for a series never observed.
    public subscript(series: SeriesID) -> Detector? {
        series.index < detectors.count ? detectors[series.index] : nil
    }

    /// Forgets what the series' detector learnt (e.g. when the series is deleted and recreated).
    public mutating func reset(_ series: SeriesID) {
        if series.index < detectors.count { detectors[series.index] = prototype }
    }

    @usableFromInline
    mutating func grow(to count: Int) {
        detectors.append(contentsOf: repeatElement(prototype, count: count - detectors.count))
    }
}
