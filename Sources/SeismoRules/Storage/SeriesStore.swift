import SeismoCore

/// The recent past of every series, as the rule evaluator reads it: label sets, an index from metric name to
/// series, and each series' samples back to `retention` before the newest event time.
///
/// Input series and derived series (recording rules, detector outputs) live side by side, so rules select both
/// the same way. Input series keep their dense ingest ids; derived series get ids counting down from
/// `UInt32.max`, and the columns of derived groups (`derivedGroup(_:)`) ids counting up from 2^31, so the three
/// never meet. Series are never removed (eviction drops samples, not series), which is
/// what lets `selection(_:metric:compute:)` cache selector results. Owned by the evaluation thread; not
/// thread-safe.
public final class SeriesStore {
    /// How far back samples are kept, in ns: the longest range or lookback any rule needs.
    public var retention: Int64
    // The arrays every append and read goes through, several times per sample: without a dynamic exclusivity
    // check (a runtime call per access, ~5% of a run with rules). Safe because the store is used from one thread
    // and no method hands out an access to them that could overlap another (closures given to `withBuffer` and
    // `withSamples` never reach back into the store).
    @exclusivity(unchecked) private var inputLabels: [SeriesLabels?] = []
    @exclusivity(unchecked) private var inputBuffers: [SeriesBuffer] = []
    @exclusivity(unchecked) private var derivedLabels: [SeriesLabels] = []
    @exclusivity(unchecked) private var derivedBuffers: [SeriesBuffer] = []
    @exclusivity(unchecked) private var groupBuffers: [SeriesGroupBuffer] = []
    /// Per group, the labels of its columns, in column order.
    private var groupLabels: [[SeriesLabels]] = []
    // Read by every selector at every rule tick (`selection(_:metric:compute:)`), unchecked for the same reason.
    @exclusivity(unchecked) private var byMetric: [String: [SeriesID]] = [:]
    @exclusivity(unchecked) private var byLabels: [SeriesLabels: SeriesID] = [:]
    @exclusivity(unchecked) private var selections: [[LabelMatcher]: CachedSelection] = [:]

    /// The series a selector picked, in the order the evaluator wants them, with the label sets they had.
    public final class Selection {
        public let ids: [SeriesID]
        public let labels: [SeriesLabels]

        public init(ids: [SeriesID], labels: [SeriesLabels]) {
            precondition(ids.count == labels.count, "SeriesStore.Selection: \(ids.count) ids for \(labels.count) label sets")
            self.ids = ids
            self.labels = labels
        }
    }

    private struct CachedSelection {
        /// How many series the candidates came from (all series, or those of one name) when it was computed:
        /// series are only ever added, so an equal count means an unchanged candidate list.
        var candidates: Int
        var selection: Selection
    }

    public init(retention: Int64) {
        self.retention = retention
    }

    deinit {
        for i in inputBuffers.indices { inputBuffers[i].deallocate() }
        for i in derivedBuffers.indices { derivedBuffers[i].deallocate() }
        for i in groupBuffers.indices { groupBuffers[i].deallocate() }
    }

    /// Counts series additions: unchanged means no series joined since it was read, so selections made then
    /// still hold.
    @exclusivity(unchecked) public private(set) var generation = 0

    /// Number of series known, input and derived.
    public var seriesCount: Int { byLabels.count }

    /// Registers an input series under its ingest id. Registering an id again is a no-op.
    public func register(_ id: SeriesID, labels: SeriesLabels) {
        precondition(!Self.isDerived(id), "SeriesStore: \(id) is in the derived range")
        if id.index >= inputLabels.count {
            let missing = id.index - inputLabels.count + 1
            inputLabels.append(contentsOf: repeatElement(nil, count: missing))
            inputBuffers.append(contentsOf: repeatElement(SeriesBuffer(), count: missing))
        }
        guard inputLabels[id.index] == nil else { return }
        inputLabels[id.index] = labels
        index(id, labels)
    }

