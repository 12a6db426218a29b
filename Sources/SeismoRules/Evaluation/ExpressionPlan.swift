import SeismoCore

/// A rule expression of one of the commonest shapes, evaluated straight from the store:
///
/// - `f(selector[range])`, optionally aggregated (`agg by (…) (…)` or `without`), optionally combined with a number
///   (`1 - …`, `… * 100`), optionally compared with a number as a filter (`… > 75`). Here `f` is a range function
///   without parameters other than `last_over_time` (`rate`, `increase`, `avg_over_time`, …) and `agg` an
///   aggregation without a parameter: the recording rules' shape.
/// - `selector`, optionally compared with a number (`seismo_anomaly{…} == 1`): the alerting rules' shape.
///
/// In both the selector names its metric.
///
/// The general evaluator builds an instant vector per step (a label set per series, then per group, then sorted),
/// and that bookkeeping cost several times the arithmetic at every tick. The plan works the label sets out once per
/// selection: each selected series' output group, and the groups in result order. A tick then reduces each series'
/// window (or takes its latest sample) into its group's accumulator and hands the groups over in that order, with
/// no label set touched.
///
/// The values, label sets and order are exactly the general evaluator's: the same window reduction
/// (`PromQLEvaluator.rangeValue`) or lookback, the same accumulators fed in the same order (`PromQLEvaluator.Group`),
/// the same grouping (`SeriesLabels.signature`) and Prometheus's label-set order; `ExpressionPlanTests` compares the
/// two on random stores. None of these shapes can fail to evaluate (one metric name: dropping it cannot make label
/// sets collide).
///
/// One plan per rule expression and store, owned by the evaluating thread.
final class ExpressionPlan {
    private let aggregation: (op: AggregationOperator, by: Bool, names: [String])?
    private let number: (op: BinaryOperator, value: Double, onLeft: Bool)?
    private let comparison: (op: BinaryOperator, value: Double, onLeft: Bool)?
    /// Where each series' value comes from: `function` over the window of `range` ns of `selector` (the result drops
    /// the metric name), or with no function the latest sample of `selector` within the lookback (labels kept whole).
    private let selector: VectorSelector
    private let function: PromQLFunction?
    private let range: Int64
    // What a tick reads, as plain values: reading the selector's `@` and offset through it, or the operator through
    // `aggregation`, copied the selector or the name list, a retain and a release per field at every tick.
    private let at: AtModifier?
    private let offset: Int64?
    private let aggregationOp: AggregationOperator?

    /// The selection the groups below were worked out for, and the store's generation it was last checked at.
    @exclusivity(unchecked) private var selection: SeriesStore.Selection?
    @exclusivity(unchecked) private var generation = -1
    /// The output label sets, in result order.
    private(set) var groupLabels: [SeriesLabels] = []
    // Read and written per series at every tick: without dynamic exclusivity checks (a runtime call per access, a
    // third of the plan's cost). Safe: the plan belongs to one thread, and no access is held across a call that
    // could reach back into it (the closures given to the store and to `evaluate` touch only `outputs`).
    /// Per selected series, in selection order, its output group.
    @exclusivity(unchecked) private var groupOf: [Int] = []
    /// Per output group, the recording rule's output series, once resolved (`RuleEngine`).
    @exclusivity(unchecked) var outputs: [SeriesID?] = []
    // A tick's scratch: per group, whether a series contributed and its accumulator or value.
    @exclusivity(unchecked) private var present: [Bool] = []
    @exclusivity(unchecked) private var accumulators: [PromQLEvaluator.Group] = []
    @exclusivity(unchecked) private var values: [Double] = []
    @exclusivity(unchecked) private var scratch: [RangeSeries.Point] = []

