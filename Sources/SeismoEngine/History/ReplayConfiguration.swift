import SeismoRules

/// What `seismo replay` replays and through what.
public struct ReplayConfiguration: Sendable {
    /// The history directory.
    public var directory: String
    /// The rule set, alert output and sinks, detector and default rule interval, as for a live run. Its
    /// `history`, ingest and ring settings are not used.
    public var engine: EngineConfiguration
    /// Only samples (and clock markers) with timestamps in `from...to`, ns, inclusive.
    public var from: Int64 = .min
    public var to: Int64 = .max
    /// Only series this selector matches (its matchers, name included; offset and `@` are ignored).
    public var match: VectorSelector?
    /// Where the replay reports how far it has got (a progress bar reads it); nil reports nothing.
    public var progress: ReplayProgress?

    public init(directory: String, engine: EngineConfiguration) {
        self.directory = directory
        self.engine = engine
    }
}
