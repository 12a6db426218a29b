#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

/// Function calls on instant vectors and scalars; the range-vector functions live in
/// `PromQLEvaluator+RangeFunctions.swift`.
extension PromQLEvaluator {
    func evaluateCall(_ call: FunctionCall, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> PromQLValue {
        let args = call.arguments
        switch call.function {
        case .rate, .irate, .increase, .delta, .idelta, .deriv, .changes, .resets, .predictLinear,
            .avgOverTime, .minOverTime, .maxOverTime, .sumOverTime, .countOverTime, .stddevOverTime,
            .stdvarOverTime, .quantileOverTime, .lastOverTime, .presentOverTime, .absentOverTime:
            return .vector(try evaluateRangeFunction(call, at: time, context))

        case .time:
            return .scalar(time: time, value: Self.epochSeconds(time))
        case .vector:
            return .vector([VectorSample(labels: .empty, value: try scalarOperand(args[0], at: time, context), time: time)])
        case .scalar:
            let samples = try instantVectorOperand(args[0], at: time, context)
            return .scalar(time: time, value: samples.count == 1 ? samples[0].value : .nan)

        case .abs: return try .vector(mapValues(call, at: time, context) { Swift.abs($0) })
        case .ceil: return try .vector(mapValues(call, at: time, context) { $0.rounded(.up) })
        case .floor: return try .vector(mapValues(call, at: time, context) { $0.rounded(.down) })
        case .exp: return try .vector(mapValues(call, at: time, context) { exp($0) })
        case .ln: return try .vector(mapValues(call, at: time, context) { log($0) })
        case .log2: return try .vector(mapValues(call, at: time, context) { log2($0) })
        case .log10: return try .vector(mapValues(call, at: time, context) { log10($0) })
        case .sqrt: return try .vector(mapValues(call, at: time, context) { $0.squareRoot() })
        case .sgn: return try .vector(mapValues(call, at: time, context) { $0 > 0 ? 1 : $0 < 0 ? -1 : $0 })
        case .round:
            let toNearest = args.count > 1 ? try scalarOperand(args[1], at: time, context) : 1
            // Prometheus multiplies by the inverse: fewer surprises with decimal fractions.
            let inverse = 1 / toNearest
            return try .vector(mapValues(call, at: time, context) { ($0 * inverse + 0.5).rounded(.down) / inverse })
        case .clamp:
            let low = try scalarOperand(args[1], at: time, context)
            let high = try scalarOperand(args[2], at: time, context)
            if high < low { return .vector([]) }
            return try .vector(mapValues(call, at: time, context) { Self.goMax(low, Self.goMin(high, $0)) })
        case .clampMin:
            let low = try scalarOperand(args[1], at: time, context)
            return try .vector(mapValues(call, at: time, context) { Self.goMax(low, $0) })
        case .clampMax:
            let high = try scalarOperand(args[1], at: time, context)
            return try .vector(mapValues(call, at: time, context) { Self.goMin(high, $0) })

        case .timestamp:
            return .vector(try timestamps(call, at: time, context))
        case .dayOfWeek: return .vector(try dateFunction(call, at: time, context) { $0.weekday })
        case .hour: return .vector(try dateFunction(call, at: time, context) { $0.hour })
        case .minute: return .vector(try dateFunction(call, at: time, context) { $0.minute })
        case .month: return .vector(try dateFunction(call, at: time, context) { $0.month })
        case .year: return .vector(try dateFunction(call, at: time, context) { $0.year })
        case .dayOfMonth: return .vector(try dateFunction(call, at: time, context) { $0.day })
        case .daysInMonth: return .vector(try dateFunction(call, at: time, context) { $0.daysInMonth })

        case .sort, .sortDesc:
            let samples = try instantVectorOperand(args[0], at: time, context)
            let ascending = call.function == .sort
            return .vector(samples.sorted { a, b in
                // NaN last either way; equal values in label order so the result does not depend on the input's.
                if a.value.isNaN != b.value.isNaN { return b.value.isNaN }
                if a.value != b.value, !a.value.isNaN { return ascending ? a.value < b.value : a.value > b.value }
                return SeriesLabels.prometheusOrder(a.labels, b.labels)
            })
        case .absent:
            let samples = try instantVectorOperand(args[0], at: time, context)
            guard samples.isEmpty else { return .vector([]) }
            return .vector([VectorSample(labels: absentLabels(args[0]), value: 1, time: time)])
        case .histogramQuantile:
            return .vector(try histogramQuantile(call, at: time, context))
        case .labelReplace:
            return .vector(try labelReplace(call, at: time, context))
        case .labelJoin:
            return .vector(try labelJoin(call, at: time, context))
        }
    }

    /// Go's `math.Max`/`math.Min`: NaN wins, and +0 / -0 order as Go orders them.
    static func goMax(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0, b == 0 { return a.sign == .minus ? b : a }
        return a > b ? a : b
    }

    static func goMin(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        if a == 0, b == 0 { return a.sign == .minus ? a : b }
        return a < b ? a : b
    }

    /// A function applied to every value of the first argument; the metric name goes.
    private func mapValues(
        _ call: FunctionCall, at time: Int64, _ context: Context, _ transform: (Double) -> Double
    ) throws(PromQLEvaluationError) -> [VectorSample] {
        let samples = try instantVectorOperand(call.arguments[0], at: time, context)
        let out = samples.map { VectorSample(labels: $0.labels.droppingMetricName, value: transform($0.value), time: $0.time) }
        try Self.requireUniqueLabelSets(out, droppedNamesFrom: samples.lazy.map(\.labels.metric), at: call.sourceRange)
        return out
    }

    /// `timestamp(v)`: a selector's own sample times, or the evaluation time for any other expression.
    private func timestamps(_ call: FunctionCall, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        let samples: [VectorSample]
        if case .vectorSelector(let selector) = call.arguments[0].unparenthesized {
            samples = instantVector(selector, at: time, context, sampleTimes: true)
        } else {
            samples = try instantVectorOperand(call.arguments[0], at: time, context)
        }
        let out = samples.map {
            VectorSample(labels: $0.labels.droppingMetricName, value: Self.epochSeconds($0.time), time: time)
        }
        try Self.requireUniqueLabelSets(out, droppedNamesFrom: samples.lazy.map(\.labels.metric), at: call.sourceRange)
        return out
    }

    /// The date functions: of each value read as Unix seconds, or of the evaluation time without an argument.
    private func dateFunction(
        _ call: FunctionCall, at time: Int64, _ context: Context, _ field: (CivilTime) -> Int64
    ) throws(PromQLEvaluationError) -> [VectorSample] {
        guard let argument = call.arguments.first else {
            let seconds = time / Timestamp.nanosecondsPerSecond
            return [VectorSample(labels: .empty, value: Double(field(CivilTime(unixSeconds: seconds))), time: time)]
        }
        let samples = try instantVectorOperand(argument, at: time, context)
        let out = samples.map {
            VectorSample(
                labels: $0.labels.droppingMetricName,
                value: Double(field(CivilTime(unixSecondsValue: $0.value))), time: $0.time
            )
        }
        try Self.requireUniqueLabelSets(out, droppedNamesFrom: samples.lazy.map(\.labels.metric), at: call.sourceRange)
        return out
    }

    /// The labels `absent` and `absent_over_time` give their one sample: those that the selector's equality
    /// matchers pin to one value (a label matched more than once, or by any other operator, is left out).
    func absentLabels(_ argument: PromQLExpression) -> SeriesLabels {
        let selector: VectorSelector
        switch argument.unparenthesized {
        case .vectorSelector(let s): selector = s
        case .matrixSelector(let m): selector = m.selector
        default: return .empty
        }
        var labels = SeriesLabels.empty
        switch semantics {
        case .prometheus3:
            var seen = Set<String>()
            for matcher in selector.matchers where matcher.name != SeriesLabels.metricNameLabel {
                if matcher.op == .equal, seen.insert(matcher.name).inserted {
                    labels = labels.setting(matcher.name, to: matcher.value)
                } else {
                    labels = labels.setting(matcher.name, to: "")
                }
            }
        case .prometheus2:
            var removed: [String] = []
            for matcher in selector.matchers where matcher.name != SeriesLabels.metricNameLabel {
                if matcher.op == .equal, labels.value(of: matcher.name).isEmpty {
                    labels = labels.setting(matcher.name, to: matcher.value)
                } else {
                    removed.append(matcher.name)
                }
            }
            labels = labels.removing(removed)
        }
        return labels
    }

    /// `histogram_quantile(q, buckets)`: series grouped by their labels without `le`, one quantile per group,
    /// labelled without `le` and the metric name. Series whose `le` is not a number are ignored.
    private func histogramQuantile(_ call: FunctionCall, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        let q = try scalarOperand(call.arguments[0], at: time, context)
        let samples = try instantVectorOperand(call.arguments[1], at: time, context)
        var index: [SeriesLabels: Int] = [:]
        var groups: [(labels: SeriesLabels, histogram: ClassicHistogram)] = []
        for sample in samples {
            guard let upperBound = Self.parseGoFloat(sample.labels.value(of: "le")) else { continue }
            let key = sample.labels.removing(["le"])
            let bucket = ClassicHistogram.Bucket(upperBound: upperBound, count: sample.value)
            if let i = index[key] {
                groups[i].histogram.buckets.append(bucket)
            } else {
                index[key] = groups.count
                groups.append((key.droppingMetricName, ClassicHistogram(buckets: [bucket])))
            }
        }
        let tolerance = semantics == .prometheus3 ? ClassicHistogram.smallDeltaTolerance : 0
        let out = groups.map { VectorSample(labels: $0.labels, value: $0.histogram.quantile(q, tolerance: tolerance), time: time) }
        // Groups are distinct label sets without `le`; only dropping their names can make two alike.
        try Self.requireUniqueLabelSets(out, droppedNamesFrom: samples.lazy.map(\.labels.metric), at: call.sourceRange)
        return out
    }

    /// A number as Go's `strconv.ParseFloat` reads it: decimal or hex, `Inf`/`Infinity`/`NaN` in any case with
    /// an optional sign, `_` between digits only after a base prefix. Nil for anything else.
    static func parseGoFloat(_ text: String) -> Double? {
        guard !text.isEmpty else { return nil }
        var body = Substring(text)
        var sign = 1.0
        if body.first == "+" || body.first == "-" {
            if body.first == "-" { sign = -1 }
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign * .infinity
        case "nan": return .nan
        default: break
        }
        let lower = body.lowercased()
        let isHex = lower.hasPrefix("0x")
        if body.contains("_") {
            // Go allows underscores only with a base prefix, and only between digits.
            guard isHex || lower.hasPrefix("0b") || lower.hasPrefix("0o") else { return nil }
            if body.hasSuffix("_") || body.contains("__") { return nil }
            body = Substring(String(body.filter { $0 != "_" }))
        }
        guard body.allSatisfy({ $0.isASCII && ($0.isHexDigit || ".xXpPeE+-".contains($0)) }) else { return nil }
        if !isHex, body.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) { return nil }
        guard let value = Double(String(body)) else { return nil }
        return sign * value
    }

