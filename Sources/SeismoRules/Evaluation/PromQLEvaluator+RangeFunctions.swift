import SeismoCore

/// Functions over range vectors: `rate` and its kin, `deriv`, `predict_linear`, `changes`, `resets` and the
/// `*_over_time` family.
extension PromQLEvaluator {
    func evaluateRangeFunction(_ call: FunctionCall, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        let function = call.function
        let rangeIndex = function == .quantileOverTime ? 1 : 0
        var parameter = 0.0
        switch function {
        case .quantileOverTime: parameter = try scalarOperand(call.arguments[0], at: time, context)
        case .predictLinear: parameter = try scalarOperand(call.arguments[1], at: time, context)
        default: break
        }
        if function != .absentOverTime, case .matrixSelector(let selector) = call.arguments[rangeIndex].unparenthesized {
            return try evaluateRangeFunction(call, over: selector, parameter: parameter, at: time, context)
        }
        let selection = try rangeArgument(call.arguments[rangeIndex], at: time, context)
        if function == .absentOverTime {
            guard selection.series.isEmpty else { return [] }
            return [VectorSample(labels: absentLabels(call.arguments[rangeIndex]), value: 1, time: time)]
        }
        var out: [VectorSample] = []
        out.reserveCapacity(selection.series.count)
        for series in selection.series {
            let value = series.points.withUnsafeBufferPointer {
                rangeValue(function, $0, selection, parameter: parameter, evaluationTime: time)
            }
            guard let value else { continue }
            // last_over_time picks a sample as it is, like an offset; every other function derives a new value.
            let labels = function == .lastOverTime ? series.labels : series.labels.droppingMetricName
            out.append(VectorSample(labels: labels, value: value, time: time))
        }
        if function != .lastOverTime {
            try Self.requireUniqueLabelSets(out, droppedNamesFrom: selection.series.lazy.map(\.labels.metric), at: call.sourceRange)
        }
        return out
    }

    /// `evaluateRangeFunction` over a range selector, the common case: each series' window is read into one
    /// reused scratch array and reduced at once, so a series costs no allocation (building the range vector first
    /// allocated an array per series per evaluation), or reduced in place where the store holds it contiguously.
    /// Same values and order as going through `rangeVector`.
    private func evaluateRangeFunction(
        _ call: FunctionCall, over selector: MatrixSelector, parameter: Double, at time: Int64, _ context: Context
    ) throws(PromQLEvaluationError) -> [VectorSample] {
        let function = call.function
        let end = referenceTime(at: selector.selector.at, offset: selector.selector.offset, evaluationTime: time, context)
        let start = end - selector.range
        let lower = semantics == .prometheus2 ? start - 1 : start
        let window = RangeSelection(series: [], start: start, end: end)
        let selection = matchingSeries(selector.selector, context)
        var out: [VectorSample] = []
        out.reserveCapacity(selection.ids.count)
        var scratch: [RangeSeries.Point] = []
        // Under a metric name every series has that name, and dropping it cannot make two label sets equal.
        let oneName = selector.selector.metricName != nil
        var firstName: String? = nil
        var namesDiffer = false
        for (i, id) in selection.ids.enumerated() {
            // nil: no samples in the window; .some(nil): too few for the function.
            let reduced: Double?? = context.store.withPoints(of: id, from: lower, through: end, scratch: &scratch) { points in
                points.isEmpty ? nil : rangeValue(function, points, window, parameter: parameter, evaluationTime: time)
            }
            guard let reduced else { continue }
            let labels = selection.labels[i]
            if oneName {
            } else if let firstName {
                if !namesDiffer, labels.metric != firstName { namesDiffer = true }
            } else {
                firstName = labels.metric
            }
            guard let value = reduced else { continue }
            out.append(VectorSample(
                labels: function == .lastOverTime ? labels : labels.droppingMetricName, value: value, time: time))
        }
        if function != .lastOverTime, namesDiffer { try Self.requireUniqueLabelSets(out, at: call.sourceRange) }
        return out
    }

    /// The function's value over one series' samples (at least one), or nil when it has none (too few samples).
    func rangeValue(
        _ function: PromQLFunction, _ points: UnsafeBufferPointer<RangeSeries.Point>, _ window: RangeSelection,
        parameter: Double, evaluationTime: Int64
    ) -> Double? {
        switch function {
        case .rate: return extrapolatedRate(points, window, isCounter: true, isRate: true)
        case .increase: return extrapolatedRate(points, window, isCounter: true, isRate: false)
        case .delta: return extrapolatedRate(points, window, isCounter: false, isRate: false)
        case .irate: return Self.instantRate(points, isRate: true)
        case .idelta: return Self.instantRate(points, isRate: false)
        case .deriv:
            guard points.count >= 2 else { return nil }
            return Self.linearRegression(points, interceptTime: points[0].time).slope
        case .predictLinear:
            guard points.count >= 2 else { return nil }
            let (slope, intercept) = Self.linearRegression(points, interceptTime: evaluationTime)
            return slope * parameter + intercept
        case .changes:
            var changes = 0
            for i in points.indices.dropFirst() {
                let (a, b) = (points[i - 1].value, points[i].value)
                if a != b, !(a.isNaN && b.isNaN) { changes += 1 }
            }
            return Double(changes)
        case .resets:
            var resets = 0
            for i in points.indices.dropFirst() where points[i].value < points[i - 1].value { resets += 1 }
            return Double(resets)
        case .avgOverTime:
            return KahanMean.mean(count: points.count) { points[$0].value }
        case .sumOverTime:
            var sum = KahanSum()
            for point in points { sum.add(point.value) }
            return sum.sum.isInfinite ? sum.sum : sum.value
        case .countOverTime:
            return Double(points.count)
        case .minOverTime:
            var result = points[0].value
            for point in points where point.value < result || result.isNaN { result = point.value }
            return result
        case .maxOverTime:
            var result = points[0].value
            for point in points where point.value > result || result.isNaN { result = point.value }
            return result
        case .stddevOverTime, .stdvarOverTime:
            var count = 0.0
            var mean = KahanSum()
            var aux = KahanSum()
            for point in points {
                count += 1
                let delta = point.value - mean.value
                mean.add(delta / count)
                aux.add(delta * (point.value - mean.value))
            }
            let variance = aux.value / count
            return function == .stddevOverTime ? variance.squareRoot() : variance
        case .quantileOverTime:
            return prometheusQuantile(parameter, points.map(\.value))
        case .lastOverTime:
            return points[points.count - 1].value
        case .presentOverTime:
            return 1
        default:
            return nil
        }
    }

