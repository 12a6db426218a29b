import SeismoCore

/// What a rule derived from each label set of its previous result, by position: a rule's result usually has the
/// same label sets in the same order at every evaluation, so the work done per label set (alert labels and
/// fingerprint, a recording rule's output series) is done once and then reused while the label set at a position
/// stays the same.
///
/// A hit costs one `SeriesLabels` comparison, which is cheap because a steady result's label sets share their
/// storage with the previous evaluation's (both come from the store's selections), so the comparison stops at
/// the identical buffers. A miss recomputes and replaces that position; nothing is ever reused for a different
/// label set, so the memo cannot change a result.
struct ResultMemo<Value> {
    private var keys: [SeriesLabels] = []
    private var values: [Value] = []

    /// The value for the result's `position`-th label set `key`: the remembered one when the previous result had
    /// `key` there, otherwise `compute()`, remembered for next time. Positions must be asked in order from 0.
    mutating func value(at position: Int, for key: SeriesLabels, compute: () -> Value) -> Value {
        if position < keys.count {
            if keys[position] == key { return values[position] }
            let value = compute()
            keys[position] = key
            values[position] = value
            return value
        }
        let value = compute()
        if position == keys.count {
            keys.append(key)
            values.append(value)
        }
        return value
    }

    /// Forgets positions from `count` on (the result got shorter).
    mutating func truncate(to count: Int) {
        guard keys.count > count else { return }
        keys.removeLast(keys.count - count)
        values.removeLast(values.count - count)
    }
}
