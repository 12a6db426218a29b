import SeismoDetect

/// `health:` in a group: a health classifier per dependency, from the outcomes of calls to it.
///
/// Calls are grouped by the `key` labels (one classifier per distinct key); each classifier keeps a window of
/// calls and classifies the dependency as unknown, healthy, degraded or unhealthy from the share of failed (or
/// slow) calls, with hysteresis (see `HealthConfiguration`). Published as `seismo_health_state{health="<name>",
/// <key labels>}` (0 unknown, 1 healthy, 2 degraded, 3 unhealthy), with the bad-call ratio and call count.
public struct HealthDeclaration: Equatable, Sendable {
    /// Where the calls come from.
    public enum Input: Equatable, Sendable {
        /// One sample per call: non-zero is a success, 0 a failure (`selector:`). With `latency:`, a series with the
        /// same key labels gives each call's latency, for the slow-call threshold.
        case outcomes(selector: VectorSelector, latency: VectorSelector?)
        /// Request and error counters (`requests:` and `errors:`); their increases are the calls.
        case counters(requests: VectorSelector, errors: VectorSelector)
    }

    /// The `health` label of the outputs; unique among the health classifiers of all loaded files.
    public var name: String
    public var input: Input
    /// Labels that identify one dependency; nil: all labels of the input series.
    public var key: [String]?
    /// Window, thresholds, recovery margin, minimum calls and slow-call threshold, validated.
    public var configuration: HealthConfiguration
    /// Labels added to every output series.
    public var labels: [String: String]
    public var position: RuleFilePosition

    public init(
        name: String, input: Input, key: [String]? = nil, configuration: HealthConfiguration = .standard,
        labels: [String: String] = [:], position: RuleFilePosition
    ) {
        self.name = name
        self.input = input
        self.key = key
        self.configuration = configuration
        self.labels = labels
        self.position = position
    }
}
