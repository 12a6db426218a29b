/// Guesses the input format from the first bytes of a stream, for `--format auto`.
///
/// It looks at up to `sampleLines` complete non-blank lines (the unterminated last line only when there is no
/// complete one), each trimmed of blanks, `\r` and a UTF-8 byte-order mark. In order:
///
/// 1. A `# HELP `, `# TYPE `, `# UNIT ` or `# EOF` line anywhere in the sample → `prometheus`.
/// 2. The first line starts with `{` (and is not a Prometheus sample with a quoted name, `{"a.b"} 1`) → `jsonl`.
/// 3. The first line is a comma-separated header naming `timestamp` and `value` (any case) → `csv`.
/// 4. Otherwise each line that is not a `#` comment is matched against line shapes, and the first format in the
///    order statsd, graphite, prometheus, influx, csv that fits every such line wins; if none fits all, the one
///    fitting most lines wins if it fits more than half of them; else nil.
///
/// Line shapes: statsd `name:value|type[|@rate][|#tags]` (type c, g, ms, h, s or d; no blanks); graphite
/// `path value [timestamp]` where the path holds no `=` (except in `;tag=value` parts), no braces or quotes, and
/// either contains `.` or `;`, or the line has three fields and the timestamp is a 10-digit integer (epoch
/// seconds); prometheus `name[{labels}] value [timestamp]` with a Prometheus metric name (letters, digits, `_`,
/// `:`) or a quoted name inside the braces; influx `measurement[,tag=value...] field=value[,...] [timestamp]`;
/// csv (headerless) `timestamp,number`.
///
/// So the ambiguous `name value timestamp` reads as graphite when the timestamp has 10 digits (seconds) and as
/// prometheus otherwise (Prometheus timestamps are milliseconds, 13 digits); `name value` without a dot is
/// prometheus, `a.b value` is graphite. A nil result means "cannot tell" (empty input, only comments, unknown
/// or mixed shapes); the caller decides the fallback.
public enum FormatDetector {
    /// Most complete non-blank lines looked at.
    public static let sampleLines = 20

    public static func detect(_ firstBytes: UnsafeRawBufferPointer) -> InputFormat? {
        let lines = sample(firstBytes)
        guard let first = lines.first else { return nil }
        if lines.contains(where: isPrometheusMetadata) { return .prometheus }
        if first.first == UInt8(ascii: "{"), !isPrometheus(first) { return .jsonl }
        if isCSVHeader(first) { return .csv }

        let shapes: [(InputFormat, (ArraySlice<UInt8>) -> Bool)] = [
            (.statsd, isStatsD), (.graphite, isGraphite), (.prometheus, isPrometheus), (.influx, isInflux),
            (.csv, isHeaderlessCSV),
        ]
        let data = lines.filter { $0.first != UInt8(ascii: "#") }
        guard !data.isEmpty else { return nil }
        let counts = shapes.map { shape in data.reduce(0) { $0 + (shape.1($1) ? 1 : 0) } }
        if let all = counts.firstIndex(of: data.count) { return shapes[all].0 }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        return counts[best] * 2 > data.count ? shapes[best].0 : nil
    }

    /// The trimmed non-blank lines to look at.
    static func sample(_ bytes: UnsafeRawBufferPointer) -> [ArraySlice<UInt8>] {
        let all = Array(bytes)
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (i, b) in all.enumerated() where b == 0x0A {
            let line = trimmed(all[start..<i])
            start = i + 1
            if !line.isEmpty { lines.append(line) }
            if lines.count == sampleLines { return lines }
        }
        if lines.isEmpty {
            let tail = trimmed(all[start...])
            if !tail.isEmpty { lines.append(tail) }
        }
        return lines
    }

    static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        while let b = line.first, isBlank(b) { line = line.dropFirst() }
        while let b = line.last, isBlank(b) { line = line.dropLast() }
        return line
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    // MARK: Decisive lines

