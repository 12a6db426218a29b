import SeismoCore

/// Graphite plaintext protocol: `path value [timestamp]`, fields separated by spaces or tabs.
///
/// - The path is the metric name, kept verbatim with its dots (`servers.web1.cpu`). Tagged paths
///   `path;tag=value;tag2=value2` (Graphite 1.1) turn their tags into labels. Tag names must be non-empty and free
///   of `!` and `^`; values must be non-empty and must not start with `~`; a tag given twice keeps its last value.
/// - The value is a decimal float; `nan` and `inf` are rejected as `nonFinite`.
/// - The timestamp is Unix seconds and may carry a fraction (`1700000000.5`, read exactly to the nanosecond).
///   Missing, or `-1`, means arrival time, as carbon treats `-1`. `--precision` does not apply.
/// - Lines starting with `#` are comments (carbon has none; they are allowed for annotated files).
///
/// The whole line is validated before any series is resolved, so a rejected line never creates a series.
public struct GraphiteLineParser: LineParser {
    public init() {}

    @inlinable
    public mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection) {
        let n = line.count
        guard n > 0, let p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 0
        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        if i == n || p[i] == UInt8(ascii: "#") { return }
        let pathStart = i
        while i < n, !Self.isBlank(p[i]) { i &+= 1 }
        let pathEnd = i

        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        guard i < n else { throw LineRejection(.syntax, "no value after the path") }
        let valueStart = i
        while i < n, !Self.isBlank(p[i]) { i &+= 1 }
        guard let value = NumberParser.double(UnsafeRawBufferPointer(start: p + valueStart, count: i &- valueStart)) else {
            throw LineRejection(.badNumber, "value is not a number")
        }

        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        var timestamp = context.arrivalTime
        if i < n {
            let stampStart = i
            while i < n, !Self.isBlank(p[i]) { i &+= 1 }
            guard let ns = DecimalSeconds.nanoseconds(UnsafeRawBufferPointer(start: p + stampStart, count: i &- stampStart)) else {
                throw LineRejection(.badTimestamp, "timestamp is not Unix seconds in range")
            }
            if ns != -Timestamp.nanosecondsPerSecond { timestamp = ns }
            while i < n, Self.isBlank(p[i]) { i &+= 1 }
            guard i == n else { throw LineRejection(.syntax, "unexpected text after the timestamp") }
        }
        guard value.isFinite else { throw LineRejection(.nonFinite, "value is NaN or infinite") }

        let path = UnsafeRawBufferPointer(start: p + pathStart, count: pathEnd &- pathStart)
        let id = try context.series.resolve(prefix: path) { () throws(LineRejection) in
            try Self.canonicalLabels(path: path)
        }
        try context.emit(series: id, timestamp: timestamp, value: value)
    }

    /// The slow path for a path never seen in this spelling: split off and check the tags.
    @usableFromInline
    static func canonicalLabels(path: UnsafeRawBufferPointer) throws(LineRejection) -> SeriesLabels {
        let parts = path.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard let name = parts.first, !name.isEmpty else { throw LineRejection(.syntax, "empty metric path") }
        var labels: [Label] = []
        for part in parts.dropFirst() {
            guard !part.isEmpty else { throw LineRejection(.syntax, "empty tag in tagged path") }
            guard let eq = part.firstIndex(of: UInt8(ascii: "=")) else {
                throw LineRejection(.syntax, "tag without '=' in tagged path")
            }
            let tagName = part[part.startIndex..<eq]
            let tagValue = part[(eq + 1)...]
            guard !tagName.isEmpty else { throw LineRejection(.syntax, "empty tag name") }
            guard !tagName.contains(UInt8(ascii: "!")), !tagName.contains(UInt8(ascii: "^")) else {
                throw LineRejection(.syntax, "tag name holds '!' or '^'")
            }
            guard let first = tagValue.first else { throw LineRejection(.syntax, "empty tag value") }
            guard first != UInt8(ascii: "~") else { throw LineRejection(.syntax, "tag value starts with '~'") }
            let label = Label(name: String(decoding: tagName, as: UTF8.self), value: String(decoding: tagValue, as: UTF8.self))
            labels.append(label)  // SeriesLabels keeps the last of a repeated name
        }
        return SeriesLabels(metric: String(decoding: name, as: UTF8.self), labels: labels)
    }

    @inlinable @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
}
