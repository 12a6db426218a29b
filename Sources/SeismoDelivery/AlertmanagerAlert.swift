import SeismoCore
import SeismoRules

/// One alert as Alertmanager's `POST /api/v2/alerts` takes it: labels (with `alertname`), annotations, `startsAt`,
/// `endsAt` and `generatorURL`.
///
/// `endsAt` in the future means "firing, and valid until then unless re-sent"; in the past, "resolved at that time".
public struct AlertmanagerAlert: Sendable, Equatable {
    /// Identifies the alert across sends: Prometheus's fingerprint of `labels` (as in the JSON-lines output).
    public var fingerprint: String
    /// Sorted by name; includes `alertname`.
    public var labels: [Label]
    /// Sorted by name.
    public var annotations: [Label]
    /// When the alert started firing, ns since the epoch.
    public var startsAt: Int64
    /// Until when the alert holds (firing) or when it resolved, ns since the epoch.
    public var endsAt: Int64
    public var generatorURL: String

    public init(
        fingerprint: String, labels: [Label], annotations: [Label], startsAt: Int64, endsAt: Int64, generatorURL: String
    ) {
        self.fingerprint = fingerprint
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    /// The body of one `POST /api/v2/alerts`: a JSON array of `alerts`.
    public static func renderBatch(_ alerts: some Collection<AlertmanagerAlert>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(alerts.count * 256)
        out.append(UInt8(ascii: "["))
        for (i, alert) in alerts.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            alert.render(into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Appends the alert as one JSON object.
    public func render(into out: inout [UInt8]) {
        JSONBytes.appendRaw("{\"labels\":", to: &out)
        Self.appendObject(labels, to: &out)
        JSONBytes.appendRaw(",\"annotations\":", to: &out)
        Self.appendObject(annotations, to: &out)
        JSONBytes.appendRaw(",\"startsAt\":", to: &out)
        JSONBytes.appendString(Timestamp.rfc3339(startsAt), to: &out)
        JSONBytes.appendRaw(",\"endsAt\":", to: &out)
        JSONBytes.appendString(Timestamp.rfc3339(endsAt), to: &out)
        JSONBytes.appendRaw(",\"generatorURL\":", to: &out)
        JSONBytes.appendString(generatorURL, to: &out)
        out.append(UInt8(ascii: "}"))
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
