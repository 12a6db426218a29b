/// The `on (…)` / `ignoring (…)` clause of a binary operation, with its `group_left` / `group_right`.
public struct VectorMatching: Hashable, Sendable {
    /// Whether `labels` lists the labels to match on or the labels to leave out.
    public enum Axis: String, Hashable, Sendable {
        case on
        case ignoring
    }

    /// Which side may have many series per match, and the labels copied from the "one" side.
    public enum Grouping: Hashable, Sendable {
        /// `group_left (labels)`: many on the left.
        case left([String])
        /// `group_right (labels)`: many on the right.
        case right([String])
    }

    public var axis: Axis
    public var labels: [String]
    /// nil for one-to-one matching (or, for `and`/`or`/`unless`, many-to-many).
    public var grouping: Grouping?

    public init(axis: Axis, labels: [String], grouping: Grouping? = nil) {
        self.axis = axis
        self.labels = labels
        self.grouping = grouping
    }
}