    /// Prometheus's `extrapolatedRate` for `rate`, `increase` and `delta`.
    ///
    /// The change between the first and last sample (for counters, plus the value before every decrease) is
    /// extrapolated towards the window's ends: all the way to an end closer than 1.1 × the average sample
    /// interval, otherwise by half an interval; for counters never before the point where the counter would have
    /// been zero. `rate` then divides by the window length in seconds. Nil for fewer than two samples.
    func extrapolatedRate(_ points: UnsafeBufferPointer<RangeSeries.Point>, _ window: RangeSelection, isCounter: Bool, isRate: Bool) -> Double? {
        guard points.count >= 2, let first = points.first, let last = points.last else { return nil }
        var result = last.value - first.value
        if isCounter {
            for i in points.indices.dropFirst() where points[i].value < points[i - 1].value {
                result += points[i - 1].value
            }
        }
        var durationToStart = Double(first.time - window.start) / 1e9
        var durationToEnd = Double(window.end - last.time) / 1e9
        let sampledInterval = Double(last.time - first.time) / 1e9
        let averageInterval = sampledInterval / Double(points.count - 1)
        let threshold = averageInterval * 1.1
        let rangeSeconds = Self.durationSeconds(window.end - window.start)

        switch semantics {
        case .prometheus3:
            if durationToStart >= threshold { durationToStart = averageInterval / 2 }
            if isCounter, result > 0, first.value >= 0 {
                let durationToZero = sampledInterval * (first.value / result)
                if durationToZero < durationToStart { durationToStart = durationToZero }
            }
            if durationToEnd >= threshold { durationToEnd = averageInterval / 2 }
            var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval
            if isRate { factor /= rangeSeconds }
            return result * factor
        case .prometheus2:
            if isCounter, result > 0, first.value >= 0 {
                let durationToZero = sampledInterval * (first.value / result)
                if durationToZero < durationToStart { durationToStart = durationToZero }
            }
            var extrapolateTo = sampledInterval
            extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2
            extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2
            // 2.42 folds the per-second division into the factor before multiplying (checked against Debian's
            // promtool: rate over 50 in 300 s gives 0.16666666666666669, not 50 / 300).
            var factor = extrapolateTo / sampledInterval
            if isRate { factor /= rangeSeconds }
            return result * factor
        }
    }

    /// `irate` / `idelta`: from the last two samples; for `irate` a decrease counts as a reset to zero.
    static func instantRate(_ points: UnsafeBufferPointer<RangeSeries.Point>, isRate: Bool) -> Double? {
        guard points.count >= 2 else { return nil }
        let last = points[points.count - 1]
        let previous = points[points.count - 2]
        let interval = last.time - previous.time
        guard interval != 0 else { return nil }
        var result = isRate && last.value < previous.value ? last.value : last.value - previous.value
        if isRate { result /= Double(interval) / 1e9 }
        return result
    }

    /// Least-squares fit of value against time in seconds from `interceptTime`: the slope per second and the
    /// value at `interceptTime`. A constant series has slope 0 (NaN for an infinite constant).
    static func linearRegression(_ points: UnsafeBufferPointer<RangeSeries.Point>, interceptTime: Int64) -> (slope: Double, intercept: Double) {
        var n = 0.0
        var sumX = KahanSum()
        var sumY = KahanSum()
        var sumXY = KahanSum()
        var sumX2 = KahanSum()
        let initial = points[0].value
        var constant = true
        for (i, point) in points.enumerated() {
            if constant, i > 0, point.value != initial { constant = false }
            n += 1
            let x = Double(point.time - interceptTime) / 1e9
            sumX.add(x)
            sumY.add(point.value)
            sumXY.add(x * point.value)
            sumX2.add(x * x)
        }
        if constant {
            return initial.isInfinite ? (.nan, .nan) : (0, initial)
        }
        let (x, y, xy, x2) = (sumX.value, sumY.value, sumXY.value, sumX2.value)
        let covariance = xy - x * y / n
        let variance = x2 - x * x / n
        let slope = covariance / variance
        return (slope, y / n - slope * x / n)
    }
}
