import SeismoCore
import Synchronization

/// The label sets of all series seen so far, indexed by `SeriesID`, safe to read from any thread.
///
/// The ingest thread appends (rarely: once per new series); the evaluation thread reads a series' labels when it
/// first meets its id. A mutex is right here: the state is compound and the traffic is low.
public final class SeriesRegistry: Sendable {
    private let storage = Mutex<[SeriesLabels]>([])

    public init() {}

    /// Number of series registered.
    public var count: Int { storage.withLock { $0.count } }

    /// The labels of `id`. Traps if `id` was never registered (a programming error, not bad input).
    public func labels(of id: SeriesID) -> SeriesLabels {
        storage.withLock { all in
            precondition(id.index < all.count, "SeriesRegistry: unknown series \(id)")
            return all[id.index]
        }
    }

    /// Appends `labels` and returns their new id.
    func append(_ labels: SeriesLabels) -> SeriesID {
        storage.withLock { all in
            all.append(labels)
            return SeriesID(UInt32(all.count - 1))
        }
    }

    /// A copy of every registered label set, in id order.
    public func snapshot() -> [SeriesLabels] { storage.withLock { $0 } }
}
