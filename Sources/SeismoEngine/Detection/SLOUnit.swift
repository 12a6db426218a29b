import SeismoCore
import SeismoDetect
import SeismoRules

/// The SLO tracker of one key (one value set of the `by` labels) of an `slos:` declaration, with the pairing of
/// its counters and the publication of its outputs.
///
/// Events come as one sample each (`success:`, `latency:`) or as counters (`good`/`bad` and `total`), whose
/// increases (per input series) are summed per timestamp (`CounterBatch`) and recorded as one step, so a key's
/// good and total counters of one scrape are paired whichever arrives first.
struct SLOUnit {
    private struct Outputs {
        /// The series, in the order `fill` writes its row: one burn rate per `SLODeclaration.burnRateWindows`,
        /// one burn condition per condition of the configuration, then budget remaining, compliance and objective.
        var columns: [SeriesID]
        /// The group they form in the store, in that order; nil when they are separate series.
        var group: SeriesStore.Group?
    }

    /// How the `.part` side of a counter batch counts.
    private enum CounterKind {
        case good
        case bad
    }

    private var tracker: SLOTracker
    private let declaration: SLODeclaration
    private let counterKind: CounterKind
    private let key: [Label]
    /// `declaration.burnRateWindows`, resolved once to where the tracker keeps their counts.
    private let windows: [SLOTracker.WindowReference]
    private var outputs: Outputs?
    private var batch: CounterBatch?
    /// Cumulative synthetic counters of all committed increases, which the tracker differences.
    private var total = 0.0
    private var bad = 0.0
    /// Good events counted before the totals that hold them (the good counter scraped ahead of the total).
    private var goodAhead = 0.0
    private var countersStarted = false
    private var schedule = PublicationSchedule()

    init(declaration: SLODeclaration, key: UnitKey) {
        tracker = SLOTracker(declaration.configuration)
        self.declaration = declaration
        if case .goodTotal = declaration.indicator { counterKind = .good } else { counterKind = .bad }
        self.key = key.labels
        windows = declaration.burnRateWindows.map(tracker.reference(to:))
    }

    // MARK: Inputs

    /// One event: non-zero good, 0 bad.
    mutating func outcome(success: Bool, at time: Int64, store: SeriesStore) {
        apply(at: time, store: store) { $0.observe(success: success, at: time) }
    }

    /// One request of a latency SLO: good when at most the threshold.
    mutating func latency(_ latency: Double, at time: Int64, store: SeriesStore) {
        apply(at: time, store: store) { $0.observe(latency: latency, at: time) }
    }

    /// An increase of one of the key's counters (nil: the series' first sample, which only opens the batch).
    mutating func counter(_ increase: Double?, side: CounterBatch.Side, at time: Int64, store: SeriesStore) {
        if let open = batch, open.time != time { commit(store: store) }
        if batch == nil { batch = CounterBatch(time: time) }
        if let increase { batch?.add(increase, to: side) }
    }

    /// Commits a counter batch at or before `time`, publishes the held-back state, then moves the tracker's clock
    /// to `time` (windows expire while traffic is idle) and publishes the state at `time`.
    mutating func flush(upTo time: Int64, store: SeriesStore) {
        if let open = batch, open.time <= time { commit(store: store) }
        guard let last = schedule.lastInput, last <= time else { return }
        if let pending = schedule.takePending() { publish(at: pending, store: store) }
        if time > last {
            _ = tracker.advance(to: time)
            publish(at: time, store: store)
        }
    }

    // MARK: Tracking and publication

    private mutating func apply(at time: Int64, store: SeriesStore, _ input: (inout SLOTracker) -> [SLOEvent]) {
        if let due = schedule.beforeInput(at: time) { publish(at: due, store: store) }
        let events = input(&tracker)
        if schedule.afterInput(at: time, changed: !events.isEmpty) { publish(at: time, store: store) }
    }