    /// The id of a derived series (a recording rule's or a detector's output), created on first use.
    public func derivedSeries(_ labels: SeriesLabels) -> SeriesID {
        if let id = byLabels[labels], Self.isDerived(id) { return id }
        let id = SeriesID(UInt32.max - UInt32(derivedLabels.count))
        derivedLabels.append(labels)
        derivedBuffers.append(SeriesBuffer())
        index(id, labels)
        return id
    }

    /// A group of derived series always written together, one row per time (`append(_:time:values:)`), as a
    /// detector writes its five outputs: a row costs one store access instead of one per series. Rules see each
    /// column as a series of its own, with the values rows gave it.
    public struct Group: Hashable, Sendable {
        let index: Int
    }

    /// The value of a column a group row does not write (`append(_:time:values:)`).
    public static let absent = SeriesGroupBuffer.absent

    /// Most columns a group of derived series may have (`derivedGroup(_:)`).
    public static let maximumGroupWidth = 16

    /// The group of derived series with these labels, one column each in this order, and the columns' ids;
    /// created on first use. Nil when some of the labels already name a series that is not that group's column
    /// (the caller then writes the series one by one, through `derivedSeries(_:)`).
    public func derivedGroup(_ labels: [SeriesLabels]) -> (group: Group, ids: [SeriesID])? {
        precondition(!labels.isEmpty && labels.count <= Self.groupColumns, "SeriesStore: a group has 1 to \(Self.groupColumns) columns")
        if let first = byLabels[labels[0]] {
            guard Self.isGroupColumn(first), Self.groupColumn(first).column == 0 else { return nil }
            let g = Self.groupColumn(first).group
            guard groupLabels[g] == labels else { return nil }
            return (Group(index: g), labels.indices.map { Self.groupColumnID(group: g, column: $0) })
        }
        guard labels.allSatisfy({ byLabels[$0] == nil }), Set(labels).count == labels.count else { return nil }
        let g = groupBuffers.count
        precondition(g < Self.maxGroups, "SeriesStore: more than \(Self.maxGroups) derived groups")
        groupBuffers.append(SeriesGroupBuffer(width: labels.count))
        groupLabels.append(labels)
        let ids = labels.indices.map { Self.groupColumnID(group: g, column: $0) }
        for (id, l) in zip(ids, labels) { index(id, l) }
        return (Group(index: g), ids)
    }

    /// Adds a row to a group: `values[c]` for column c, or `SeriesStore.absent` to leave that column out at
    /// `time` (it keeps its earlier value as its newest).
    ///
    /// - Complexity: amortized O(columns) for a row newer than the group's newest.
    public func append(_ group: Group, time: Int64, values: UnsafeBufferPointer<Double>) {
        groupBuffers[group.index].append(time: time, values: values)
    }

    public func isRegistered(_ id: SeriesID) -> Bool {
        if Self.isGroupColumn(id) {
            let (g, c) = Self.groupColumn(id)
            return g < groupLabels.count && c < groupLabels[g].count
        }
        return Self.isDerived(id) ? Self.derivedIndex(id) < derivedLabels.count
            : id.index < inputLabels.count && inputLabels[id.index] != nil
    }

    public func labels(of id: SeriesID) -> SeriesLabels {
        if Self.isGroupColumn(id) {
            guard isRegistered(id) else { preconditionFailure("SeriesStore: unknown series \(id)") }
            let (g, c) = Self.groupColumn(id)
            return groupLabels[g][c]
        }
        if Self.isDerived(id) {
            let i = Self.derivedIndex(id)
            guard i < derivedLabels.count else { preconditionFailure("SeriesStore: unknown series \(id)") }
            return derivedLabels[i]
        }
        guard id.index < inputLabels.count, let labels = inputLabels[id.index] else {
            preconditionFailure("SeriesStore: unknown series \(id)")
        }
        return labels
    }

