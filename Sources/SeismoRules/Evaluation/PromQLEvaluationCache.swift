import SeismoCore

/// What one expression's evaluation can reuse at its next evaluation over the same store: a rule evaluates the
/// same expression at every tick, usually over the same series, so the selections, aggregation groupings and
/// result order it worked out last time are most likely still right.
///
/// Entries are kept by the order in which the evaluation asks for them (the n-th selector, the n-th
/// aggregation), and each is checked before use: a selection against the selector's matchers and the store's
/// `generation` (no series added since), a grouping against the input label sets and the grouping clause, a
/// result order against the result's label sets. A check that fails recomputes and replaces the entry, so a cache never
/// changes a result, only what it costs. The label-set checks are cheap because a steady result's label sets
/// share their storage with the previous evaluation's.
///
/// One cache per expression (`RuleEngine` keeps one per rule); owned by one thread at a time.
public final class PromQLEvaluationCache {
    enum Entry {
        case empty
        case selection(SelectionEntry)
        case grouping(GroupingEntry)
        /// A result's label sets as they came, and the permutation that sorted them (nil: in order already).
        case order([SeriesLabels], [Int]?)
    }

    struct SelectionEntry {
        var metricName: String?
        var matchers: [LabelMatcher]
        var generation: Int
        var selection: SeriesStore.Selection
    }

    struct GroupingEntry {
        var by: Bool
        var names: [String]
        /// The input label sets, and for each the index of its output group (groups in order of first input).
        var inputs: [SeriesLabels]
        var groupOf: [Int]
        var groupLabels: [SeriesLabels]

        /// Whether `input` groups the same way: the same clause and label sets.
        func fits(by: Bool, names: [String], _ input: [VectorSample]) -> Bool {
            guard by == self.by, input.count == inputs.count, names == self.names else { return false }
            for i in input.indices where input[i].labels != inputs[i] { return false }
            return true
        }
    }

    // Read several times per selector and aggregation at every tick: without a dynamic exclusivity check (a runtime
    // call per access, ~4% of a rules run's evaluation thread). Safe for the same reason as in `SeriesStore`: one
    // thread at a time, and no access to them is held across a call that could reach back into the cache.
    @exclusivity(unchecked) private var store: SeriesStore?
    @exclusivity(unchecked) private var cursor = 0
    @exclusivity(unchecked) var entries: [Entry] = []

    public init() {}

    /// Starts an evaluation over `store`; a different store than last time empties the cache.
    func begin(_ store: SeriesStore) {
        if self.store !== store {
            self.store = store
            entries = []
        }
        cursor = 0
    }

    /// The index of the evaluation's next entry.
    func next() -> Int {
        defer { cursor += 1 }
        if cursor == entries.count { entries.append(.empty) }
        return cursor
    }
}
