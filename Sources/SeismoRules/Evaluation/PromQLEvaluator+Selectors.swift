import SeismoCore

/// Selecting series and their samples: instant selectors, range selectors and subqueries.
extension PromQLEvaluator {
    /// The most steps one subquery evaluation may take (`x[1y:1ms]` would take 31 million). Prometheus bounds this
    /// only through its limit on samples in memory; a rule engine evaluating continuously needs a firmer bound.
    public static let maximumSubquerySteps: Int64 = 1_000_000

    /// The series of a range argument and the window they were taken from, which `rate` and its kin
    /// extrapolate to.
    struct RangeSelection {
        var series: [RangeSeries]
        /// The window `(start, end]` (closed on the left under `.prometheus2`), in ns.
        var start: Int64
        var end: Int64
    }

    /// The value Prometheus writes to mark a series stale (a NaN with a particular payload). Seismo's inputs
    /// never carry it, but a store filled from a promtool test's `stale` does; such a sample ends the series
    /// until its next real sample, and range selectors leave it out.
    public static let staleMarker = Double(bitPattern: 0x7ff0_0000_0000_0002)

    static func isStaleMarker(_ value: Double) -> Bool { value.bitPattern == staleMarker.bitPattern }

    /// The time a selector reads at: the `@` time or the evaluation time, minus the offset.
    func referenceTime(at modifier: AtModifier?, offset: Int64?, evaluationTime: Int64, _ context: Context) -> Int64 {
        Self.referenceTime(at: modifier, offset: offset, evaluationTime: evaluationTime, queryTime: context.queryTime)
    }

    /// `referenceTime` with the query's time at hand (what `@ start()` and `@ end()` mean).
    static func referenceTime(at modifier: AtModifier?, offset: Int64?, evaluationTime: Int64, queryTime: Int64) -> Int64 {
        let base: Int64
        switch modifier {
        case .timestamp(let time): base = time
        case .start, .end: base = queryTime
        case nil: base = evaluationTime
        }
        return base - (offset ?? 0)
    }

    /// Every series the selector's matchers accept, in Prometheus's label-set order.
    ///
    /// Cached in the store per selector until a series joins its candidates, so in a steady stream a selector
    /// costs a dictionary lookup, not a label match and a sort per series.
    func matchingSeries(_ selector: VectorSelector, _ context: Context) -> SeriesStore.Selection {
        let store = context.store
        guard let cache = context.cache else { return matchingSeries(selector, store) }
        let entry = cache.next()
        if case .selection(let known) = cache.entries[entry], known.generation == store.generation,
           known.matchers == selector.matchers, known.metricName == selector.metricName {
            return known.selection
        }
        let selection = matchingSeries(selector, store)
        cache.entries[entry] = .selection(PromQLEvaluationCache.SelectionEntry(
            metricName: selector.metricName, matchers: selector.matchers, generation: store.generation,
            selection: selection))
        return selection
    }

    func matchingSeries(_ selector: VectorSelector, _ store: SeriesStore) -> SeriesStore.Selection {
        let matchers = selector.allMatchers
        let name = matchers.first(where: { $0.name == SeriesLabels.metricNameLabel && $0.op == .equal })?.value
        return store.selection(matchers, metric: name) { candidates in
            var ids: [SeriesID] = []
            var labels: [SeriesLabels] = []
            for id in candidates {
                let seriesLabels = store.labels(of: id)
                if matchers.allSatisfy({ $0.matches(seriesLabels.value(of: $0.name)) }) {
                    ids.append(id)
                    labels.append(seriesLabels)
                }
            }
            guard let order = LabelSetSortKeys(labels).ordering() else {
                return SeriesStore.Selection(ids: ids, labels: labels)
            }
            return SeriesStore.Selection(ids: order.map { ids[$0] }, labels: order.map { labels[$0] })
        }
    }

