import SeismoCore
import SeismoRules
import Testing

/// `VectorSelector.matches(_:)` against label sets, with Prometheus's rules: a missing label is the empty string,
/// `__name__` is the metric name, regexes are anchored.
@Suite struct VectorSelectorMatchingTests {
    private static let series = SeriesLabels(
        metric: "http_requests_total",
        labels: [Label(name: "job", value: "api"), Label(name: "code", value: "500")]
    )

    @Test(arguments: [
        ("http_requests_total", true),
        ("other_metric", false),
        (#"http_requests_total{job="api"}"#, true),
        (#"http_requests_total{job="web"}"#, false),
        (#"{job="api"}"#, true),
        (#"{__name__="http_requests_total"}"#, true),
        (#"{__name__=~"http_.*"}"#, true),
        (#"{job="api",__name__!~"http_.*"}"#, false),
        (#"http_requests_total{code=~"5.."}"#, true),
        (#"http_requests_total{code=~"5"}"#, false),  // anchored: "5" does not match "500"
        (#"http_requests_total{code!="500"}"#, false),
        (#"http_requests_total{env=""}"#, true),  // missing label matches the empty string
        (#"http_requests_total{env!=""}"#, false),
        (#"http_requests_total{env=~"prod|"}"#, true),
        (#"http_requests_total{env="prod"}"#, false),
        (#"http_requests_total{job="api",code=~"4.."}"#, false),
    ])
    func matchesLikePrometheus(selector: String, expected: Bool) throws {
        guard case .vectorSelector(let parsed) = try PromQLParser.parse(selector) else {
            Issue.record("\(selector) is not a vector selector")
            return
        }
        #expect(parsed.matches(Self.series) == expected, "\(selector)")
    }
}