    /// The plan for `expression`, nil when it has another shape.
    init?(_ expression: PromQLExpression) {
        var inner = expression.unparenthesized
        /// `inner` as a binary operation of `kind` with a number on one side: the operation, and `inner` set to the
        /// other side.
        func numberOperation(_ kind: (BinaryOperator) -> Bool) -> (op: BinaryOperator, value: Double, onLeft: Bool)? {
            guard case .binary(let node) = inner, kind(node.op), !node.returnsBool, node.matching == nil else { return nil }
            if case .number(let literal) = node.lhs.unparenthesized {
                inner = node.rhs.unparenthesized
                return (node.op, literal.value, true)
            }
            if case .number(let literal) = node.rhs.unparenthesized {
                inner = node.lhs.unparenthesized
                return (node.op, literal.value, false)
            }
            return nil
        }
        let comparison = numberOperation(\.isComparison)
        let number = numberOperation(Self.arithmetic.contains)
        var aggregation: (op: AggregationOperator, by: Bool, names: [String])? = nil
        if case .aggregation(let node) = inner {
            guard node.parameter == nil, Self.aggregations.contains(node.op) else { return nil }
            let (by, names) = PromQLEvaluator.grouping(node)
            aggregation = (node.op, by, names)
            inner = node.expression.unparenthesized
        }
        if case .vectorSelector(let selector) = inner, selector.metricName != nil, aggregation == nil, number == nil {
            self.selector = selector
            function = nil
            range = 0
        } else if case .call(let call) = inner, Self.functions.contains(call.function), call.arguments.count == 1,
                  case .matrixSelector(let selector) = call.arguments[0].unparenthesized, selector.selector.metricName != nil {
            self.selector = selector.selector
            function = call.function
            range = selector.range
        } else {
            return nil
        }
        at = selector.at
        offset = selector.offset
        aggregationOp = aggregation?.op
        self.aggregation = aggregation
        self.number = number
        self.comparison = comparison
    }

    /// Operators whose result with a number is plain arithmetic on each value.
    private static let arithmetic: Set<BinaryOperator> = [.add, .subtract, .multiply, .divide, .power, .modulo]
    /// Aggregations without a parameter.
    private static let aggregations: Set<AggregationOperator> = [.sum, .avg, .min, .max, .count, .stddev, .stdvar, .group]
    /// Range functions without a parameter that drop the metric name.
    private static let functions: Set<PromQLFunction> = [
        .rate, .irate, .increase, .delta, .idelta, .deriv, .changes, .resets, .avgOverTime, .minOverTime, .maxOverTime,
        .sumOverTime, .countOverTime, .stddevOverTime, .stdvarOverTime, .presentOverTime,
    ]

    /// Evaluates the expression at `time` and calls `body` with each output group and its value, in result order
    /// (the label sets are `groupLabels[group]`).
    func evaluate(
        _ evaluator: PromQLEvaluator, at time: Int64, store: SeriesStore, cache: PromQLEvaluationCache,
        _ body: (_ group: Int, _ value: Double) -> Void
    ) {
        // First, as a new selection replaces the scratch arrays below.
        let selection = select(evaluator, store: store, cache: cache, time: time)
        let aggregation = aggregationOp
        // The query's time, which `@ start()` and `@ end()` mean, is the evaluation time here.
        let reference = PromQLEvaluator.referenceTime(at: at, offset: offset, evaluationTime: time, queryTime: time)
        // The scratch is moved out of the plan while the tick runs and moved back after, so the closures below capture
        // local arrays and not the plan: capturing its stored arrays retained and released the plan several times at
        // every tick. Swapping moves the buffers without touching their reference counts.
        var present: [Bool] = [], values: [Double] = [], accumulators: [PromQLEvaluator.Group] = []
        var scratch: [RangeSeries.Point] = [], groupOf: [Int] = []
        swap(&present, &self.present)
        swap(&values, &self.values)
        swap(&accumulators, &self.accumulators)
        swap(&scratch, &self.scratch)
        swap(&groupOf, &self.groupOf)
        defer {
            swap(&present, &self.present)
            swap(&values, &self.values)
            swap(&accumulators, &self.accumulators)
            swap(&scratch, &self.scratch)
            swap(&groupOf, &self.groupOf)
        }
        // The tick's scratch through buffer pointers: indexing the arrays checked their uniqueness at every write.
        present.withUnsafeMutableBufferPointer { present in
            values.withUnsafeMutableBufferPointer { values in
                accumulators.withUnsafeMutableBufferPointer { accumulators in
                    /// Feeds a series' value to its group: the aggregation's accumulator, or the group's value.
                    func accumulate(_ value: Double, into g: Int) {
                        if let aggregation {
                            if present[g] {
                                accumulators[g].add(value, op: aggregation)
                            } else {
                                accumulators[g].restart(first: value, op: aggregation)
                            }
                        } else {
                            values[g] = value
                        }
                        present[g] = true
                    }
                    for g in present.indices { present[g] = false }
                    if let function {
                        let end = reference
                        let start = end - range
                        let lower = evaluator.semantics == .prometheus2 ? start - 1 : start
                        let window = PromQLEvaluator.RangeSelection(series: [], start: start, end: end)
                        for (i, id) in selection.ids.enumerated() {
                            // nil: no samples in the window; .some(nil): too few for the function.
                            let reduced: Double?? = store.withPoints(of: id, from: lower, through: end, scratch: &scratch) { points in
                                points.isEmpty ? nil : evaluator.rangeValue(function, points, window, parameter: 0, evaluationTime: time)
                            }
                            guard let reduced, let value = reduced else { continue }
                            accumulate(value, into: groupOf[i])
                        }
                    } else {
                        // The store's window is open on the left; one more nanosecond closes it (as `instantVector`).
                        let lookback = evaluator.semantics == .prometheus2 ? evaluator.lookbackDelta + 1 : evaluator.lookbackDelta
                        for (i, id) in selection.ids.enumerated() {
                            guard let latest = store.latest(id, at: reference, lookback: lookback),
                                  !PromQLEvaluator.isStaleMarker(latest.value) else { continue }
                            accumulate(latest.value, into: groupOf[i])
                        }
                    }
                    for g in present.indices where present[g] {
                        var value = aggregation.map { accumulators[g].result($0, quantile: 0) } ?? values[g]
                        if let number {
                            value = number.onLeft
                                ? PromQLEvaluator.apply(number.op, number.value, value).value
                                : PromQLEvaluator.apply(number.op, value, number.value).value
                        }
                        // A comparison keeps the vector's value, whichever side the number is on.
                        if let comparison {
                            let keep = comparison.onLeft
                                ? PromQLEvaluator.apply(comparison.op, comparison.value, value).keep
                                : PromQLEvaluator.apply(comparison.op, value, comparison.value).keep
                            guard keep else { continue }
                        }
                        body(g, value)
                    }
                }
            }
        }
    }

