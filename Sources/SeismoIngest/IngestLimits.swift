/// Caps that keep a hostile or broken input from exhausting memory. Each has a `seismo run` flag.
public struct IngestLimits: Sendable, Equatable {
    /// Longest accepted line in bytes, newline excluded (`--max-line-length`). Longer lines are skipped to the
    /// next newline without being buffered whole.
    public var maxLineLength: Int = 64 * 1024
    /// Most labels one series may carry, metric name not counted (`--max-labels`).
    public var maxLabels: Int = 64
    /// Longest metric or label name in bytes (`--max-label-name-length`).
    public var maxLabelNameLength: Int = 256
    /// Longest label value in bytes (`--max-label-value-length`).
    public var maxLabelValueLength: Int = 4096
    /// Most distinct series over the whole run (`--max-series`).
    public var maxSeries: Int = 1_000_000
    /// How far behind a series' newest timestamp a sample may be and still be accepted, in ns (`--ooo-window`).
    /// 0 accepts equal timestamps but nothing older.
    public var outOfOrderWindow: Int64 = 0

    public init() {}
}
