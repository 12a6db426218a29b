import SeismoCore

/// Evaluates PromQL expressions at one instant over the recent past in a `SeriesStore`, with Prometheus's
/// semantics: lookback, `offset` and `@`, range selectors and subqueries, vector matching, aggregations and
/// the supported functions, rate extrapolation included.
///
/// A value holding configuration only; every evaluation starts from scratch, so one evaluator can serve any
/// number of rules and threads. The store is read, never written.
public struct PromQLEvaluator: Hashable, Sendable {
    /// Which Prometheus release's rules to follow where releases differ.
    public enum Semantics: Hashable, Sendable {
        /// Prometheus 3: range windows and the lookback window are open on the left, `(t - range, t]`; `rate`
        /// limits extrapolation by the counter's zero point after the 1.1 × interval threshold; `atan2` drops the
        /// metric name; label names may be any UTF-8; `histogram_quantile` ignores bucket differences below 1e-12.
        case prometheus3
        /// Prometheus 2 (the `promtool` in Debian 12 is 2.42): windows closed on the left, `[t - range, t]`; the
        /// zero-point limit applied before the threshold; `atan2` keeps the metric name; label names must match
        /// `[a-zA-Z_][a-zA-Z0-9_]*`; `histogram_quantile` repairs only decreases.
        case prometheus2
    }

    /// How far back an instant selector looks for a series' latest sample, in ns (Prometheus's default: 5m).
    public var lookbackDelta: Int64
    /// The resolution of a subquery written without one (`x[1h:]`), in ns: Prometheus uses the global
    /// evaluation interval.
    public var defaultSubqueryStep: Int64
    public var semantics: Semantics

    public init(
        lookbackDelta: Int64 = 300 * Timestamp.nanosecondsPerSecond,
        defaultSubqueryStep: Int64 = 60 * Timestamp.nanosecondsPerSecond,
        semantics: Semantics = .prometheus3
    ) {
        precondition(lookbackDelta > 0, "PromQLEvaluator: lookbackDelta must be positive")
        precondition(defaultSubqueryStep > 0, "PromQLEvaluator: defaultSubqueryStep must be positive")
        self.lookbackDelta = lookbackDelta
        self.defaultSubqueryStep = defaultSubqueryStep
        self.semantics = semantics
    }

    /// The value of `expression` at `time` (ns since the epoch).
    ///
    /// Instant vectors come back sorted by label set, except for a top-level `sort` or `sort_desc`, whose order
    /// by value is kept. Cost is linear in the samples the selectors read (a subquery evaluates its expression
    /// once per step), plus sorting the selected series.
    /// - Parameter cache: what an earlier evaluation of the same expression left to reuse (see
    ///   `PromQLEvaluationCache`); the result is the same with or without one.
    /// - Throws: `PromQLEvaluationError` for what Prometheus refuses at evaluation time: many-to-many matching,
    ///   duplicate label sets in a result, invalid parameters.
    public func evaluate(
        _ expression: PromQLExpression, at time: Int64, store: SeriesStore, cache: PromQLEvaluationCache? = nil
    ) throws(PromQLEvaluationError) -> PromQLValue {
        cache?.begin(store)
        let context = Context(store: store, queryTime: time, cache: cache)
        let value = try evaluate(expression, at: time, context)
        guard case .vector(let samples) = value else { return value }
        if case .call(let call) = expression.unparenthesized, call.function == .sort || call.function == .sortDesc {
            return value
        }
        // A result with the same label sets in the same order as the last one sorts the same way.
        let entry = cache?.next()
        if let cache, let entry, case .order(let labels, let known) = cache.entries[entry], labels.count == samples.count,
           !samples.indices.contains(where: { samples[$0].labels != labels[$0] }) {
            return known.map { .vector($0.map { samples[$0] }) } ?? value
        }
        let labels = samples.map(\.labels)
        let order = LabelSetSortKeys(labels).ordering()
        if let cache, let entry { cache.entries[entry] = .order(labels, order) }
        return order.map { .vector($0.map { samples[$0] }) } ?? value
    }

    /// What every step of one evaluation shares.
    struct Context {
        let store: SeriesStore
        /// The time `evaluate` was called with: what `@ start()` and `@ end()` mean for an instant query.
        let queryTime: Int64
        let cache: PromQLEvaluationCache?
    }

