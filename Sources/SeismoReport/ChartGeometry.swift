/// Where things go on a report chart: the SVG's size, the plot area inside the axes, and the mapping from event
/// time and value to pixels.
public struct ChartGeometry: Sendable, Equatable {
    public static let width = 960.0
    public static let height = 280.0
    public static let plotLeft = 72.0
    public static let plotRight = 944.0
    public static let plotTop = 12.0
    public static let plotBottom = 248.0

    /// Event times (ns) at the left and right edges.
    public var start: Int64
    public var end: Int64
    /// Values at the bottom and top edges.
    public var low: Double
    public var high: Double

    /// A time range of zero width is widened by a second; a value range of zero height by one on each side.
    public init(start: Int64, end: Int64, low: Double, high: Double) {
        self.start = start
        self.end = end > start ? end : start + 1_000_000_000
        if high > low {
            self.low = low
            self.high = high
        } else {
            self.low = low - 1
            self.high = high + 1
        }
    }

    /// The x of `time`, clamped to the plot area.
    public func x(_ time: Int64) -> Double {
        let share = Double(time - start) / Double(end - start)
        return Self.plotLeft + min(1, max(0, share)) * (Self.plotRight - Self.plotLeft)
    }

    /// The y of `value`, clamped to the plot area.
    public func y(_ value: Double) -> Double {
        let share = (value - low) / (high - low)
        return Self.plotBottom - min(1, max(0, share)) * (Self.plotBottom - Self.plotTop)
    }

    /// Coordinates as written into the SVG: one decimal.
    public static func coordinate(_ v: Double) -> String {
        let tenths = (v * 10).rounded()
        let whole = Int(tenths / 10)
        let frac = Int(abs(tenths.truncatingRemainder(dividingBy: 10)))
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(frac)"
    }
}
