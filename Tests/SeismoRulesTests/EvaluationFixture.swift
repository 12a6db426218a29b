import SeismoCore
import SeismoRules
import Testing

/// A `SeriesStore` filled the way promtool test files and Prometheus's own PromQL tests fill theirs: series
/// written as selectors, values in the expanding notation (`0+10x5` is 0, 10, …, 50; `_` is a missing sample),
/// one sample per `interval` from time 0. Times in the helpers are seconds.
struct EvaluationFixture {
    static let second: Int64 = 1_000_000_000

    let store = SeriesStore(retention: 1 << 62)
    private var nextID: UInt32 = 0

    /// Adds a series such as `http_requests_total{job="api"}` with samples every `interval` seconds from `start`.
    mutating func load(_ series: String, every interval: Int64 = 60, from start: Int64 = 0, _ values: String) {
        let id = register(series)
        for (i, value) in Self.expand(values).enumerated() {
            guard let value else { continue }
            store.append(id, time: (start + Int64(i) * interval) * Self.second, value: value)
        }
    }

    /// Adds a series with samples at explicit times (seconds).
    mutating func load(_ series: String, samples: [(Int64, Double)]) {
        let id = register(series)
        for (time, value) in samples { store.append(id, time: time * Self.second, value: value) }
    }

    private mutating func register(_ series: String) -> SeriesID {
        guard case .vectorSelector(let selector) = try! PromQLParser.parse(series) else {
            preconditionFailure("EvaluationFixture: \(series) is not a series")
        }
        let labels = selector.matchers.map { Label(name: $0.name, value: $0.value) }
        let id = SeriesID(nextID)
        nextID += 1
        store.register(id, labels: SeriesLabels(metric: selector.metricName ?? "", labels: labels))
        return id
    }

    /// promtool's expanding notation: `a+bxn` / `a-bxn` give n+1 values, `axn` repeats a n+1 times, `_` is a
    /// gap and `_xn` n+1 gaps.
    static func expand(_ text: String) -> [Double?] {
        var out: [Double?] = []
        for token in text.split(separator: " ") {
            let parts = token.split(separator: "x", maxSplits: 1)
            let count = parts.count == 2 ? Int(parts[1])! + 1 : 1
            let head = parts[0]
            if head == "_" {
                out += Array(repeating: nil, count: count)
                continue
            }
            if parts.count == 2, let sign = head.dropFirst().firstIndex(where: { $0 == "+" || $0 == "-" }) {
                let start = Double(head[..<sign])!
                let step = Double(head[sign...])!
                out += (0..<count).map { start + Double($0) * step }
            } else {
                out += Array(repeating: Double(head)!, count: count)
            }
        }
        return out
    }

    func evaluate(
        _ expression: String, at seconds: Int64, _ evaluator: PromQLEvaluator = PromQLEvaluator()
    ) throws -> PromQLValue {
        try evaluator.evaluate(PromQLParser.parse(expression), at: seconds * Self.second, store: store)
    }

    /// An instant-vector result as `labels → value`, labels in Prometheus notation (`{}` for none).
    func vector(
        _ expression: String, at seconds: Int64, _ evaluator: PromQLEvaluator = PromQLEvaluator()
    ) throws -> [String: Double] {
        guard case .vector(let samples) = try evaluate(expression, at: seconds, evaluator) else {
            Issue.record("\(expression) did not give an instant vector")
            return [:]
        }
        var out: [String: Double] = [:]
        for sample in samples {
            let key = sample.labels.metric.isEmpty && sample.labels.labels.isEmpty ? "{}" : sample.labels.description
            #expect(out[key] == nil, "\(key) twice in \(expression)")
            out[key] = sample.value
        }
        return out
    }

    /// The single value of a one-element vector or a scalar.
    func value(_ expression: String, at seconds: Int64, _ evaluator: PromQLEvaluator = PromQLEvaluator()) throws -> Double? {
        switch try evaluate(expression, at: seconds, evaluator) {
        case .scalar(_, let value): return value
        case .vector(let samples) where samples.count == 1: return samples[0].value
        case .vector(let samples) where samples.isEmpty: return nil
        case let other:
            Issue.record("\(expression) gave \(other), not one value")
            return nil
        }
    }

    /// The error `expression` fails with, or nil.
    func error(_ expression: String, at seconds: Int64) throws -> PromQLEvaluationError? {
        do {
            _ = try PromQLEvaluator().evaluate(PromQLParser.parse(expression), at: seconds * Self.second, store: store)
            return nil
        } catch let error as PromQLEvaluationError {
            return error
        }
    }
}

/// Prometheus 2 boundaries and rules, for comparing with the `promtool` Debian ships.
extension PromQLEvaluator {
    static let prometheus2 = PromQLEvaluator(semantics: .prometheus2)
}
