import SeismoCore

/// One series on a chart: its (downsampled) values and, for a detector's input, the detector's band.
public struct ChartLine: Sendable, Equatable {
    /// One value at one event time (ns).
    public struct Point: Sendable, Equatable {
        public var time: Int64
        public var value: Double
        public init(time: Int64, value: Double) {
            self.time = time
            self.value = value
        }
    }

    /// The band at one event time: baseline − k·σ to baseline + k·σ.
    public struct BandPoint: Sendable, Equatable {
        public var time: Int64
        public var lower: Double
        public var upper: Double
        public init(time: Int64, lower: Double, upper: Double) {
            self.time = time
            self.lower = lower
            self.upper = upper
        }
    }

    /// The series, as the legend names it.
    public var labels: SeriesLabels
    /// Oldest first.
    public var points: [Point]
    /// Oldest first; empty when the series has no detector.
    public var band: [BandPoint]
    /// The detector's k, for the legend; nil without a band.
    public var sensitivity: Double?

    public init(labels: SeriesLabels, points: [Point], band: [BandPoint] = [], sensitivity: Double? = nil) {
        self.labels = labels
        self.points = points
        self.band = band
        self.sensitivity = sensitivity
    }
}
