import SeismoCore

/// Durations as a report shows them: the two largest units, `1d 4h`, `2h 5m`, `5m 30s`, `45s`, `0.250s`.
public enum DurationText {
    public static func format(_ nanoseconds: Int64) -> String {
        let ns = max(0, nanoseconds)
        let perSecond = Timestamp.nanosecondsPerSecond
        if ns < perSecond {
            return ns == 0 ? "0s" : "0." + String(String(ns / 1_000_000 + 1_000).dropFirst()) + "s"
        }
        let total = ns / perSecond
        let units: [(Int64, String)] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")]
        var parts: [String] = []
        var rest = total
        for (size, name) in units {
            let n = rest / size
            rest %= size
            if n > 0 || !parts.isEmpty { parts.append("\(n)\(name)") }
            if parts.count == 2 { break }
        }
        if parts.count == 2, parts[1].hasPrefix("0") { parts.removeLast() }
        return parts.joined(separator: " ")
    }
}
