/// The counter increases of one dependency or SLO key at one timestamp, summed over the key's series.
///
/// A scrape stamps a key's request and error counters (or good/bad and total) with the same time; the batch
/// collects increases while samples keep that time and is committed when a sample at another time arrives for the
/// key, or at a flush. The two sides are thereby paired by key and timestamp, whichever arrives first.
struct CounterBatch {
    /// Which counter of the pair a series is.
    enum Side {
        /// Requests (health) or all events (SLO `total`).
        case total
        /// Errors (health), bad events (SLO `bad`) or good events (SLO `good`).
        case part
    }

    var time: Int64
    var total = 0.0
    var part = 0.0

    init(time: Int64) {
        self.time = time
    }

    mutating func add(_ increase: Double, to side: Side) {
        switch side {
        case .total: total += increase
        case .part: part += increase
        }
    }
}
