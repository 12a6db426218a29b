#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

/// Binary operators: arithmetic and comparison between scalars and vectors, vector matching with
/// `on`/`ignoring` and `group_left`/`group_right`, and the set operators `and`, `or`, `unless`.
extension PromQLEvaluator {
    /// How a vector/vector operation pairs series up.
    private enum Cardinality {
        case oneToOne, manyToOne, oneToMany, manyToMany
    }

    func evaluateBinary(_ node: BinaryOperation, at time: Int64, _ context: Context) throws(PromQLEvaluationError) -> PromQLValue {
        if node.op.isComparison, !node.returnsBool, !dropsMetricName(node.op),
           case .vectorSelector(let selector) = node.lhs.unparenthesized, case .number(let literal) = node.rhs.unparenthesized {
            return .vector(filter(selector, node.op, literal.value, at: time, context))
        }
        let lhs = try evaluate(node.lhs, at: time, context)
        let rhs = try evaluate(node.rhs, at: time, context)
        switch (lhs, rhs) {
        case (.scalar(_, let l), .scalar(_, let r)):
            let (value, keep) = Self.apply(node.op, l, r)
            return .scalar(time: time, value: node.op.isComparison ? (keep ? 1 : 0) : value)
        case (.vector(let vector), .scalar(_, let scalar)):
            return .vector(try vectorScalar(node, vector, scalar, scalarOnLeft: false))
        case (.scalar(_, let scalar), .vector(let vector)):
            return .vector(try vectorScalar(node, vector, scalar, scalarOnLeft: true))
        case (.vector(let l), .vector(let r)):
            if node.op.isSetOperator { return .vector(setOperation(node, l, r)) }
            return .vector(try vectorVector(node, l, r))
        default:
            throw PromQLEvaluationError(
                .typeMismatch, "binary expression must contain only scalar and instant vector types", at: node.sourceRange
            )
        }
    }

    /// `selector op number` for a comparison without `bool`, the shape of most alert conditions: the selector's
    /// samples that pass, taken straight from the store, without building the whole instant vector first. The
    /// same result as `vectorScalar` over `instantVector`.
    private func filter(
        _ selector: VectorSelector, _ op: BinaryOperator, _ bound: Double, at time: Int64, _ context: Context
    ) -> [VectorSample] {
        let reference = referenceTime(at: selector.at, offset: selector.offset, evaluationTime: time, context)
        let lookback = semantics == .prometheus2 ? lookbackDelta + 1 : lookbackDelta
        let selection = matchingSeries(selector, context)
        var out: [VectorSample] = []
        for (i, id) in selection.ids.enumerated() {
            guard let latest = context.store.latest(id, at: reference, lookback: lookback),
                  !Self.isStaleMarker(latest.value), Self.apply(op, latest.value, bound).keep else { continue }
            out.append(VectorSample(labels: selection.labels[i], value: latest.value, time: time))
        }
        return out
    }

    /// The value of `l op r`, and for comparisons whether the pair passes (the value is then `l`).
    static func apply(_ op: BinaryOperator, _ l: Double, _ r: Double) -> (value: Double, keep: Bool) {
        switch op {
        case .add: return (l + r, true)
        case .subtract: return (l - r, true)
        case .multiply: return (l * r, true)
        case .divide: return (l / r, true)
        case .power: return (pow(l, r), true)
        case .modulo: return (fmod(l, r), true)
        case .atan2: return (atan2(l, r), true)
        case .equal: return (l, l == r)
        case .notEqual: return (l, l != r)
        case .greater: return (l, l > r)
        case .less: return (l, l < r)
        case .greaterOrEqual: return (l, l >= r)
        case .lessOrEqual: return (l, l <= r)
        case .and, .or, .unless: return (l, true)
        }
    }

    /// Whether the result of `op` loses the metric name: arithmetic does, comparisons and set operators keep
    /// it (`atan2` only from Prometheus 3 on).
    private func dropsMetricName(_ op: BinaryOperator) -> Bool {
        switch op {
        case .add, .subtract, .multiply, .divide, .power, .modulo: return true
        case .atan2: return semantics == .prometheus3
        default: return false
        }
    }

    private func vectorScalar(
        _ node: BinaryOperation, _ vector: [VectorSample], _ scalar: Double, scalarOnLeft: Bool
    ) throws(PromQLEvaluationError) -> [VectorSample] {
        var out: [VectorSample] = []
        out.reserveCapacity(vector.count)
        let dropName = dropsMetricName(node.op) || node.returnsBool
        for sample in vector {
            var (value, keep) = scalarOnLeft ? Self.apply(node.op, scalar, sample.value) : Self.apply(node.op, sample.value, scalar)
            // A comparison always yields the vector's value, whichever side the vector is on.
            if node.op.isComparison, scalarOnLeft { value = sample.value }
            if node.returnsBool {
                value = keep ? 1 : 0
                keep = true
            }
            guard keep else { continue }
            out.append(VectorSample(labels: dropName ? sample.labels.droppingMetricName : sample.labels, value: value, time: sample.time))
        }
        if dropName {
            try Self.requireUniqueLabelSets(out, droppedNamesFrom: vector.lazy.map(\.labels.metric), at: node.sourceRange)
        }
        return out
    }

