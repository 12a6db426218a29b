import SeismoCore
import Synchronization
import Foundation

/// Expands the Go templates of alert labels and annotations in Prometheus rule files: `{{ $labels.name }}`,
/// `{{ $value | humanize }}`, `{{ if gt $value 0.5 }}…{{ else }}…{{ end }}`, `{{ range $k, $v := $labels }}`…
///
/// The language is `GoTemplate`'s subset of Go's `text/template`; the functions are `TemplateFunctions`.
public enum AlertTemplate {
    /// What one expansion sees: the alert's labels and value (the template's dot and `$labels`, `$value`), and
    /// what Prometheus's expander knows beside them (external labels and URL, evaluation time).
    public struct Data: Sendable {
        public var labels: [String: String]
        public var value: Double
        public var externalLabels: [String: String]
        /// The alert's name, which Prometheus's error messages name the template after (`__alert_<name>`).
        public var alertName: String
        /// `.ExternalURL` and `$externalURL`: the external URL's text, or a promtool test group's `external_url`
        /// (promtool sets these apart from the URL its `externalURL` function reads).
        public var externalURL: String
        /// What `externalURL` and `pathPrefix` return. nil (no external URL set, as in `promtool test rules`) makes
        /// them fail as Prometheus does on its nil URL.
        public var configuredURL: ExternalURL?
        /// The rule's evaluation time, ns since the epoch: what `now` returns (in seconds). Never the wall clock,
        /// so the same input expands to the same text.
        public var time: Int64

        public init(
            labels: [String: String], value: Double, externalLabels: [String: String] = [:], alertName: String = "",
            externalURL: String = "", configuredURL: ExternalURL? = nil, time: Int64 = 0
        ) {
            self.labels = labels
            self.value = value
            self.externalLabels = externalLabels
            self.alertName = alertName
            self.externalURL = externalURL
            self.configuredURL = configuredURL
            self.time = time
        }
    }

    /// The expanded text. Text without `{{` comes back unchanged. A template that cannot be parsed or expanded
    /// gives `<error expanding template: …>` as its whole text, as Prometheus does, rather than failing the rule.
    ///
    /// Execution errors read as Prometheus's, word for word: `error executing template __alert_<name>: template:
    /// __alert_<name>:1:118: executing "__alert_<name>" at <gt $value 1>: error calling gt: incompatible types for
    /// comparison`.
    ///
    /// - Parameter query: what the template's `query` calls run against (the rule's store at its evaluation
    ///   time); without one, `query` fails like a query that cannot run.
    public static func expand(_ template: String, _ data: Data, query: Query? = nil) -> String {
        guard hasAction(template) else { return template }
        let name = "__alert_" + data.alertName
        let parsed: GoTemplate
        switch parse(template) {
        case .success(let template): parsed = template
        case .failure(let error): return "<error expanding template: error parsing template \(name): \(error.message)>"
        }
        do {
            return try parsed.execute(data, query: query)
        } catch {
            guard let (position, command) = error.location else {
                return "<error expanding template: error executing template \(name): template: \(name): \(error.message)>"
            }
            let (line, column) = location(of: position, in: template)
            return "<error expanding template: error executing template \(name): template: \(name):\(line):\(column): "
                + "executing \"\(name)\" at <\(command)>: \(error.message)>"
        }
    }

    /// Whether the text holds `{{`, so has anything to execute. Over the UTF-8 bytes: Foundation's
    /// `contains` cost ~6k instructions a call, at every alert event.
    private static func hasAction(_ template: String) -> Bool {
        var afterBrace = false
        for byte in template.utf8 {
            if byte == UInt8(ascii: "{") {
                if afterBrace { return true }
                afterBrace = true
            } else {
                afterBrace = false
            }
        }
        return false
    }

    /// Templates parsed so far, by text: a rule's few annotation templates are expanded at every alert event, and
    /// parsing dominated expanding. Bounded: emptied when it would pass `parsedLimit` entries.
    private static let parsed = Mutex<[String: Result<GoTemplate, TemplateError>]>([:])
    private static let parsedLimit = 4_096

    private static func parse(_ template: String) -> Result<GoTemplate, TemplateError> {
        if let known = parsed.withLock({ $0[template] }) { return known }
        let result: Result<GoTemplate, TemplateError>
        do { result = .success(try GoTemplate(parsing: template)) } catch { result = .failure(error) }
        parsed.withLock { cache in
            if cache.count >= parsedLimit { cache.removeAll() }
            cache[template] = result
        }
        return result
    }

    /// Prometheus expands `{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL :=
    /// .ExternalURL}}{{$value := .Value}}` and then the rule's text, so positions on its first line count these
    /// 112 bytes too.
    private static let prefixLength = 112

    /// Go's `ErrorContext` position of byte `position`: 1-based line, byte column counted from 0 (after the
    /// prefix on the first line).
    private static func location(of position: Int, in template: String) -> (line: Int, column: Int) {
        let before = template.utf8.prefix(position)
        guard let lastNewline = before.lastIndex(of: UInt8(ascii: "\n")) else { return (1, prefixLength + position) }
        let line = 1 + before.lazy.filter { $0 == UInt8(ascii: "\n") }.count
        return (line, position - (template.utf8.distance(from: template.utf8.startIndex, to: lastNewline) + 1))
    }
}
