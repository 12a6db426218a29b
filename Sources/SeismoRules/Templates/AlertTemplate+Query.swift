extension AlertTemplate {
    /// What a template's `query` runs against: the rule engine's store, read at the evaluation time of the rule
    /// that expands the template, as Prometheus runs template queries at the rule's evaluation timestamp.
    ///
    /// Not `Sendable`: it holds the store, which only the thread evaluating the rules may read. It is kept
    /// apart from `Data` (which is) and passed to `expand(_:_:query:)` beside it.
    public struct Query {
        public var evaluator: PromQLEvaluator
        public var store: SeriesStore
        /// Evaluation time, ns since the epoch.
        public var time: Int64

        public init(evaluator: PromQLEvaluator, store: SeriesStore, time: Int64) {
            self.evaluator = evaluator
            self.store = store
            self.time = time
        }

        /// The instant query `text` at `time`, as Prometheus's template `query` returns it: each sample's labels
        /// (`__name__` included) and value, in the result's order (by label set; Prometheus keeps its storage's
        /// order); a scalar as one sample without labels.
        ///
        /// - Throws: `TemplateError` with Prometheus's text for a query that does not parse
        ///   (`1:6: parse error: …`), fails to evaluate, or returns a string or a range vector.
        func samples(_ text: String) throws(TemplateError) -> [TemplateValue.Sample] {
            let expression: PromQLExpression
            do {
                expression = try PromQLParser.parse(text)
            } catch {
                throw TemplateError("\(error.position): parse error: \(error.message)")
            }
            let value: PromQLValue
            do {
                value = try evaluator.evaluate(expression, at: time, store: store)
            } catch {
                throw TemplateError(error.message)
            }
            switch value {
            case .vector(let samples):
                return samples.map { sample in
                    var labels: [String: String] = [:]
                    for label in sample.labels.labels { labels[label.name] = label.value }
                    if !sample.labels.metric.isEmpty { labels["__name__"] = sample.labels.metric }
                    return TemplateValue.Sample(labels: labels, value: sample.value)
                }
            case .scalar(_, let value):
                return [TemplateValue.Sample(labels: [:], value: value)]
            case .string, .matrix:
                throw TemplateError("rule result is not a vector or scalar")
            }
        }
    }
}
