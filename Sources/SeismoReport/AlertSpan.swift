import SeismoCore

/// One stretch of time an alert (one label set) was firing.
public struct AlertSpan: Sendable, Equatable {
    /// The alert's labels, `alertname` included; empty for spans merged to keep a long replay's memory bounded.
    public var labels: [Label]
    /// Event time (ns) of the `firing` event.
    public var start: Int64
    /// Event time (ns) of the `resolved` event; nil while still firing at the end of the input.
    public var end: Int64?

    public init(labels: [Label], start: Int64, end: Int64?) {
        self.labels = labels
        self.start = start
        self.end = end
    }
}
