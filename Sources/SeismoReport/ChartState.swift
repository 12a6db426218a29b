import SeismoCore
import SeismoRules

/// The series one chart follows during a run, and their downsampled values so far.
///
/// Every series its sources match is a candidate (an id or three, in discovery order); at most
/// `maxLinesPerChart` are traced. A candidate related to an alert that starts firing is traced at once, in place
/// of one that never fired, with its past read back from the store (its retention, an hour or more), so the
/// chart shows the run-up to the firing. Free places go to the first candidates seen.
struct ChartState {
    /// A series the chart could show.
    struct Candidate {
        /// The charted series: the selected one, or a detector's input.
        var primary: SeriesID
        /// A detector's baseline and stddev outputs for `primary`, and its k.
        var baseline: SeriesID?
        var stddev: SeriesID?
        var sensitivity: Double?
        /// The labels an alert on this series carries (before the rule's own labels).
        var alertLabels: SeriesLabels
        /// What the legend says.
        var display: SeriesLabels
    }

    /// A candidate being charted.
    struct Trace {
        var candidate: Int
        var fired: Bool
        /// Samples up to this time (ns) have been taken.
        var sampledThrough: Int64
        var line: Downsampler
        var band: Downsampler?
    }

    let subject: ChartPlan.Subject
    private var examined: [Int]
    private var candidates: [Candidate] = []
    private var known: Set<SeriesID> = []
    private var traces: [Trace] = []
    private var traced: Set<Int> = []
    /// Candidates before this index have been offered a free place.
    private var fillCursor = 0

    init(subject: ChartPlan.Subject) {
        self.subject = subject
        examined = Array(repeating: 0, count: subject.sources.count)
    }

    /// Matching series left off the chart.
    var omitted: Int { candidates.count - traces.count }

    /// The traced series as chart lines, those related to a firing first.
    func lines() -> [ChartLine] {
        let ordered = traces.filter(\.fired) + traces.filter { !$0.fired }
        return ordered.map { t in
            let c = candidates[t.candidate]
            return ChartLine(
                labels: c.display, points: t.line.linePoints, band: t.band?.bandPoints ?? [],
                sensitivity: t.band == nil ? nil : c.sensitivity
            )
        }
    }

    /// After the tick at `time`: finds new candidates, traces those related to `fired` alerts (label lists of
    /// alerts of this chart that started firing) and samples every traced series up to `time`.
    mutating func advance(
        to time: Int64, firstTick: Int64, fired: [[Label]], store: SeriesStore, lookup: inout SeriesLookup,
        plan: ChartPlan, settings: ReportSettings
    ) {
        discover(store: store, lookup: &lookup, plan: plan)
        let backfillFrom = max(firstTick - 1, time - store.retention)
        for labels in fired { adoptRelated(to: labels, from: backfillFrom, settings: settings) }
        while traces.count < settings.maxLinesPerChart, fillCursor < candidates.count {
            if !traced.contains(fillCursor) { adopt(fillCursor, fired: false, from: backfillFrom, settings: settings) }
            fillCursor += 1
        }
        for i in traces.indices { sample(&traces[i], through: time, store: store) }
    }

    private mutating func discover(store: SeriesStore, lookup: inout SeriesLookup, plan: ChartPlan) {
        for (s, source) in subject.sources.enumerated() {
            switch source {
            case .series(let selector):
                guard let metric = Self.metricName(selector) else { continue }
                let ids = store.series(named: metric)
                guard examined[s] < ids.count else { continue }
                for id in ids[examined[s]...] where !known.contains(id) {
                    let labels = store.labels(of: id)
                    guard selector.matches(labels) else { continue }
                    known.insert(id)
                    candidates.append(Candidate(primary: id, alertLabels: labels, display: labels))
                }
                examined[s] = ids.count
            case .detector(let selector):
                guard let metric = Self.metricName(selector) else { continue }
                let ids = store.series(named: ExtensionSeries.anomalyBaseline)
                guard examined[s] < ids.count else { continue }
                for id in ids[examined[s]...] {
                    let baseline = store.labels(of: id)
                    let asSelected = SeriesLabels(metric: metric, labels: baseline.labels)
                    guard selector.matches(asSelected) else { continue }
                    if let c = Self.detectorCandidate(baseline: id, labels: baseline, store: store, lookup: &lookup, plan: plan),
                        !known.contains(c.primary)
                    {
                        known.insert(c.primary)
                        candidates.append(c)
                    }
                }
                examined[s] = ids.count
            }
        }
    }

