import SeismoCore

extension VectorSelector {
    /// Whether the series `labels` is one this selector selects: its metric name equals `metricName` (when one is
    /// written) and every matcher passes.
    ///
    /// As in Prometheus, a label the series does not have matches as the empty string (`{env=""}` selects series
    /// without `env`, `{env!=""}` series with it), and `__name__` in a matcher is the metric name. `offset` and `@`
    /// are ignored: they say when to look, not which series.
    ///
    /// - Complexity: O(matchers × labels), plus the regex for `=~` and `!~`. Callers that match every new series
    ///   (the detection stage) do it once per series, not per sample.
    public func matches(_ labels: SeriesLabels) -> Bool {
        if let metricName, labels.metric != metricName { return false }
        for matcher in matchers {
            let value = matcher.name == "__name__" ? labels.metric : labels[matcher.name] ?? ""
            if !matcher.matches(value) { return false }
        }
        return true
    }
}
