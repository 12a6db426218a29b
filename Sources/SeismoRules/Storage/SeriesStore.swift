import SeismoCore

/// The recent past of every series, as the rule evaluator reads it: label sets, an index from metric name to
/// series, and each series' samples back to `retention` before the newest event time.
///
/// Input series and derived series (recording rules, detector outputs) live side by side, so rules select both
/// the same way. Input series keep their dense ingest ids; derived series get ids counting down from
/// `UInt32.max`, so the two never meet. Owned by the evaluation thread; not thread-safe.
public final class SeriesStore {
    struct Entry {
        var labels: SeriesLabels?
        var buffer = SeriesBuffer()
    }

    /// How far back samples are kept, in ns: the longest range or lookback any rule needs.
    public var retention: Int64
    private var inputs: [Entry] = []
    private var derived: [Entry] = []
    private var byMetric: [String: [SeriesID]] = [:]
    private var byLabels: [SeriesLabels: SeriesID] = [:]

    public init(retention: Int64) {
        self.retention = retention
    }

    /// Number of series known, input and derived.
    public var seriesCount: Int { byLabels.count }

    /// Registers an input series under its ingest id. Registering an id again is a no-op.
    public func register(_ id: SeriesID, labels: SeriesLabels) {
        precondition(!Self.isDerived(id), "SeriesStore: \(id) is in the derived range")
        if id.index >= inputs.count { inputs.append(contentsOf: repeatElement(Entry(), count: id.index - inputs.count + 1)) }
        guard inputs[id.index].labels == nil else { return }
        inputs[id.index].labels = labels
        index(id, labels)
    }

    /// The id of a derived series (a recording rule's or a detector's output), created on first use.
    public func derivedSeries(_ labels: SeriesLabels) -> SeriesID {
        if let id = byLabels[labels], Self.isDerived(id) { return id }
        let id = SeriesID(UInt32.max - UInt32(derived.count))
        derived.append(Entry(labels: labels))
        index(id, labels)
        return id
    }

    public func isRegistered(_ id: SeriesID) -> Bool {
        Self.isDerived(id) ? Int(UInt32.max - id.rawValue) < derived.count
            : id.index < inputs.count && inputs[id.index].labels != nil
    }

    public func labels(of id: SeriesID) -> SeriesLabels {
        guard isRegistered(id), let labels = entry(id).labels else { preconditionFailure("SeriesStore: unknown series \(id)") }
        return labels
    }

    /// Every series with this metric name, in registration order.
    public func series(named metric: String) -> [SeriesID] { byMetric[metric] ?? [] }

    /// Every series: metric names sorted, registration order within one name.
    public func allSeries() -> [SeriesID] { byMetric.keys.sorted().flatMap { byMetric[$0]! } }

    /// Adds a sample to a registered series.
    public func append(_ id: SeriesID, time: Int64, value: Double) {
        precondition(isRegistered(id), "SeriesStore: append to unknown series \(id)")
        if Self.isDerived(id) {
            derived[Int(UInt32.max - id.rawValue)].buffer.append(time: time, value: value)
        } else {
            inputs[id.index].buffer.append(time: time, value: value)
        }
    }

    /// The newest sample of `id` at or before `time` and newer than `time - lookback`.
    public func latest(_ id: SeriesID, at time: Int64, lookback: Int64) -> (time: Int64, value: Double)? {
        guard isRegistered(id) else { return nil }
        // Read in place: copying the entry out would retain its arrays on every lookup.
        if Self.isDerived(id) { return derived[Int(UInt32.max - id.rawValue)].buffer.latest(at: time, lookback: lookback) }
        return inputs[id.index].buffer.latest(at: time, lookback: lookback)
    }

    /// The samples of `id` with `start < t <= end`, oldest first, staleness markers left out.
    public func samples(_ id: SeriesID, from start: Int64, through end: Int64) -> [(time: Int64, value: Double)] {
        guard isRegistered(id), start < end else { return [] }
        let buffer = entry(id).buffer
        return buffer.samples(in: start...end).compactMap { i in
            StaleMarker.isStale(buffer.value(at: i)) ? nil : (buffer.time(at: i), buffer.value(at: i))
        }
    }

    /// Drops samples older than `retention` before `now` from every series.
    public func evict(now: Int64) {
        let cutoff = now - retention
        for i in inputs.indices { inputs[i].buffer.evict(before: cutoff) }
        for i in derived.indices { derived[i].buffer.evict(before: cutoff) }
    }

    private static func isDerived(_ id: SeriesID) -> Bool { id.rawValue > UInt32.max / 2 }

    private func entry(_ id: SeriesID) -> Entry {
        Self.isDerived(id) ? derived[Int(UInt32.max - id.rawValue)] : inputs[id.index]
    }

    private func index(_ id: SeriesID, _ labels: SeriesLabels) {
        byMetric[labels.metric, default: []].append(id)
        byLabels[labels] = id
    }
}
