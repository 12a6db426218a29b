/// The numbers of one alert rule over a replay.
public struct AlertStatistics: Sendable, Equatable {
    /// `firing` transitions: an alert (label set) starting to fire.
    public var timesFired: Int
    /// Time spent firing, summed over label sets (ns); an alert still firing at the end counts up to the end.
    public var firingNanoseconds: Int64
    /// Firings of a label set that began less than the flap window after the same label set resolved.
    public var flaps: Int
    /// Firings that resolved before the end.
    public var resolved: Int
    /// Mean time from firing to resolved over the resolved firings (ns); nil when none resolved.
    public var meanTimeToResolve: Int64?

    public init(timesFired: Int = 0, firingNanoseconds: Int64 = 0, flaps: Int = 0, resolved: Int = 0, meanTimeToResolve: Int64? = nil) {
        self.timesFired = timesFired
        self.firingNanoseconds = firingNanoseconds
        self.flaps = flaps
        self.resolved = resolved
        self.meanTimeToResolve = meanTimeToResolve
    }
}
