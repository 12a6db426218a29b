/// A number: `42`, `-1.5e3`, `0x1f`, `Inf`, `NaN`, or a duration written where a number is expected
/// (`5m` is 300).
public struct NumberLiteral: Hashable, Sendable {
    public var value: Double
    public var sourceRange: SourceRange

    public init(value: Double, sourceRange: SourceRange = .none) {
        self.value = value
        self.sourceRange = sourceRange
    }

    /// NaN equals NaN here: two `NaN` literals are the same syntax.
    public static func == (lhs: NumberLiteral, rhs: NumberLiteral) -> Bool {
        (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN)) && lhs.sourceRange == rhs.sourceRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value.isNaN ? Double.nan.bitPattern : (value == 0 ? 0 : value.bitPattern))
        hasher.combine(sourceRange)
    }
}