    static func isPrometheusMetadata(_ line: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: line, as: UTF8.self)
        return text.hasPrefix("# HELP ") || text.hasPrefix("# TYPE ") || text.hasPrefix("# UNIT ") || text == "# EOF"
    }

    static func isCSVHeader(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.contains(UInt8(ascii: ",")) else { return false }
        let names = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { field in
            var name = trimmed(field)
            if name.count >= 2, name.first == UInt8(ascii: "\""), name.last == UInt8(ascii: "\"") {
                name = name.dropFirst().dropLast()
            }
            return String(decoding: name, as: UTF8.self).lowercased()
        }
        return names.contains("timestamp") && names.contains("value")
    }

    // MARK: Line shapes

    static func isStatsD(_ line: ArraySlice<UInt8>) -> Bool {
        guard !line.contains(where: isBlank), let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex
        else { return false }
        let name = line[..<colon]
        guard !name.contains(UInt8(ascii: "|")) else { return false }
        let parts = line[(colon + 1)...].split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        guard parts.count >= 2, !parts[0].isEmpty else { return false }
        let type = String(decoding: parts[1], as: UTF8.self)
        guard ["c", "g", "ms", "h", "s", "d"].contains(type) else { return false }
        return parts.dropFirst(2).allSatisfy { !$0.isEmpty }
    }

    static func isGraphite(_ line: ArraySlice<UInt8>) -> Bool {
        let fields = line.split(whereSeparator: isBlank)
        guard fields.count == 2 || fields.count == 3 else { return false }
        let path = fields[0]
        guard !path.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "\"") })
        else { return false }
        let segments = path.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        guard !segments[0].isEmpty, !segments[0].contains(UInt8(ascii: "=")) else { return false }
        for tag in segments.dropFirst() {
            guard let eq = tag.firstIndex(of: UInt8(ascii: "=")), eq > tag.startIndex, eq < tag.endIndex - 1 else {
                return false
            }
        }
        guard isNumber(fields[1]) else { return false }
        if fields.count == 3, !isNumber(fields[2]) { return false }
        if path.contains(UInt8(ascii: ".")) || segments.count > 1 { return true }
        return fields.count == 3 && fields[2].count == 10 && fields[2].allSatisfy(isDigit)
    }

    static func isPrometheus(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        while i < line.endIndex, isNameByte(line[i], first: i == line.startIndex) { i += 1 }
        let hasName = i > line.startIndex
        if i < line.endIndex, line[i] == UInt8(ascii: "{") {
            guard let close = closingBrace(line, from: i) else { return false }
            if !hasName {
                // Prometheus 3 quoted names: {"my.metric", a="b"}
                guard close > i + 1, line[i + 1] == UInt8(ascii: "\"") else { return false }
            }
            i = close + 1
        } else if !hasName {
            return false
        }
        guard i < line.endIndex, isBlank(line[i]) else { return false }
        var rest = line[i...]
        // An OpenMetrics exemplar (` # {...} value`) is not part of the sample.
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }
        let fields = rest.split(whereSeparator: isBlank)
        guard fields.count == 1 || fields.count == 2, isNumber(fields[0]) else { return false }
        return fields.count == 1 || isNumber(fields[1])
    }

    static func isInflux(_ line: ArraySlice<UInt8>) -> Bool {
        // Series key: up to the first unescaped blank.
        var i = line.startIndex
        while i < line.endIndex, line[i] != 0x20 {
            i += line[i] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard i < line.endIndex, i > line.startIndex, line[line.startIndex] != UInt8(ascii: ",") else { return false }
        let key = line[..<i]
        guard !key.contains(UInt8(ascii: "{")) else { return false }
        for tag in key.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).dropFirst() {
            guard let eq = tag.firstIndex(of: UInt8(ascii: "=")), eq > tag.startIndex, eq < tag.endIndex - 1 else {
                return false
            }
        }
        // Field set: key=value pairs up to the next blank outside a quoted string.
        i += 1
        var pairs = 0
        while true {
            let keyStart = i
            while i < line.endIndex, line[i] != UInt8(ascii: "="), line[i] != 0x20, line[i] != UInt8(ascii: ",") {
                i += line[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard i < line.endIndex, line[i] == UInt8(ascii: "="), i > keyStart else { return false }
            i += 1
            guard i < line.endIndex else { return false }
            if line[i] == UInt8(ascii: "\"") {
                i += 1
                while i < line.endIndex, line[i] != UInt8(ascii: "\"") { i += line[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < line.endIndex else { return false }
                i += 1
            } else {
                let valueStart = i
                while i < line.endIndex, line[i] != UInt8(ascii: ","), line[i] != 0x20 { i += 1 }
                guard i > valueStart else { return false }
            }
            pairs += 1
            if i < line.endIndex, line[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            break
        }
        guard pairs > 0 else { return false }
        let rest = line[min(i, line.endIndex)...].split(whereSeparator: isBlank)
        return rest.isEmpty || (rest.count == 1 && isInteger(rest[0]))
    }

    static func isHeaderlessCSV(_ line: ArraySlice<UInt8>) -> Bool {
        let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard fields.count == 2, isNumber(trimmed(fields[1])) else { return false }
        let time = Array(trimmed(fields[0]))
        return time.withUnsafeBytes { (try? TimestampText.nanoseconds($0)) != nil }
    }

    // MARK: Tokens

    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    static func isNameByte(_ b: UInt8, first: Bool) -> Bool {
        (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z")) || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ":") || (!first && isDigit(b))
    }

    static func isNumber(_ token: ArraySlice<UInt8>) -> Bool {
        Array(token).withUnsafeBytes { NumberParser.double($0) != nil }
    }

    static func isInteger(_ token: ArraySlice<UInt8>) -> Bool {
        Array(token).withUnsafeBytes { NumberParser.int64($0) != nil }
    }

    /// Index of the `}` closing the `{` at `open`, skipping quoted strings; nil if unbalanced.
    static func closingBrace(_ line: ArraySlice<UInt8>, from open: Int) -> Int? {
        var i = open + 1
        var quoted = false
        while i < line.endIndex {
            let b = line[i]
            if quoted {
                if b == UInt8(ascii: "\\") { i += 1 } else if b == UInt8(ascii: "\"") { quoted = false }
            } else if b == UInt8(ascii: "\"") {
                quoted = true
            } else if b == UInt8(ascii: "}") {
                return i
            }
            i += 1
        }
        return nil
    }
}
