/// A dense identifier for one series (metric name plus sorted label set), assigned in order of first sight.
///
/// Dense ids let every per-series structure downstream be a flat array indexed by `rawValue`.
public struct SeriesID: Hashable, Comparable, Sendable, BitwiseCopyable, CustomStringConvertible {
    public var rawValue: UInt32

    @inlinable
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    @inlinable
    public var index: Int { Int(rawValue) }

    public static func < (lhs: SeriesID, rhs: SeriesID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "#\(rawValue)" }
}