    /// Every series with this metric name, in registration order.
    public func series(named metric: String) -> [SeriesID] { byMetric[metric] ?? [] }

    /// Every series: metric names sorted, registration order within one name.
    public func allSeries() -> [SeriesID] { byMetric.keys.sorted().flatMap { byMetric[$0]! } }

    /// The result of the selector `matchers`, computed by `compute` from its candidates (the series named
    /// `metric`, or every series when nil) and kept until a series joins those candidates.
    ///
    /// - Complexity: O(matchers) when cached; otherwise `compute`'s work.
    public func selection(
        _ matchers: [LabelMatcher], metric: String?, compute: (_ candidates: [SeriesID]) -> Selection
    ) -> Selection {
        let candidateCount = metric.map { byMetric[$0]?.count ?? 0 } ?? seriesCount
        if let cached = selections[matchers], cached.candidates == candidateCount { return cached.selection }
        let selection = compute(metric.map(series(named:)) ?? allSeries())
        selections[matchers] = CachedSelection(candidates: candidateCount, selection: selection)
        return selection
    }

    /// Adds a sample to a registered series.
    ///
    /// - Complexity: amortized O(1) for a sample newer than the series' newest.
    public func append(_ id: SeriesID, time: Int64, value: Double) {
        if Self.isGroupColumn(id) {
            appendToGroupColumn(id, time: time, value: value)
        } else if Self.isDerived(id) {
            let i = Self.derivedIndex(id)
            precondition(i < derivedBuffers.count, "SeriesStore: append to unknown series \(id)")
            derivedBuffers[i].append(time: time, value: value)
        } else {
            precondition(id.index < inputLabels.count && inputLabels[id.index] != nil, "SeriesStore: append to unknown series \(id)")
            inputBuffers[id.index].append(time: time, value: value)
        }
    }

    /// `append` for one column of a group: a row with only that column present. Out of line, so the input
    /// series' path (one per accepted sample) does not set up the row's stack buffer.
    @inline(never)
    private func appendToGroupColumn(_ id: SeriesID, time: Int64, value: Double) {
        precondition(isRegistered(id), "SeriesStore: append to unknown series \(id)")
        let (g, c) = Self.groupColumn(id)
        let stored = value.bitPattern == SeriesGroupBuffer.absentBits ? Double.nan : value
        withUnsafeTemporaryAllocation(of: Double.self, capacity: groupBuffers[g].width) { row in
            row.initialize(repeating: Self.absent)
            row[c] = stored
            groupBuffers[g].append(time: time, values: UnsafeBufferPointer(row))
        }
    }

    /// The newest sample of `id` at or before `time` and newer than `time - lookback`.
    public func latest(_ id: SeriesID, at time: Int64, lookback: Int64) -> (time: Int64, value: Double)? {
        if Self.isGroupColumn(id) {
            guard isRegistered(id) else { return nil }
            let (g, c) = Self.groupColumn(id)
            return groupBuffers[g].latest(c, at: time, lookback: lookback)
        }
        if Self.isDerived(id) {
            let i = Self.derivedIndex(id)
            return i < derivedBuffers.count ? derivedBuffers[i].latest(at: time, lookback: lookback) : nil
        }
        return id.index < inputBuffers.count ? inputBuffers[id.index].latest(at: time, lookback: lookback) : nil
    }

    /// The samples of `id` with `start < t <= end`, oldest first, staleness markers left out.
    public func samples(_ id: SeriesID, from start: Int64, through end: Int64) -> [(time: Int64, value: Double)] {
        var points: [RangeSeries.Point] = []
        appendPoints(of: id, from: start, through: end, to: &points)
        return points.map { ($0.time, $0.value) }
    }

