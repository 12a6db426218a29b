import SeismoCore
import SeismoDetect
import SeismoRules

/// The health classifier of one dependency (one key of a `health:` declaration), with the pairing of its inputs
/// and the publication of its outputs.
///
/// Inputs, all by event time:
/// - outcomes (non-zero success, 0 failure) and, when the declaration names a latency series, latencies: an
///   outcome and a latency of the same key and timestamp make one call, whichever arrives first. An outcome
///   waiting for its latency is recorded without one when the key's next outcome or a newer latency arrives, or at
///   a flush; a latency without an outcome of its timestamp is dropped when an outcome of a later timestamp
///   arrives (it cannot belong to one), and a latency older than the waiting outcome is dropped at once.
/// - request and error counters: their increases (per input series) are summed per timestamp (`CounterBatch`)
///   and fed to the classifier as one cumulative pair, so several series per key add up and a reset of one is
///   handled on its own.
struct HealthUnit {
    private struct Outputs {
        var state: SeriesID
        var badRatio: SeriesID
        var calls: SeriesID
        /// The group the three form in the store, in this order; nil when they are separate series.
        var group: SeriesStore.Group?
    }

    private var classifier: HealthClassifier
    private let pairsLatency: Bool
    /// Key labels (empty values left out later), the declaration's labels and `health`, for the outputs.
    private let key: [Label]
    private let declaredLabels: [String: String]
    private let name: String
    private var outputs: Outputs?
    private var waitingOutcome: (time: Int64, success: Bool)?
    private var waitingLatency: (time: Int64, latency: Double)?
    private var batch: CounterBatch?
    /// Sums of all committed counter increases: the cumulative counters the classifier differences.
    private var requests = 0.0
    private var errors = 0.0
    private var countersStarted = false
    private var schedule = PublicationSchedule()

    init(declaration: HealthDeclaration, key: UnitKey) {
        classifier = HealthClassifier(declaration.configuration)
        if case .outcomes(_, let latency) = declaration.input { pairsLatency = latency != nil } else { pairsLatency = false }
        self.key = key.labels
        declaredLabels = declaration.labels
        name = declaration.name
    }

    /// The dependency's current class.
    var health: HealthClass { classifier.health }

    // MARK: Inputs

    mutating func outcome(success: Bool, at time: Int64, store: SeriesStore) {
        if let waiting = waitingLatency {
            if waiting.time == time {
                waitingLatency = nil
                call(success: success, latency: waiting.latency, at: time, store: store)
                return
            }
            if waiting.time < time { waitingLatency = nil }
        }
        if let waiting = waitingOutcome {
            waitingOutcome = nil
            call(success: waiting.success, latency: nil, at: waiting.time, store: store)
        }
        if pairsLatency {
            waitingOutcome = (time, success)
        } else {
            call(success: success, latency: nil, at: time, store: store)
        }
    }

    mutating func latency(_ latency: Double, at time: Int64, store: SeriesStore) {
        if let waiting = waitingOutcome {
            if waiting.time == time {
                waitingOutcome = nil
                call(success: waiting.success, latency: latency, at: time, store: store)
                return
            }
            if waiting.time > time { return }
            waitingOutcome = nil
            call(success: waiting.success, latency: nil, at: waiting.time, store: store)
        }
        waitingLatency = (time, latency)
    }

    /// An increase of one of the key's counters (nil: the series' first sample, which only opens the batch).
    mutating func counter(_ increase: Double?, side: CounterBatch.Side, at time: Int64, store: SeriesStore) {
        if let open = batch, open.time != time { commit(store: store) }
        if batch == nil { batch = CounterBatch(time: time) }
        if let increase { batch?.add(increase, to: side) }
    }

    /// Completes what waits for a partner at or before `time`, publishes the held-back state, then moves a time
    /// window's clock to `time` (an idle dependency's calls expire) and publishes the state at `time`.
    mutating func flush(upTo time: Int64, store: SeriesStore) {
        if let waiting = waitingOutcome, waiting.time <= time {
            waitingOutcome = nil
            call(success: waiting.success, latency: nil, at: waiting.time, store: store)
        }
        if let open = batch, open.time <= time { commit(store: store) }
        guard let last = schedule.lastInput, last <= time else { return }
        if let pending = schedule.takePending() { publish(at: pending, store: store) }
        if time > last {
            _ = classifier.advance(to: time)
            publish(at: time, store: store)
        }
    }

    // MARK: Classification and publication

    private mutating func call(success: Bool, latency: Double?, at time: Int64, store: SeriesStore) {
        if let due = schedule.beforeInput(at: time) { publish(at: due, store: store) }
        let transition = classifier.observe(success: success, latency: latency, at: time)
        if schedule.afterInput(at: time, changed: transition != nil) { publish(at: time, store: store) }
    }

    private mutating func commit(store: SeriesStore) {
        guard let open = batch else { return }
        batch = nil
        if let due = schedule.beforeInput(at: open.time) { publish(at: due, store: store) }
        if !countersStarted {
            // The classifier's first counter sample only sets its baseline: start it at 0, so the increases
            // summed here (each series' own first sample already excluded) all count.
            countersStarted = true
            _ = classifier.observeCounters(requests: 0, errors: 0, at: open.time)
        }
        requests += open.total
        errors += open.part
        let transition = classifier.observeCounters(requests: requests, errors: errors, at: open.time)
        if schedule.afterInput(at: open.time, changed: transition != nil) { publish(at: open.time, store: store) }
    }

    private mutating func publish(at time: Int64, store: SeriesStore) {
        let ids = outputs ?? resolveOutputs(store)
        let counts = classifier.counts
        var row = (Double(classifier.health.severity), counts.badRate, Double(counts.calls))
        if let group = ids.group {
            // One row for the three: one store access instead of three.
            withUnsafeBytes(of: &row) { store.append(group, time: time, values: $0.assumingMemoryBound(to: Double.self)) }
        } else {
            store.append(ids.state, time: time, value: row.0)
            store.append(ids.badRatio, time: time, value: row.1)
            store.append(ids.calls, time: time, value: row.2)
        }
    }

    private mutating func resolveOutputs(_ store: SeriesStore) -> Outputs {
        let identity = [Label(name: ExtensionSeries.healthLabel, value: name)]
        let labels = [ExtensionSeries.healthState, ExtensionSeries.healthBadRatio, ExtensionSeries.healthCalls].map {
            SeriesLabels(derived: $0, from: key, declared: declaredLabels, identity: identity)
        }
        let grouped = store.derivedGroup(labels)
        let columns = grouped?.ids ?? labels.map(store.derivedSeries)
        let ids = Outputs(state: columns[0], badRatio: columns[1], calls: columns[2], group: grouped?.group)
        outputs = ids
        return ids
    }
}
