import SeismoCore

/// Aggregation operators over the series of an instant vector, grouped with `by` or `without`.
extension PromQLEvaluator {
    /// The state of one output group while its inputs stream past.
    struct Group {
        var labels: SeriesLabels
        var count = 1.0
        var value: Double
        var mean: Double
        var sum: KahanSum
        var average: KahanMean
        var values: [Double]

        init(labels: SeriesLabels, first: Double, op: AggregationOperator) {
            self.labels = labels
            mean = first
            sum = KahanSum(first)
            average = KahanMean(first: first)
            values = op == .quantile ? [first] : []
            value = Self.initialValue(first, op)
        }

        /// Starts the group over from `first`, as a new group with the same labels would (`ExpressionPlan` reuses
        /// its accumulators from tick to tick: assigning a new group retained the labels and released the old
        /// group's labels and values, per group per tick).
        mutating func restart(first: Double, op: AggregationOperator) {
            count = 1
            mean = first
            sum = KahanSum(first)
            average = KahanMean(first: first)
            if op == .quantile {
                values.removeAll(keepingCapacity: true)
                values.append(first)
            } else if !values.isEmpty {
                values = []
            }
            value = Self.initialValue(first, op)
        }

        private static func initialValue(_ first: Double, _ op: AggregationOperator) -> Double {
            switch op {
            case .stddev, .stdvar: first.isNaN || first.isInfinite ? .nan : 0
            case .group: 1
            default: first
            }
        }

        mutating func add(_ v: Double, op: AggregationOperator) {
            switch op {
            case .sum: sum.add(v)
            case .avg: count += 1; average.add(v)
            case .max: if value < v || value.isNaN { value = v }
            case .min: if value > v || value.isNaN { value = v }
            case .count: count += 1
            case .stddev, .stdvar:
                count += 1
                let delta = v - mean
                mean += delta / count
                value += delta * (v - mean)
            case .quantile: values.append(v)
            case .group, .topk, .bottomk, .countValues: break
            }
        }

        func result(_ op: AggregationOperator, quantile q: Double) -> Double {
            switch op {
            case .sum: sum.value
            case .avg: average.value
            case .count: count
            case .stdvar: value / count
            case .stddev: (value / count).squareRoot()
            case .quantile: prometheusQuantile(q, values)
            default: value
            }
        }
    }

    /// `by` (true, names), `without` (false, names); no clause is `by ()`.
    static func grouping(_ node: Aggregation) -> (by: Bool, names: [String]) {
        switch node.grouping {
        case .by(let names): (true, names)
        case .without(let names): (false, names)
        case nil: (true, [])
        }
    }

    static func groupLabels(_ labels: SeriesLabels, by: Bool, _ names: [String]) -> SeriesLabels {
        by ? labels.keeping(names) : labels.removing(names).droppingMetricName
    }

    func evaluateAggregation(_ node: Aggregation, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        var parameter = 0.0
        var valueLabel = ""
        if let expression = node.parameter {
            if node.op == .countValues {
                valueLabel = try stringOperand(expression)
            } else {
                parameter = try scalarOperand(expression, at: time, context)
            }
        }
        let input = try instantVectorOperand(node.expression, at: time, context)
        let (by, names) = Self.grouping(node)
        switch node.op {
        case .topk, .bottomk:
            return try selectK(node, parameter, input, by: by, names)
        case .countValues:
            guard isValidLabelName(valueLabel) else {
                throw PromQLEvaluationError(.invalidArgument, "invalid label name \"\(valueLabel)\"", at: node.sourceRange)
            }
            return countValues(valueLabel, input, by: by, names, at: time)
        default:
            break
        }
        var groups: [Group] = []
        let entry = context.cache?.next()
        if let cache = context.cache, let entry, case .grouping(let known) = cache.entries[entry],
           known.fits(by: by, names: names, input) {
            // The same inputs as last time: the same groups, without building and hashing a key per sample.
            groups.reserveCapacity(known.groupLabels.count)
            for (i, sample) in input.enumerated() {
                let g = known.groupOf[i]
                if g == groups.count {
                    groups.append(Group(labels: known.groupLabels[g], first: sample.value, op: node.op))
                } else {
                    groups[g].add(sample.value, op: node.op)
                }
            }
        } else {
            var index: [[Label]: Int] = [:]
            var groupOf: [Int] = []
            groupOf.reserveCapacity(input.count)
            for sample in input {
                let key = sample.labels.signature(on: by, names)
                if let i = index[key] {
                    groups[i].add(sample.value, op: node.op)
                    groupOf.append(i)
                } else {
                    index[key] = groups.count
                    groupOf.append(groups.count)
                    groups.append(Group(labels: Self.groupLabels(sample.labels, by: by, names), first: sample.value, op: node.op))
                }
            }
            if let cache = context.cache, let entry {
                cache.entries[entry] = .grouping(PromQLEvaluationCache.GroupingEntry(
                    by: by, names: names, inputs: input.map(\.labels), groupOf: groupOf, groupLabels: groups.map(\.labels)))
            }
        }
        return groups.map { VectorSample(labels: $0.labels, value: $0.result(node.op, quantile: parameter), time: time) }
    }