    private mutating func commit(store: SeriesStore) {
        guard let open = batch else { return }
        batch = nil
        let badIncrease: Double
        switch counterKind {
        case .bad:
            badIncrease = open.part
        case .good:
            let good = open.part + goodAhead
            badIncrease = max(0, open.total - good)
            goodAhead = max(0, good - open.total)
        }
        total += open.total
        bad += badIncrease
        let started = countersStarted
        countersStarted = true
        apply(at: open.time, store: store) { [total, bad] tracker in
            // The tracker's first counter sample only sets its baseline: start it at 0 so every increase counts.
            if !started { _ = tracker.observeCounters(requests: 0, errors: 0, at: open.time) }
            return tracker.observeCounters(requests: total, errors: bad, at: open.time)
        }
    }

    private mutating func publish(at time: Int64, store: SeriesStore) {
        if outputs == nil { resolveOutputs(store) }
        // Only the group and the width are read here: copying `Outputs` retained its array at every publication.
        let width = outputs.unsafelyUnwrapped.columns.count
        let group = outputs.unsafelyUnwrapped.group
        // A stack row and a static fill that only reads the tracker: filling a stored array from a mutating
        // method copied the tracker (three memcpy calls) and checked the array's uniqueness at every value.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { row in
            Self.fill(row, from: tracker, windows: windows, objective: declaration.configuration.objective)
            if let group {
                // One row for the whole group: one store access instead of one per output series.
                store.append(group, time: time, values: UnsafeBufferPointer(row))
            } else {
                for (id, value) in zip(outputs.unsafelyUnwrapped.columns, row)
                where value.bitPattern != SeriesStore.absent.bitPattern {
                    store.append(id, time: time, value: value)
                }
            }
        }
    }

    /// The published values in column order (`Outputs.columns`): burn rates, burn conditions, budget remaining,
    /// compliance (absent before any event) and the objective.
    private static func fill(
        _ row: UnsafeMutableBufferPointer<Double>, from tracker: borrowing SLOTracker,
        windows: [SLOTracker.WindowReference], objective: Double
    ) {
        precondition(
            windows.count + tracker.firing.count + 3 == row.count,
            "SLOUnit: \(windows.count + tracker.firing.count + 3) values for \(row.count) output columns")
        var c = 0
        for window in windows {
            row[c] = tracker.burnRate(window)
            c += 1
        }
        for firing in tracker.firing {
            row[c] = firing ? 1 : 0
            c += 1
        }
        row[c] = tracker.budgetRemaining
        row[c + 1] = tracker.compliance ?? SeriesStore.absent
        row[c + 2] = objective
    }

    /// Registers the output series in `store` and keeps their ids in `outputs`.
    private mutating func resolveOutputs(_ store: SeriesStore) {
        func labels(_ metric: String, _ extra: [Label] = []) -> SeriesLabels {
            let identity = [Label(name: ExtensionSeries.sloLabel, value: declaration.name)] + extra
            return SeriesLabels(derived: metric, from: key, declared: declaration.labels, identity: identity)
        }
        let burnRates = declaration.burnRateWindows.map {
            labels(ExtensionSeries.sloBurnRate, [Label(name: ExtensionSeries.windowLabel, value: PromDuration.format(nanoseconds: $0))])
        }
        let conditions = declaration.configuration.conditions.map {
            labels(ExtensionSeries.sloBurnCondition, [
                Label(name: ExtensionSeries.severityLabel, value: $0.severity.rawValue),
                Label(name: ExtensionSeries.longWindowLabel, value: PromDuration.format(nanoseconds: $0.longWindow)),
                Label(name: ExtensionSeries.shortWindowLabel, value: PromDuration.format(nanoseconds: $0.shortWindow)),
            ])
        }
        let all = burnRates + conditions + [
            labels(ExtensionSeries.sloBudgetRemaining), labels(ExtensionSeries.sloCompliance),
            labels(ExtensionSeries.sloObjective),
        ]
        let grouped = all.count <= SeriesStore.maximumGroupWidth ? store.derivedGroup(all) : nil
        outputs = Outputs(columns: grouped?.ids ?? all.map(store.derivedSeries), group: grouped?.group)
    }
}
