import SeismoCore
import SeismoEngine

/// Turns a `StatusSnapshot` into text: the multi-line frame of the live view, or the one-line form logged when
/// stderr is not a terminal. Pure: the same snapshots always give the same text.
public struct StatusRenderer: Sendable {
    /// Lines are cut to this many characters (the terminal's width).
    public var width: Int
    /// Characters in an error-budget bar.
    public var barWidth: Int
    /// Most SLOs, unhealthy dependencies and firing alerts listed each; the rest are counted.
    public var listLimit: Int

    public init(width: Int = 100, barWidth: Int = 20, listLimit: Int = 8) {
        self.width = width
        self.barWidth = barWidth
        self.listLimit = listLimit
    }

    /// The live view, one string per screen line (no newlines).
    public func frame(_ snapshot: StatusSnapshot, previous: StatusSnapshot?) -> [String] {
        var lines: [String] = []
        var head = "seismo  \(snapshot.lines) lines"
        if let rate = Self.linesPerSecond(snapshot, previous) { head += "  \(Self.decimal(rate, digits: 0)) lines/s" }
        head += "  \(snapshot.series) series  \(snapshot.rejected) rejected"
        if let eventTime = snapshot.eventTime { head += "  clock \(Timestamp.rfc3339(eventTime))" }
        lines.append(head)
        if !snapshot.slos.isEmpty {
            lines.append("SLOs (error budget consumed)")
            // Names get what the bar and the percentage leave of the line, so the labels that split an SLO show.
            let room = max(12, width - barWidth - 14)
            let nameWidth = min(room, snapshot.slos.prefix(listLimit).map(\.name.count).max() ?? 0)
            for slo in snapshot.slos.prefix(listLimit) {
                let name = slo.name.count > nameWidth ? String(slo.name.prefix(nameWidth - 1)) + "…" : slo.name
                let padded = name + String(repeating: " ", count: nameWidth - name.count)
                let percent = Self.decimal(100 * (1 - slo.budgetRemaining), digits: 1)
                lines.append("  \(padded)  \(bar(consumed: slo.budgetConsumed))  \(percent)%")
            }
            if snapshot.slos.count > listLimit { lines.append("  … and \(snapshot.slos.count - listLimit) more") }
        }
        if !snapshot.unhealthy.isEmpty {
            lines.append("unhealthy (\(snapshot.unhealthy.count))")
            for name in snapshot.unhealthy.prefix(listLimit) { lines.append("  \(name)") }
            if snapshot.unhealthy.count > listLimit { lines.append("  … and \(snapshot.unhealthy.count - listLimit) more") }
        }
        lines.append("firing (\(snapshot.firing.count)), pending \(snapshot.pending)")
        for alert in snapshot.firing.prefix(listLimit) {
            let labels = alert.labels.isEmpty ? "" : "{\(alert.labels)}"
            lines.append("  since \(Timestamp.rfc3339(alert.since))  \(alert.alert)\(labels)")
        }
        if snapshot.firing.count > listLimit { lines.append("  … and \(snapshot.firing.count - listLimit) more") }
        return lines.map { $0.count > width ? String($0.prefix(width - 1)) + "…" : $0 }
    }

    /// The status in one line, for logs: counts only.
    public func line(_ snapshot: StatusSnapshot, previous: StatusSnapshot?) -> String {
        var out = "status: \(snapshot.lines) lines"
        if let rate = Self.linesPerSecond(snapshot, previous) { out += " (\(Self.decimal(rate, digits: 0))/s)" }
        out += ", \(snapshot.series) series, \(snapshot.rejected) rejected, \(snapshot.firing.count) firing"
        out += ", \(snapshot.pending) pending, \(snapshot.unhealthy.count) unhealthy"
        if let worst = snapshot.slos.max(by: { $0.budgetConsumed < $1.budgetConsumed }) {
            out += ", most budget consumed: \(worst.name) \(Self.decimal(100 * (1 - worst.budgetRemaining), digits: 1))%"
        }
        return out
    }

    /// `[██████░░░░░░░░░░░░░░]`: `consumed` (0...1) of the bar filled, rounded to the nearest cell.
    public func bar(consumed: Double) -> String {
        let filled = Int((min(1, max(0, consumed)) * Double(barWidth)).rounded())
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "]"
    }

    /// Lines per second between two snapshots; nil without a previous one or time between them.
    static func linesPerSecond(_ now: StatusSnapshot, _ previous: StatusSnapshot?) -> Double? {
        guard let previous, now.monotonic > previous.monotonic, now.lines >= previous.lines else { return nil }
        return Double(now.lines - previous.lines) / (Double(now.monotonic - previous.monotonic) / 1e9)
    }

    /// `x` with `digits` decimals, no locale.
    static func decimal(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int64(scaled / scale)
        let sign = x < 0 && scaled > 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(whole)" }
        let fraction = Int64(scaled) - whole * Int64(scale)
        let text = "\(fraction)"
        return sign + "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}