    func evaluate(_ expression: PromQLExpression, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> PromQLValue {
        switch expression {
        case .number(let literal):
            return .scalar(time: time, value: literal.value)
        case .string(let literal):
            return .string(literal.value)
        case .parenthesized(let node):
            return try evaluate(node.expression, at: time, context)
        case .vectorSelector(let selector):
            return .vector(instantVector(selector, at: time, context))
        case .matrixSelector(let selector):
            return .matrix(rangeVector(selector, at: time, context).series)
        case .subquery(let subquery):
            return .matrix(try evaluateSubquery(subquery, at: time, context).series)
        case .unary(let node):
            return try evaluateUnary(node, at: time, context)
        case .binary(let node):
            return try evaluateBinary(node, at: time, context)
        case .aggregation(let node):
            return .vector(try evaluateAggregation(node, at: time, context))
        case .call(let node):
            return try evaluateCall(node, at: time, context)
        }
    }

    private func evaluateUnary(_ node: UnaryOperation, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> PromQLValue {
        let operand = try evaluate(node.operand, at: time, context)
        guard node.op == .minus else { return operand }
        switch operand {
        case .scalar(let t, let value):
            return .scalar(time: t, value: -value)
        case .vector(let samples):
            let negated = samples.map { VectorSample(labels: $0.labels.droppingMetricName, value: -$0.value, time: $0.time) }
            try Self.requireUniqueLabelSets(negated, droppedNamesFrom: samples.lazy.map(\.labels.metric), at: node.sourceRange)
            return .vector(negated)
        default:
            throw PromQLEvaluationError(.typeMismatch, "unary minus needs a scalar or an instant vector", at: node.sourceRange)
        }
    }

    // MARK: Operands of one type

    func instantVectorOperand(_ expression: PromQLExpression, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> [VectorSample] {
        guard case .vector(let samples) = try evaluate(expression, at: time, context) else {
            throw PromQLEvaluationError(.typeMismatch, "expected an instant vector", at: expression.sourceRange)
        }
        return samples
    }

    func scalarOperand(_ expression: PromQLExpression, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> Double {
        guard case .scalar(_, let value) = try evaluate(expression, at: time, context) else {
            throw PromQLEvaluationError(.typeMismatch, "expected a scalar", at: expression.sourceRange)
        }
        return value
    }

    func stringOperand(_ expression: PromQLExpression) throws(PromQLEvaluationError) -> String {
        guard case .string(let literal) = expression.unparenthesized else {
            throw PromQLEvaluationError(.typeMismatch, "expected a string literal", at: expression.sourceRange)
        }
        return literal.value
    }

    /// Prometheus's check after an operation that dropped the metric name from distinct label sets: they can only
    /// collide when they had different names, so the full check runs only then.
    static func requireUniqueLabelSets(
        _ samples: [VectorSample], droppedNamesFrom names: some Collection<String>, at range: SourceRange
    ) throws(PromQLEvaluationError) {
        guard let first = names.first, names.contains(where: { $0 != first }) else { return }
        try requireUniqueLabelSets(samples, at: range)
    }

    /// Prometheus's check after every operation that rewrites label sets.
    static func requireUniqueLabelSets(_ samples: [VectorSample], at range: SourceRange) throws(PromQLEvaluationError) {
        guard samples.count > 1 else { return }
        var seen = Set<SeriesLabels>(minimumCapacity: samples.count)
        for sample in samples where !seen.insert(sample.labels).inserted {
            throw .duplicateLabelSet(at: range)
        }
    }

    // MARK: Time

    /// Seconds since the epoch as Prometheus computes them from its millisecond timestamps (`float64(ms) / 1000`),
    /// exactly so for times on a whole millisecond.
    static func epochSeconds(_ nanoseconds: Int64) -> Double {
        let (milliseconds, rest) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000)
        return Double(milliseconds) / 1000 + Double(rest) / 1e9
    }

    /// A duration in seconds as Go's `Duration.Seconds()` computes it.
    static func durationSeconds(_ nanoseconds: Int64) -> Double {
        let (seconds, rest) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        return Double(seconds) + Double(rest) / 1e9
    }

    /// Whether `name` may name a label under the configured semantics.
    func isValidLabelName(_ name: String) -> Bool {
        switch semantics {
        case .prometheus3:
            return !name.isEmpty
        case .prometheus2:
            guard let first = name.utf8.first else { return false }
            func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
            return isLetter(first) && name.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
        }
    }
}