    /// `label_replace(v, dst, replacement, src, regex)`: where `regex` matches the whole of `src`'s value, `dst`
    /// becomes the expanded replacement (an empty result removes it). Other series pass unchanged.
    private func labelReplace(_ call: FunctionCall, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        let args = call.arguments
        let destination = try stringOperand(args[1])
        let template = ReplacementTemplate(template: try stringOperand(args[2]))
        let source = try stringOperand(args[3])
        let pattern = try stringOperand(args[4])
        let regex: PromQLRegex
        do {
            regex = try PromQLRegex(pattern)
        } catch {
            throw PromQLEvaluationError(
                .invalidArgument, "invalid regular expression in label_replace(): \(pattern)", at: args[4].sourceRange
            )
        }
        guard isValidLabelName(destination) else {
            throw PromQLEvaluationError(
                .invalidArgument, "invalid destination label name in label_replace(): \(destination)", at: args[1].sourceRange
            )
        }
        var samples = try instantVectorOperand(args[0], at: time, context)
        for i in samples.indices {
            guard let captures = regex.captures(in: samples[i].labels.value(of: source)) else { continue }
            samples[i].labels = samples[i].labels.setting(destination, to: template.expand(captures))
        }
        try Self.requireUniqueLabelSets(samples, at: call.sourceRange)
        return samples
    }

    /// `label_join(v, dst, separator, src...)`: `dst` becomes the source labels' values joined (an empty result
    /// removes it).
    private func labelJoin(_ call: FunctionCall, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        let args = call.arguments
        let destination = try stringOperand(args[1])
        let separator = try stringOperand(args[2])
        var sources: [String] = []
        for argument in args.dropFirst(3) {
            let source = try stringOperand(argument)
            guard isValidLabelName(source) else {
                throw PromQLEvaluationError(
                    .invalidArgument, "invalid source label name in label_join(): \(source)", at: argument.sourceRange
                )
            }
            sources.append(source)
        }
        guard isValidLabelName(destination) else {
            throw PromQLEvaluationError(
                .invalidArgument, "invalid destination label name in label_join(): \(destination)", at: args[1].sourceRange
            )
        }
        var samples = try instantVectorOperand(args[0], at: time, context)
        for i in samples.indices {
            let joined = sources.map { samples[i].labels.value(of: $0) }.joined(separator: separator)
            samples[i].labels = samples[i].labels.setting(destination, to: joined)
        }
        try Self.requireUniqueLabelSets(samples, at: call.sourceRange)
        return samples
    }
}
