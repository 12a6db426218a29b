import SeismoCore

extension RuleEngine {
    /// What one alerting rule's or invariant's annotations are expanded from, apart from the evaluation: its
    /// templates and the names and URLs every expansion sees. One object per rule, shared by its alerts, so an
    /// evaluation that returns an alert again only has to check that it still points here.
    final class AnnotationSource {
        let templates: [String: String]
        let alertName: String
        let externalLabels: [String: String]
        let externalURL: String
        let configuredURL: AlertTemplate.ExternalURL?

        init(
            templates: [String: String], alertName: String, externalLabels: [String: String], externalURL: String,
            configuredURL: AlertTemplate.ExternalURL?
        ) {
            self.templates = templates
            self.alertName = alertName
            self.externalLabels = externalLabels
            self.externalURL = externalURL
            self.configuredURL = configuredURL
        }

        /// The template data of an evaluation that returned the alert with `labels` (the sample's, `__name__`
        /// included) and `value` at `time`.
        func data(labels: [String: String], value: Double, time: Int64) -> AlertTemplate.Data {
            AlertTemplate.Data(
                labels: labels, value: value, externalLabels: externalLabels, alertName: alertName,
                externalURL: externalURL, configuredURL: configuredURL, time: time)
        }

        /// The annotations expanded for one evaluation, sorted by name.
        func annotations(labels: [String: String], value: Double, time: Int64, query: AlertTemplate.Query?) -> [Label] {
            let data = data(labels: labels, value: value, time: time)
            return templates.map { Label(name: $0.key, value: AlertTemplate.expand($0.value, data, query: query)) }
                .sorted { $0.name < $1.name }
        }
    }
}