    /// `topk` / `bottomk`: the k largest / smallest samples of each group, labels untouched; NaN ranks below
    /// every number. Each group's samples come out largest first (`topk`) or smallest first (`bottomk`).
    private func selectK(
        _ node: Aggregation, _ parameter: Double, _ input: [VectorSample], by: Bool, _ names: [String]
    ) throws(PromQLEvaluationError) -> [VectorSample] {
        // Prometheus's convertibleToInt64: the largest double below 2^63, and -2^63.
        guard parameter <= 9_223_372_036_854_774_784, parameter >= -9_223_372_036_854_775_808 else {
            throw PromQLEvaluationError(
                .invalidArgument, "Scalar value \(PromQLNumberFormat.labelValue(parameter)) overflows int64",
                at: node.parameter?.sourceRange ?? node.sourceRange
            )
        }
        let k = Int64(parameter)
        guard k >= 1 else { return [] }
        let top = node.op == .topk
        // Prometheus keeps each group in a binary heap with the sample to give up first on top, and replaces the
        // top only with a strictly better sample; the same heap here makes ties resolve the same way.
        let heapOrder: (Double, Double) -> Bool = top ? { a, b in a.isNaN || a < b } : { a, b in a.isNaN || a > b }
        let better: (Double, Double) -> Bool = top
            ? { candidate, kept in kept < candidate || (kept.isNaN && !candidate.isNaN) }
            : { candidate, kept in kept > candidate || (kept.isNaN && !candidate.isNaN) }
        var index: [[Label]: Int] = [:]
        var heaps: [SampleHeap] = []
        for sample in input {
            let key = sample.labels.signature(on: by, names)
            guard let i = index[key] else {
                index[key] = heaps.count
                heaps.append(SampleHeap(first: sample, less: heapOrder))
                continue
            }
            if heaps[i].samples.count < k {
                heaps[i].push(sample)
            } else if better(sample.value, heaps[i].samples[0].value) {
                heaps[i].replaceTop(with: sample)
            }
        }
        var out: [VectorSample] = []
        for heap in heaps {
            // Best first, NaN last; ties in label order (Prometheus leaves them to an unstable sort).
            out += heap.samples.sorted { a, b in
                if heapOrder(b.value, a.value) != heapOrder(a.value, b.value) { return heapOrder(b.value, a.value) }
                return SeriesLabels.prometheusOrder(a.labels, b.labels)
            }
        }
        return out
    }

    /// `count_values`: per group, how many samples have each value, the value written into label `valueLabel`.
    private func countValues(_ valueLabel: String, _ input: [VectorSample], by: Bool, _ names: [String], at time: Int64) -> [VectorSample] {
        let groupNames = by ? names + [valueLabel] : names
        var index: [[Label]: Int] = [:]
        var out: [VectorSample] = []
        for sample in input {
            let labels = sample.labels.setting(valueLabel, to: PromQLNumberFormat.labelValue(sample.value))
            let key = labels.signature(on: by, groupNames)
            if let i = index[key] {
                out[i].value += 1
            } else {
                index[key] = out.count
                out.append(VectorSample(labels: Self.groupLabels(labels, by: by, groupNames), value: 1, time: time))
            }
        }
        return out
    }
}

/// A binary heap laid out and maintained exactly as Go's `container/heap`, so `topk` and `bottomk` keep the same
/// samples as Prometheus when values tie.
private struct SampleHeap {
    private(set) var samples: [VectorSample]
    let less: (Double, Double) -> Bool

    init(first: VectorSample, less: @escaping (Double, Double) -> Bool) {
        samples = [first]
        self.less = less
    }

    mutating func push(_ sample: VectorSample) {
        samples.append(sample)
        up(samples.count - 1)
    }

    /// Overwrites the top and restores the heap (Go's `heap.Fix(h, 0)`).
    mutating func replaceTop(with sample: VectorSample) {
        samples[0] = sample
        if !down(0) { up(0) }
    }

    private func isLess(_ i: Int, _ j: Int) -> Bool { less(samples[i].value, samples[j].value) }

    private mutating func up(_ start: Int) {
        var j = start
        while j > 0 {
            let parent = (j - 1) / 2
            guard isLess(j, parent) else { break }
            samples.swapAt(parent, j)
            j = parent
        }
    }

    private mutating func down(_ start: Int) -> Bool {
        var i = start
        while true {
            let left = 2 * i + 1
            guard left < samples.count else { break }
            var j = left
            if left + 1 < samples.count, isLess(left + 1, left) { j = left + 1 }
            guard isLess(j, i) else { break }
            samples.swapAt(i, j)
            i = j
        }
        return i > start
    }
}
