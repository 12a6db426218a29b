/// Durations in Prometheus notation: `1h30m`, `5m`, `250ms`, `2d`, `1w`, `1y`, or plain seconds like `30`.
public enum PromDuration {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var description: String { "invalid duration \"\(text)\" (expected e.g. 30s, 5m, 1h30m, 250ms)" }
    }

    /// Parses `text` into nanoseconds. Units must come in descending order, each at most once, as in Prometheus.
    public static func nanoseconds(_ text: String) throws(ParseError) -> Int64 {
        let units: [(String, Int64)] = [
            ("y", 365 * 86_400_000_000_000), ("w", 7 * 86_400_000_000_000), ("d", 86_400_000_000_000),
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
        ]
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw ParseError(text: text) }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let seconds = Int64(text), seconds <= Int64.max / 1_000_000_000 else { throw ParseError(text: text) }
            return seconds * 1_000_000_000
        }
        var i = 0
        var total: Int64 = 0
        var lastUnit = -1
        while i < bytes.count {
            var number: Int64 = 0
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                let (m, o1) = number.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(bytes[i] - 0x30))
                if o1 || o2 { throw ParseError(text: text) }
                number = a
                i += 1
            }
            guard i > start else { throw ParseError(text: text) }
            var unitEnd = i
            while unitEnd < bytes.count, !(bytes[unitEnd] >= 0x30 && bytes[unitEnd] <= 0x39) { unitEnd += 1 }
            let unit = String(decoding: bytes[i..<unitEnd], as: UTF8.self)
            guard let index = units.firstIndex(where: { $0.0 == unit }), index > lastUnit else {
                throw ParseError(text: text)
            }
            lastUnit = index
            let (product, o1) = number.multipliedReportingOverflow(by: units[index].1)
            let (sum, o2) = total.addingReportingOverflow(product)
            if o1 || o2 { throw ParseError(text: text) }
            total = sum
            i = unitEnd
        }
        return total
    }

    /// Formats nanoseconds the way Prometheus prints durations (`1h30m`, `0s`).
    public static func format(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        var rest = nanoseconds
        var out = rest < 0 ? "-" : ""
        rest = rest.magnitude > UInt64(Int64.max) ? Int64.max : abs(rest)
        let units: [(String, Int64)] = [
            ("y", 365 * 86_400_000_000_000), ("w", 7 * 86_400_000_000_000), ("d", 86_400_000_000_000),
            ("h", 3_600_000_000_000), ("m", 60_000_000_000), ("s", 1_000_000_000), ("ms", 1_000_000),
        ]
        for (name, size) in units where rest >= size {
            out += "\(rest / size)\(name)"
            rest %= size
        }
        return out.isEmpty || out == "-" ? "0s" : out
    }
}
