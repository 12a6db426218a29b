import SeismoCore

/// One alert state change as Seismo reports it: a JSON object per line on the alert output.
///
/// Keys, in this order: `seq` (monotonic per run), `time` (event time, RFC 3339 UTC), `alert`, `state`
/// (`pending`, `firing`, `resolved`), `labels` (including `alertname`), `annotations`, `value` (`null` when not
/// finite), `activeAt`, `fingerprint` (of the labels), `flapping`, and `provenance` (`source` and `line` of the
/// input sample that caused the change, when known).
public struct AlertEvent: Sendable, Equatable {
    public struct Provenance: Sendable, Equatable {
        public var source: String
        public var line: UInt64
        public init(source: String, line: UInt64) {
            self.source = source
            self.line = line
        }
    }

    public var seq: UInt64
    public var time: Int64
    public var alert: String
    public var state: AlertState
    /// Sorted by name.
    public var labels: [Label]
    /// Sorted by name.
    public var annotations: [Label]
    public var value: Double
    public var activeAt: Int64
    public var flapping: Bool
    public var provenance: Provenance?

    public init(
        seq: UInt64, time: Int64, alert: String, state: AlertState, labels: [Label], annotations: [Label],
        value: Double, activeAt: Int64, flapping: Bool = false, provenance: Provenance? = nil
    ) {
        self.seq = seq
        self.time = time
        self.alert = alert
        self.state = state
        self.labels = labels.sorted { $0.name < $1.name }
        self.annotations = annotations.sorted { $0.name < $1.name }
        self.value = value
        self.activeAt = activeAt
        self.flapping = flapping
        self.provenance = provenance
    }

    public var fingerprint: String { Fingerprint.hex(labels) }

    /// Appends the event as one JSON line (newline included).
    public func render(into out: inout [UInt8]) {
        JSONBytes.appendRaw("{\"seq\":", to: &out)
        JSONBytes.appendInteger(seq, to: &out)
        JSONBytes.appendRaw(",\"time\":", to: &out)
        JSONBytes.appendString(Timestamp.rfc3339(time), to: &out)
        JSONBytes.appendRaw(",\"alert\":", to: &out)
        JSONBytes.appendString(alert, to: &out)
        JSONBytes.appendRaw(",\"state\":", to: &out)
        JSONBytes.appendString(state.rawValue, to: &out)
        JSONBytes.appendRaw(",\"labels\":", to: &out)
        Self.appendObject(labels, to: &out)
        JSONBytes.appendRaw(",\"annotations\":", to: &out)
        Self.appendObject(annotations, to: &out)
        JSONBytes.appendRaw(",\"value\":", to: &out)
        JSONBytes.appendNumber(value, to: &out)
        JSONBytes.appendRaw(",\"activeAt\":", to: &out)
        JSONBytes.appendString(Timestamp.rfc3339(activeAt), to: &out)
        JSONBytes.appendRaw(",\"fingerprint\":", to: &out)
        JSONBytes.appendString(fingerprint, to: &out)
        JSONBytes.appendRaw(",\"flapping\":", to: &out)
        JSONBytes.appendRaw(flapping ? "true" : "false", to: &out)
        JSONBytes.appendRaw(",\"provenance\":", to: &out)
        if let provenance {
            JSONBytes.appendRaw("{\"source\":", to: &out)
            JSONBytes.appendString(provenance.source, to: &out)
            JSONBytes.appendRaw(",\"line\":", to: &out)
            JSONBytes.appendInteger(provenance.line, to: &out)
            JSONBytes.appendRaw("}", to: &out)
        } else {
            JSONBytes.appendRaw("null", to: &out)
        }
        JSONBytes.appendRaw("}\n", to: &out)
    }

    private static func appendObject(_ pairs: [Label], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, pair) in pairs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.appendString(pair.name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONBytes.appendString(pair.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}
