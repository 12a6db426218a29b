/// The statistics of one window at one moment.
public struct WindowSummary: Equatable, Sendable {
    public var count: Int
    public var mean: Double
    /// Sample variance (divisor n − 1); 0 for a single value.
    public var variance: Double
    public var min: Double
    public var max: Double

    public init(count: Int, mean: Double, variance: Double, min: Double, max: Double) {
        self.count = count
        self.mean = mean
        self.variance = variance
        self.min = min
        self.max = max
    }

    public var standardDeviation: Double { variance.squareRoot() }
}