    /// The detector's input series (found by undoing the output's labels), its stddev series and its k.
    private static func detectorCandidate(
        baseline id: SeriesID, labels: SeriesLabels, store: SeriesStore, lookup: inout SeriesLookup, plan: ChartPlan
    ) -> Candidate? {
        guard let detector = labels[ExtensionSeries.detectorLabel], let declared = plan.detectors[detector] else { return nil }
        let stddev = lookup.id(of: SeriesLabels(metric: ExtensionSeries.anomalyStddev, labels: labels.labels), in: store)
        let alertLabels = SeriesLabels(metric: ExtensionSeries.anomaly, labels: labels.labels)
        var input: (SeriesID, SeriesLabels)?
        if let metric = labels[ExtensionSeries.metricLabel] {
            let own = labels.labels.filter { $0.name != ExtensionSeries.detectorLabel && $0.name != ExtensionSeries.metricLabel }
            // The declaration's labels override the input's: without them first, then as they are.
            for attempt in [own.filter { declared.labels[$0.name] == nil }, own] {
                let candidate = SeriesLabels(metric: metric, labels: attempt)
                if let found = lookup.id(of: candidate, in: store) {
                    input = (found, candidate)
                    break
                }
            }
        }
        guard let (primary, display) = input else {
            // Input not found (relabelled beyond recognition): chart the baseline itself, without a band.
            return Candidate(primary: id, alertLabels: alertLabels, display: labels)
        }
        return Candidate(
            primary: primary, baseline: id, stddev: stddev, sensitivity: declared.sensitivity,
            alertLabels: alertLabels, display: display
        )
    }

    private mutating func adoptRelated(to alertLabels: [Label], from start: Int64, settings: ReportSettings) {
        var values: [String: String] = [:]
        for label in alertLabels { values[label.name] = label.value }
        for (i, c) in candidates.enumerated() {
            let related = c.alertLabels.labels.allSatisfy { label in
                subject.overriddenLabels.contains(label.name) || values[label.name].map { $0 == label.value } ?? true
            }
            guard related else { continue }
            if traced.contains(i) {
                if let t = traces.firstIndex(where: { $0.candidate == i }) { traces[t].fired = true }
                continue
            }
            if traces.count >= settings.maxLinesPerChart {
                guard let spare = traces.firstIndex(where: { !$0.fired }) else { return }
                traced.remove(traces[spare].candidate)
                traces.remove(at: spare)
            }
            adopt(i, fired: true, from: start, settings: settings)
        }
    }

    private mutating func adopt(_ candidate: Int, fired: Bool, from start: Int64, settings: ReportSettings) {
        traced.insert(candidate)
        let c = candidates[candidate]
        traces.append(Trace(
            candidate: candidate, fired: fired, sampledThrough: start,
            line: Downsampler(capacity: settings.bucketsPerLine),
            band: c.baseline != nil && c.stddev != nil ? Downsampler(capacity: settings.bucketsPerLine) : nil
        ))
    }

    private func sample(_ trace: inout Trace, through time: Int64, store: SeriesStore) {
        let c = candidates[trace.candidate]
        for s in store.samples(c.primary, from: trace.sampledThrough, through: time) {
            trace.line.append(time: s.time, low: s.value, high: s.value)
        }
        if trace.band != nil, let baseline = c.baseline, let stddev = c.stddev, let k = c.sensitivity {
            let levels = store.samples(baseline, from: trace.sampledThrough, through: time)
            let spreads = store.samples(stddev, from: trace.sampledThrough, through: time)
            // Both are published at every input sample, at its time: pair them by time.
            var j = 0
            for level in levels {
                while j < spreads.count, spreads[j].time < level.time { j += 1 }
                guard j < spreads.count, spreads[j].time == level.time else { continue }
                let width = k * spreads[j].value
                trace.band!.append(time: level.time, low: level.value - width, high: level.value + width)
            }
        }
        trace.sampledThrough = time
    }

    private static func metricName(_ selector: VectorSelector) -> String? {
        selector.metricName ?? selector.matchers.first { $0.name == "__name__" && $0.op == .equal }?.value
    }
}
