import SeismoCore

/// Prometheus text exposition (0.0.4) and OpenMetrics 1.0: `name{label="value",...} value [timestamp]`.
///
/// - Metadata: `# HELP name text`, `# TYPE name type` and `# UNIT name unit` are checked and accepted; they yield no
///   sample and change nothing (every sample of every type becomes a plain series named as written: `_bucket`
///   with its `le` label, `_sum`, `_count`, quantiles, `_created`, `_total`). `# EOF` is accepted and does not end
///   the input. Any other line starting with `#` is a comment.
/// - Names: metric `[a-zA-Z_:][a-zA-Z0-9_:]*`, label `[a-zA-Z_][a-zA-Z0-9_]*`; the Prometheus 3 quoted forms
///   `{"any.utf8.name", "quoted.label"="v"}` are accepted too (the quoted metric name must come first).
/// - Label values: `\\`, `\"` and `\n` are unescaped; any other backslash pair is kept as written, as Prometheus
///   does. A trailing comma and blanks around names, `=`, commas and braces are allowed. A label with an empty
///   value is the same as no label (Prometheus semantics); a label named twice is a syntax error.
/// - Values: Prometheus floats, `NaN`, `+Inf` and `-Inf` included; the non-finite ones are rejected as
///   `nonFinite` (Seismo's policy).
/// - Timestamps: an integer is milliseconds (Prometheus); one with a `.` or an exponent is seconds (OpenMetrics).
///   `--precision` does not apply. Without one the sample gets arrival time.
/// - OpenMetrics exemplars (`... value [timestamp] # {trace_id="x"} 1.0 [ts]`) are skipped unread.
///
/// The whole line is validated before any series is resolved, so a rejected line never creates a series.
public struct PrometheusLineParser: LineParser {
    /// Where one label's name and value sit in the line (both without quotes).
    @usableFromInline
    struct LabelSpan {
        @usableFromInline var nameStart: Int
        @usableFromInline var nameEnd: Int
        @usableFromInline var nameQuoted: Bool
        @usableFromInline var valueStart: Int
        @usableFromInline var valueEnd: Int
        @usableFromInline init(nameStart: Int, nameEnd: Int, nameQuoted: Bool, valueStart: Int, valueEnd: Int) {
            self.nameStart = nameStart
            self.nameEnd = nameEnd
            self.nameQuoted = nameQuoted
            self.valueStart = valueStart
            self.valueEnd = valueEnd
        }
    }

    @usableFromInline var spans: [LabelSpan] = []

    public init() { spans.reserveCapacity(16) }