    private func cardinality(_ node: BinaryOperation) -> Cardinality {
        if node.op.isSetOperator { return .manyToMany }
        switch node.matching?.grouping {
        case .left: return .manyToOne
        case .right: return .oneToMany
        case nil: return .oneToOne
        }
    }

    /// `on` (true) or `ignoring` (false), and the labels listed.
    private func matchingLabels(_ node: BinaryOperation) -> (on: Bool, names: [String]) {
        guard let matching = node.matching else { return (false, []) }
        return (matching.axis == .on, matching.labels)
    }

    private func vectorVector(_ node: BinaryOperation, _ lhs: [VectorSample], _ rhs: [VectorSample]) throws(PromQLEvaluationError) -> [VectorSample] {
        guard !lhs.isEmpty, !rhs.isEmpty else { return [] }
        let card = cardinality(node)
        let (on, names) = matchingLabels(node)
        let include: [String]
        switch node.matching?.grouping {
        case .left(let labels), .right(let labels): include = labels
        case nil: include = []
        }
        // The "many" side drives; one-to-many swaps the sides and swaps the operands back when computing.
        let (many, one) = card == .oneToMany ? (rhs, lhs) : (lhs, rhs)

        var oneBySignature: [[Label]: VectorSample] = [:]
        oneBySignature.reserveCapacity(one.count)
        for sample in one {
            let signature = sample.labels.signature(on: on, names)
            if let duplicate = oneBySignature[signature] {
                let side = card == .oneToMany ? "left" : "right"
                let group = (on ? sample.labels.keeping(names) : sample.labels.removing(names).droppingMetricName)
                    .prometheusDescription
                throw PromQLEvaluationError(
                    .manyToManyMatching,
                    "found duplicate series for the match group \(group) on the \(side) hand-side of the operation: "
                        + "[\(sample.labels.prometheusDescription), \(duplicate.labels.prometheusDescription)]"
                        + ";many-to-many matching not allowed: matching labels must be unique on one side",
                    at: node.sourceRange
                )
            }
            oneBySignature[signature] = sample
        }

        let dropName = dropsMetricName(node.op)
        var matched: [[Label]: Set<SeriesLabels>] = [:]
        var out: [VectorSample] = []
        for sample in many {
            let signature = sample.labels.signature(on: on, names)
            guard let partner = oneBySignature[signature] else { continue }
            let (l, r) = card == .oneToMany ? (partner.value, sample.value) : (sample.value, partner.value)
            var (value, keep) = Self.apply(node.op, l, r)
            if node.returnsBool {
                value = keep ? 1 : 0
            } else if !keep {
                continue
            }
            var labels = dropName ? sample.labels.droppingMetricName : sample.labels
            if card == .oneToOne {
                labels = on ? labels.keeping(names) : labels.removing(names)
            }
            // `group_x (labels)` copies those labels from the "one" side (removing any it lacks).
            for name in include {
                labels = labels.setting(name, to: partner.labels.value(of: name))
            }
            if node.returnsBool { labels = labels.droppingMetricName }
            if card == .oneToOne {
                if matched[signature] != nil {
                    throw PromQLEvaluationError(
                        .ambiguousMatching,
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)",
                        at: node.sourceRange
                    )
                }
                matched[signature] = []
            } else if !matched[signature, default: []].insert(labels).inserted {
                throw PromQLEvaluationError(
                    .ambiguousMatching,
                    "multiple matches for matching labels; many-to-one matching must be explicit (group_left/group_right)",
                    at: node.sourceRange
                )
            }
            out.append(VectorSample(labels: labels, value: value, time: sample.time))
        }
        try Self.requireUniqueLabelSets(out, at: node.sourceRange)
        return out
    }

    /// `and`, `or`, `unless`: many-to-many by signature, keeping the samples as they are.
    private func setOperation(_ node: BinaryOperation, _ lhs: [VectorSample], _ rhs: [VectorSample]) -> [VectorSample] {
        let (on, names) = matchingLabels(node)
        switch node.op {
        case .and:
            guard !lhs.isEmpty, !rhs.isEmpty else { return [] }
            let right = Set(rhs.map { $0.labels.signature(on: on, names) })
            return lhs.filter { right.contains($0.labels.signature(on: on, names)) }
        case .or:
            if lhs.isEmpty { return rhs }
            if rhs.isEmpty { return lhs }
            let left = Set(lhs.map { $0.labels.signature(on: on, names) })
            return lhs + rhs.filter { !left.contains($0.labels.signature(on: on, names)) }
        default:
            guard !lhs.isEmpty, !rhs.isEmpty else { return lhs }
            let right = Set(rhs.map { $0.labels.signature(on: on, names) })
            return lhs.filter { !right.contains($0.labels.signature(on: on, names)) }
        }
    }
}