    /// An instant selector: each series' newest sample in the lookback window before the reference time.
    ///
    /// Samples carry the evaluation time, or with `sampleTimes` their own time (for `timestamp()`).
    func instantVector(
        _ selector: VectorSelector, at time: Int64, _ context: Context, sampleTimes: Bool = false
    ) -> [VectorSample] {
        let reference = referenceTime(at: selector.at, offset: selector.offset, evaluationTime: time, context)
        // SeriesStore's window is open on the left; one more nanosecond closes it.
        let lookback = semantics == .prometheus2 ? lookbackDelta + 1 : lookbackDelta
        let selection = matchingSeries(selector, context)
        var out: [VectorSample] = []
        out.reserveCapacity(selection.ids.count)
        for (i, id) in selection.ids.enumerated() {
            guard let latest = context.store.latest(id, at: reference, lookback: lookback),
                  !Self.isStaleMarker(latest.value) else { continue }
            out.append(VectorSample(labels: selection.labels[i], value: latest.value, time: sampleTimes ? latest.time : time))
        }
        return out
    }

    /// A range selector: each series' samples in the window ending at the reference time; series without
    /// samples there are left out.
    func rangeVector(_ selector: MatrixSelector, at time: Int64, _ context: Context) -> RangeSelection {
        let end = referenceTime(at: selector.selector.at, offset: selector.selector.offset, evaluationTime: time, context)
        let start = end - selector.range
        let lower = semantics == .prometheus2 ? start - 1 : start
        let selection = matchingSeries(selector.selector, context)
        var series: [RangeSeries] = []
        series.reserveCapacity(selection.ids.count)
        var scratch: [RangeSeries.Point] = []
        for (i, id) in selection.ids.enumerated() {
            // One scratch array collects the window, so each series allocates exactly what it keeps.
            scratch.removeAll(keepingCapacity: true)
            guard context.store.appendPoints(of: id, from: lower, through: end, to: &scratch) > 0 else { continue }
            series.append(RangeSeries(labels: selection.labels[i], points: Array(scratch)))
        }
        return RangeSelection(series: series, start: start, end: end)
    }

    /// A subquery: the expression evaluated at every multiple of the step inside the window (steps are aligned
    /// to the epoch, not to the evaluation time, as in Prometheus).
    func evaluateSubquery(_ subquery: Subquery, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> RangeSelection {
        let end = referenceTime(at: subquery.at, offset: subquery.offset, evaluationTime: time, context)
        let start = end - subquery.range
        let step = subquery.step ?? defaultSubqueryStep
        guard step > 0 else {
            throw PromQLEvaluationError(.invalidArgument, "subquery step must be positive", at: subquery.sourceRange)
        }
        // Go's integer division truncates toward zero, and so does Swift's.
        var first = step * (start / step)
        if semantics == .prometheus2 ? first < start : first <= start { first += step }

        if first <= end, (end - first) / step >= Self.maximumSubquerySteps {
            throw PromQLEvaluationError(
                .invalidArgument,
                "subquery would evaluate its expression \((end - first) / step + 1) times; at most \(Self.maximumSubquerySteps) are allowed",
                at: subquery.sourceRange
            )
        }
        var index: [SeriesLabels: Int] = [:]
        var series: [RangeSeries] = []
        func add(_ labels: SeriesLabels, _ point: RangeSeries.Point) {
            if let i = index[labels] {
                series[i].points.append(point)
            } else {
                index[labels] = series.count
                series.append(RangeSeries(labels: labels, points: [point]))
            }
        }
        var stepTime = first
        while stepTime <= end {
            switch try evaluate(subquery.expression, at: stepTime, context) {
            case .vector(let samples):
                for sample in samples { add(sample.labels, RangeSeries.Point(time: stepTime, value: sample.value)) }
            case .scalar(_, let value):
                add(.empty, RangeSeries.Point(time: stepTime, value: value))
            default:
                throw PromQLEvaluationError(.typeMismatch, "subquery is only allowed on instant vector", at: subquery.sourceRange)
            }
            stepTime += step
        }
        if let order = LabelSetSortKeys(series.map(\.labels)).ordering() { series = order.map { series[$0] } }
        return RangeSelection(series: series, start: start, end: end)
    }

    /// The series and window of a range-vector argument: a range selector or a subquery, in parentheses or not.
    func rangeArgument(_ expression: PromQLExpression, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> RangeSelection {
        switch expression.unparenthesized {
        case .matrixSelector(let selector):
            return rangeVector(selector, at: time, context)
        case .subquery(let subquery):
            return try evaluateSubquery(subquery, at: time, context)
        default:
            throw PromQLEvaluationError(.typeMismatch, "expected a range vector", at: expression.sourceRange)
        }
    }
}
