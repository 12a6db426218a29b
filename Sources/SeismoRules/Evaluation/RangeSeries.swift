import SeismoCore

/// One element of a range vector: a label set and its samples in the window, oldest first.
public struct RangeSeries: Hashable, Sendable {
    /// One sample of the window.
    public struct Point: Hashable, Sendable {
        /// Sample time in nanoseconds since the epoch.
        public var time: Int64
        public var value: Double

        public init(time: Int64, value: Double) {
            self.time = time
            self.value = value
        }
    }

    public var labels: SeriesLabels
    public var points: [Point]

    public init(labels: SeriesLabels, points: [Point]) {
        self.labels = labels
        self.points = points
    }
}
