/// Merges a block's per-series timestamp columns into one sequence: repeatedly the series whose next timestamp
/// is smallest, ties to the lower dictionary index.
///
/// Each column keeps its own order, so a series with out-of-order samples is merged by its current head. The
/// writer runs the same merge to decide whether the arrival order can be rebuilt from timestamps alone (then it
/// stores nothing) or must be stored.
///
/// A loser tree over the series, with each series' head timestamp cached beside it: one comparison per level,
/// ⌈log₂ s⌉ levels per sample for s series, and no pointer chasing. (A binary heap over the columns took four
/// times as long and dominated block decoding.)
struct SeriesMerge {
    private let timestamps: UnsafeBufferPointer<Int64>
    /// Leaves, padded to a power of two; leaves past the real series are exhausted from the start.
    private let leafCount: Int
    /// Next unread position per leaf, and the end of its column.
    private var cursor: [Int]
    private var end: [Int]
    /// Head timestamp per leaf; `Int64.max` once the leaf is exhausted.
    private var head: [Int64]
    /// `loser[n]` for internal node `n` in `1 ..< leafCount`: the leaf that lost the match there.
    private var loser: [Int32]
    private var winner: Int32

    /// `timestamps` holds the columns back to back; column `s` is `starts[s] ..< starts[s] + counts[s]`.
    init(timestamps: UnsafeBufferPointer<Int64>, starts: [Int], counts: [Int]) {
        self.timestamps = timestamps
        var leaves = 1
        while leaves < starts.count { leaves *= 2 }
        leafCount = leaves
        cursor = starts + repeatElement(0, count: leaves - starts.count)
        end = zip(starts, counts).map { $0 + $1 } + repeatElement(0, count: leaves - starts.count)
        head = [Int64](repeating: .max, count: leaves)
        for s in 0..<starts.count where counts[s] > 0 { head[s] = timestamps[starts[s]] }
        loser = [Int32](repeating: 0, count: leaves)
        winner = 0
        // Play the initial tournament bottom-up: `best[n]` is the winner of the subtree at node n.
        var best = [Int32](repeating: 0, count: 2 * leaves)
        for leaf in 0..<leaves { best[leaves + leaf] = Int32(leaf) }
        var node = leaves - 1
        while node >= 1 {
            let a = best[2 * node]
            let b = best[2 * node + 1]
            if precedes(a, b) {
                best[node] = a
                loser[node] = b
            } else {
                best[node] = b
                loser[node] = a
            }
            node -= 1
        }
        winner = best[1]
    }

    /// Whether leaf `a`'s head comes before leaf `b`'s: exhausted leaves last, then by timestamp, then by index.
    @inline(__always)
    private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        let ta = head[Int(a)]
        let tb = head[Int(b)]
        if ta != tb { return ta < tb }
        if ta == .max {
            // A real sample at Int64.max still comes before an exhausted leaf.
            let aLive = cursor[Int(a)] < end[Int(a)]
            if aLive != (cursor[Int(b)] < end[Int(b)]) { return aLive }
        }
        return a < b
    }

    /// The series of the next sample in merged order, or nil when all are consumed.
    @inline(__always)
    mutating func next() -> Int? {
        let s = Int(winner)
        guard cursor[s] < end[s] else { return nil }
        cursor[s] &+= 1
        head[s] = cursor[s] < end[s] ? timestamps[cursor[s]] : .max
        // Replay the matches on the path from the leaf to the root.
        var candidate = winner
        var node = (leafCount &+ s) &>> 1
        while node >= 1 {
            let other = loser[node]
            if precedes(other, candidate) {
                loser[node] = candidate
                candidate = other
            }
            node &>>= 1
        }
        winner = candidate
        return s
    }
}