    /// The series `selector` picks: the plan's own while no series joined the store, otherwise through the evaluator
    /// (and its cache, for a query at `time`), working the groups out again for a new selection.
    private func select(
        _ evaluator: PromQLEvaluator, store: SeriesStore, cache: PromQLEvaluationCache, time: Int64
    ) -> SeriesStore.Selection {
        if let selection, generation == store.generation { return selection }
        let context = PromQLEvaluator.Context(store: store, queryTime: time, cache: cache)
        cache.begin(store)
        let selection = evaluator.matchingSeries(selector, context)
        if selection !== self.selection { plan(selection) }
        generation = store.generation
        return selection
    }

    /// Works out each series' output group and the groups' result order for a new selection.
    private func plan(_ selection: SeriesStore.Selection) {
        var labels: [SeriesLabels] = []
        var keyOf: [Int] = []
        var index: [[Label]: Int] = [:]
        for series in selection.labels {
            // A range function drops the metric name; an instant selector (never aggregated here) keeps it.
            let dropped: SeriesLabels
            dropped = function == nil ? series : series.droppingMetricName
            guard let aggregation else {
                keyOf.append(labels.count)
                labels.append(dropped)
                continue
            }
            let key = dropped.signature(on: aggregation.by, aggregation.names)
            if let k = index[key] {
                keyOf.append(k)
            } else {
                index[key] = labels.count
                keyOf.append(labels.count)
                labels.append(PromQLEvaluator.groupLabels(dropped, by: aggregation.by, aggregation.names))
            }
        }
        // Distinct label sets: Prometheus's order of them is total, so sorting all of them once orders any subset.
        let order = labels.indices.sorted { LabelSetSortKeys.precedes(labels[$0], labels[$1]) }
        var rank = [Int](repeating: 0, count: labels.count)
        for (r, k) in order.enumerated() { rank[k] = r }
        self.selection = selection
        groupLabels = order.map { labels[$0] }
        groupOf = keyOf.map { rank[$0] }
        outputs = Array(repeating: nil, count: labels.count)
        present = Array(repeating: false, count: labels.count)
        values = Array(repeating: 0, count: labels.count)
        accumulators = groupLabels.map { PromQLEvaluator.Group(labels: $0, first: 0, op: aggregation?.op ?? .sum) }
    }
}