    @inlinable
    public mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection) {
        let n = line.count
        guard n > 0, let p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 0
        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        if i == n { return }
        if p[i] == UInt8(ascii: "#") {
            try Self.checkComment(UnsafeRawBufferPointer(start: p + i, count: n &- i))
            return
        }
        let keyStart = i

        // Metric name, bare or (inside the braces) quoted.
        var metricStart = i
        var metricEnd = i
        var metricQuoted = false
        if p[i] != UInt8(ascii: "{") {
            guard Self.isNameStart(p[i]) else { throw LineRejection(.syntax, "invalid metric name") }
            i &+= 1
            while i < n, Self.isNameChar(p[i]) { i &+= 1 }
            metricEnd = i
            if i < n, !Self.isBlank(p[i]), p[i] != UInt8(ascii: "{") {
                throw LineRejection(.syntax, "invalid character in metric name")
            }
            while i < n, Self.isBlank(p[i]) { i &+= 1 }
        }
        var keyEnd = metricEnd

        // Label set.
        spans.removeAll(keepingCapacity: true)
        if i < n, p[i] == UInt8(ascii: "{") {
            i &+= 1
            var first = true
            while true {
                while i < n, Self.isBlank(p[i]) { i &+= 1 }
                guard i < n else { throw LineRejection(.syntax, "unterminated label set") }
                if p[i] == UInt8(ascii: "}") { break }
                let nameStart: Int
                let nameEnd: Int
                var quoted = false
                if p[i] == UInt8(ascii: "\"") {
                    quoted = true
                    nameStart = i &+ 1
                    i = try Self.closingQuote(p, from: nameStart, count: n)
                    nameEnd = i
                    i &+= 1
                    guard nameEnd > nameStart else { throw LineRejection(.syntax, "empty quoted name") }
                } else {
                    guard Self.isLabelStart(p[i]) else { throw LineRejection(.syntax, "invalid label name") }
                    nameStart = i
                    i &+= 1
                    while i < n, Self.isLabelChar(p[i]) { i &+= 1 }
                    nameEnd = i
                }
                while i < n, Self.isBlank(p[i]) { i &+= 1 }
                guard i < n else { throw LineRejection(.syntax, "unterminated label set") }
                if p[i] == UInt8(ascii: "=") {
                    i &+= 1
                    while i < n, Self.isBlank(p[i]) { i &+= 1 }
                    guard i < n, p[i] == UInt8(ascii: "\"") else {
                        throw LineRejection(.syntax, "label value is not quoted")
                    }
                    let valueStart = i &+ 1
                    i = try Self.closingQuote(p, from: valueStart, count: n)
                    spans.append(LabelSpan(nameStart: nameStart, nameEnd: nameEnd, nameQuoted: quoted, valueStart: valueStart, valueEnd: i))
                    i &+= 1
                } else if quoted, first, metricEnd == metricStart {
                    metricStart = nameStart
                    metricEnd = nameEnd
                    metricQuoted = true
                } else {
                    throw LineRejection(.syntax, "label without '='")
                }
                first = false
                while i < n, Self.isBlank(p[i]) { i &+= 1 }
                guard i < n else { throw LineRejection(.syntax, "unterminated label set") }
                if p[i] == UInt8(ascii: ",") {
                    i &+= 1
                    continue
                }
                guard p[i] == UInt8(ascii: "}") else { throw LineRejection(.syntax, "expected ',' or '}' after a label") }
                break
            }
            i &+= 1
            keyEnd = i
        }
        guard metricEnd > metricStart else { throw LineRejection(.syntax, "no metric name") }

        // Value.
        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        let valueStart = i
        while i < n, !Self.isBlank(p[i]) { i &+= 1 }
        guard i > valueStart else { throw LineRejection(.syntax, "no value") }
        guard let value = NumberParser.double(UnsafeRawBufferPointer(start: p + valueStart, count: i &- valueStart)) else {
            throw LineRejection(.badNumber, "value is not a number")
        }

        // Optional timestamp, then an optional exemplar.
        while i < n, Self.isBlank(p[i]) { i &+= 1 }
        var timestamp = context.arrivalTime
        if i < n, p[i] != UInt8(ascii: "#") {
            let stampStart = i
            while i < n, !Self.isBlank(p[i]) { i &+= 1 }
            timestamp = try Self.timestamp(UnsafeRawBufferPointer(start: p + stampStart, count: i &- stampStart))
            while i < n, Self.isBlank(p[i]) { i &+= 1 }
            if i < n, p[i] != UInt8(ascii: "#") { throw LineRejection(.syntax, "unexpected text after the timestamp") }
        }
        guard value.isFinite else { throw LineRejection(.nonFinite, "value is NaN or infinite") }

        let key = UnsafeRawBufferPointer(start: p + keyStart, count: keyEnd &- keyStart)
        let spans = self.spans
        let id = try context.series.resolve(prefix: key) { () throws(LineRejection) in
            try Self.canonicalLabels(
                line: line, metricStart: metricStart, metricEnd: metricEnd, metricQuoted: metricQuoted, spans: spans)
        }
        try context.emit(series: id, timestamp: timestamp, value: value)
    }

    /// Integer milliseconds, or seconds when written with a `.` or an exponent (OpenMetrics), in nanoseconds.
    @inlinable
    static func timestamp(_ token: UnsafeRawBufferPointer) throws(LineRejection) -> Int64 {
        if let ms = NumberParser.int64(token) {
            let (ns, overflow) = ms.multipliedReportingOverflow(by: 1_000_000)
            if overflow { throw LineRejection(.badTimestamp, "timestamp out of range") }
            return ns
        }
        var isSeconds = false
        for b in token where b == UInt8(ascii: ".") || b | 0x20 == UInt8(ascii: "e") { isSeconds = true }
        guard isSeconds, let ns = DecimalSeconds.nanoseconds(token) else {
            throw LineRejection(.badTimestamp, "timestamp is not integer milliseconds or decimal seconds, or out of range")
        }
        return ns
    }

    /// The index of the `"` that closes a quoted string starting at `from`, skipping backslash escapes.
    @inlinable
    static func closingQuote(_ p: UnsafePointer<UInt8>, from: Int, count n: Int) throws(LineRejection) -> Int {
        var i = from
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: "\"") { return i }
            i &+= c == UInt8(ascii: "\\") ? 2 : 1
        }
        throw LineRejection(.syntax, "unterminated quoted string")
    }

    /// Checks `# HELP`, `# TYPE` and `# UNIT` lines; `# EOF` and other comments pass unread.
    ///
    /// Metadata is `#`, a blank, the keyword, a blank, a metric name (bare or quoted), then the help text, the
    /// type or the unit; `#HELP` without the blank is a plain comment, as in Prometheus.
    @usableFromInline
    static func checkComment(_ line: UnsafeRawBufferPointer) throws(LineRejection) {
        let n = line.count
        guard n > 1, isBlank(line[1]), let p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 1
        while i < n, isBlank(p[i]) { i &+= 1 }
        let keywordStart = i
        while i < n, !isBlank(p[i]) { i &+= 1 }
        let keyword = UnsafeRawBufferPointer(start: p + keywordStart, count: i &- keywordStart)
        let isType = equals(keyword, "TYPE")
        guard isType || equals(keyword, "HELP") || equals(keyword, "UNIT") else { return }
        while i < n, isBlank(p[i]) { i &+= 1 }
        guard i < n else { throw LineRejection(.syntax, "metadata line without a metric name") }
        if p[i] == UInt8(ascii: "\"") {
            let end = try closingQuote(p, from: i &+ 1, count: n)
            guard end > i &+ 1 else { throw LineRejection(.syntax, "empty quoted name") }
            i = end &+ 1
        } else {
            guard isNameStart(p[i]) else { throw LineRejection(.syntax, "invalid metric name in metadata line") }
            while i < n, isNameChar(p[i]) { i &+= 1 }
        }
        guard i == n || isBlank(p[i]) else { throw LineRejection(.syntax, "invalid metric name in metadata line") }
        guard isType else { return }
        while i < n, isBlank(p[i]) { i &+= 1 }
        let typeStart = i
        while i < n, !isBlank(p[i]) { i &+= 1 }
        let type = UnsafeRawBufferPointer(start: p + typeStart, count: i &- typeStart)
        while i < n, isBlank(p[i]) { i &+= 1 }
        guard i == n else { throw LineRejection(.syntax, "unexpected text after the type in # TYPE") }
        for known in knownTypes where equals(type, known) { return }
        throw LineRejection(.syntax, "unknown metric type in # TYPE")
    }

    /// Types of Prometheus 0.0.4 and OpenMetrics 1.0.
    @usableFromInline
    static let knownTypes: [StaticString] = [
        "counter", "gauge", "histogram", "gaugehistogram", "summary", "untyped", "unknown", "info", "stateset",
    ]

    @usableFromInline
    static func equals(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<bytes.count where bytes[i] != w[i] { return false }
        return true
    }

    /// The slow path for a series key never seen in this spelling: unescape, check duplicates, sort.
    @usableFromInline
    static func canonicalLabels(
        line: UnsafeRawBufferPointer, metricStart: Int, metricEnd: Int, metricQuoted: Bool, spans: [LabelSpan]
    ) throws(LineRejection) -> SeriesLabels {
        let metric = text(line, metricStart, metricEnd, escaped: metricQuoted)
        var labels: [Label] = []
        labels.reserveCapacity(spans.count)
        var names = Set<String>()
        for span in spans {
            let name = text(line, span.nameStart, span.nameEnd, escaped: span.nameQuoted)
            guard names.insert(name).inserted else {
                throw LineRejection(.syntax, "label \"\(name)\" is given twice")
            }
            let value = text(line, span.valueStart, span.valueEnd, escaped: true)
            if !value.isEmpty { labels.append(Label(name: name, value: value)) }
        }
        return SeriesLabels(metric: metric, labels: labels)
    }

    /// The bytes `start..<end` as a string, with `\\`, `\"` and `\n` unescaped when `escaped`.
    @usableFromInline
    static func text(_ line: UnsafeRawBufferPointer, _ start: Int, _ end: Int, escaped: Bool) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: line[start..<end])
        guard escaped, raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if c == UInt8(ascii: "\\"), i + 1 < raw.count {
                switch raw[i + 1] {
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "n"): out.append(0x0A)
                default: out.append(c); out.append(raw[i + 1])
                }
                i += 2
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inlinable @inline(__always)
    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    @inlinable @inline(__always)
    static func isLetter(_ c: UInt8) -> Bool {
        let lower = c | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    @inlinable @inline(__always)
    static func isNameStart(_ c: UInt8) -> Bool { isLetter(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: ":") }

    @inlinable @inline(__always)
    static func isNameChar(_ c: UInt8) -> Bool { isNameStart(c) || c &- 0x30 < 10 }

    @inlinable @inline(__always)
    static func isLabelStart(_ c: UInt8) -> Bool { isLetter(c) || c == UInt8(ascii: "_") }

    @inlinable @inline(__always)
    static func isLabelChar(_ c: UInt8) -> Bool { isLabelStart(c) || c &- 0x30 < 10 }
}
