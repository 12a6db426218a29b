/// The `@` modifier: evaluate a selector or subquery at a fixed time instead of the evaluation time.
public enum AtModifier: Hashable, Sendable {
    /// `@ 1700000000` or `@ 1700000000.5`: nanoseconds since the epoch (written as seconds, kept to the ms).
    case timestamp(Int64)
    /// `@ start()`: the start of the evaluation range; for rule evaluation, the evaluation time.
    case start
    /// `@ end()`: the end of the evaluation range; for rule evaluation, the evaluation time.
    case end
}