    /// Appends the samples of `id` with `start < t <= end` to `points`, oldest first, staleness markers left out;
    /// returns how many it appended. Reuse one array across series to allocate once.
    @discardableResult
    public func appendPoints(
        of id: SeriesID, from start: Int64, through end: Int64, to points: inout [RangeSeries.Point]
    ) -> Int {
        guard isRegistered(id), start < end else { return 0 }
        let before = points.count
        if Self.isGroupColumn(id) {
            let (g, c) = Self.groupColumn(id)
            groupBuffers[g].appendPoints(c, from: start, through: end, to: &points)
            return points.count - before
        }
        withBuffer(id) { buffer in
            buffer.withSamples(in: start...end) { samples in
                if buffer.mayHoldStaleMarkers {
                    for point in samples where !StaleMarker.isStale(point.value) { points.append(point) }
                } else {
                    points.append(contentsOf: samples)
                }
            }
        }
        return points.count - before
    }

    /// Hands `body` the samples of `id` with `start < t <= end`, oldest first, staleness markers left out: in
    /// place when the series' own buffer holds them so, otherwise copied into `scratch` first (group columns, or
    /// a buffer that may hold markers). Reuse one scratch array across series to allocate once.
    public func withPoints<R>(
        of id: SeriesID, from start: Int64, through end: Int64, scratch: inout [RangeSeries.Point],
        _ body: (UnsafeBufferPointer<RangeSeries.Point>) -> R
    ) -> R {
        if isRegistered(id), start < end, !Self.isGroupColumn(id) {
            let direct: R?? = withBuffer(id) { buffer in
                buffer.mayHoldStaleMarkers ? R??.none : buffer.withSamples(in: start...end) { .some(body($0)) }
            }
            if let direct { return direct! }
        }
        scratch.removeAll(keepingCapacity: true)
        appendPoints(of: id, from: start, through: end, to: &scratch)
        return scratch.withUnsafeBufferPointer(body)
    }

    /// Drops samples older than `retention` before `now` from every series.
    public func evict(now: Int64) {
        let cutoff = now - retention
        for i in inputBuffers.indices { inputBuffers[i].evict(before: cutoff) }
        for i in derivedBuffers.indices { derivedBuffers[i].evict(before: cutoff) }
        for i in groupBuffers.indices { groupBuffers[i].evict(before: cutoff) }
    }

    private static func isDerived(_ id: SeriesID) -> Bool { id.rawValue > UInt32.max / 2 }

    // Group columns: ids 2^31 + group · groupColumns + column, below 2^31 + 2^30; plain derived ids count down
    // from UInt32.max and stay above that while fewer than 2^30 exist.
    private static let groupColumns = maximumGroupWidth
    private static let groupBase: UInt32 = 1 << 31
    private static let maxGroups = (1 << 30) / groupColumns

    private static func isGroupColumn(_ id: SeriesID) -> Bool {
        id.rawValue >= groupBase && id.rawValue < groupBase + (1 << 30)
    }

    private static func groupColumn(_ id: SeriesID) -> (group: Int, column: Int) {
        let offset = Int(id.rawValue - groupBase)
        return (offset / groupColumns, offset % groupColumns)
    }

    private static func groupColumnID(group: Int, column: Int) -> SeriesID {
        SeriesID(groupBase + UInt32(group * groupColumns + column))
    }

    private static func derivedIndex(_ id: SeriesID) -> Int { Int(UInt32.max - id.rawValue) }

    /// Reads a registered series' buffer in place (copying it out would be harmless, as it owns no Swift
    /// references, but reading through the array keeps one path).
    private func withBuffer<R>(_ id: SeriesID, _ body: (SeriesBuffer) -> R) -> R {
        precondition(!Self.isGroupColumn(id), "SeriesStore: group columns have no buffer of their own")
        return Self.isDerived(id) ? body(derivedBuffers[Self.derivedIndex(id)]) : body(inputBuffers[id.index])
    }

    private func index(_ id: SeriesID, _ labels: SeriesLabels) {
        generation += 1
        byMetric[labels.metric, default: []].append(id)
        byLabels[labels] = id
    }
}
