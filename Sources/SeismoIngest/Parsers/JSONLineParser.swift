import SeismoCore

/// JSON lines: one object per line, `{"name": "cpu", "labels": {"host": "a"}, "value": 1.5, "timestamp": ...}`.
///
/// - Keys may come in any order; unknown keys are skipped (their values are still checked to be valid JSON);
///   when a key repeats, the last one wins. `tags` is another spelling of `labels` (and the same key for
///   "last wins"). Keys are case-sensitive.
/// - `name`: a non-empty string (required). `labels`: an object, or `null` for none. Label values may be strings,
///   numbers or booleans; numbers and booleans become their JSON text (`8080`, `true`), so `8080` and `"8080"`
///   are the same series but `1.0` and `1` are not. A label whose value is `null` or `""` is absent (as in
///   Prometheus). Objects and arrays as label values are a syntax error. A repeated label name: last wins.
/// - `value` (required): a number; a string holding a number (`"1.5"`, `"1e3"`, `"NaN"`, `"+Inf"`: no blanks);
///   `true`/`false` as 1/0. `null` and anything else are `bad number`; NaN and infinities are `non finite`.
/// - `timestamp`: a number, its unit decided by magnitude (`TimestampText.unit(forMagnitude:)`: below 1e11
///   seconds, below 1e14 ms, below 1e17 µs, else ns; fractions allowed); or a string holding an ISO-8601 /
///   RFC 3339 date-time or an epoch number. Missing or `null`: arrival time. `--precision` does not apply.
/// - Only blanks may follow the object. A blank line is skipped; any other line that is not one JSON object is a
///   syntax error. A UTF-8 byte-order mark at the start of a line is skipped.
///
/// Series are cached under the raw bytes of the name string and of the labels object, exactly as written: equal
/// raw bytes always decode to the same series, so repeated lines skip decoding and sorting entirely. The whole
/// line is checked before any series is resolved, so a rejected line never creates a series.
public struct JSONLineParser: LineParser {
    public init() {}

    private enum Key {
        case name, labels, value, timestamp
    }

    public mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection) {
        var line = line
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeRawBufferPointer(rebasing: line.dropFirst(3))  // a byte-order mark, as some editors write
        }
        var scanner = JSONScanner(line)
        scanner.skipWhitespace()
        if scanner.atEnd { return }
        guard scanner.peek == UInt8(ascii: "{") else { throw LineRejection(.syntax, "line is not a JSON object") }

        var name: JSONScanner.Token?
        var labels: JSONScanner.Token?
        var value: JSONScanner.Token?
        var timestamp: JSONScanner.Token?
        if try scanner.openObject() {
            repeat {
                let (key, token) = try scanner.member(depth: 1)
                switch Self.key(key, in: scanner) {
                case .name: name = token
                case .labels: labels = token
                case .value: value = token
                case .timestamp: timestamp = token
                case nil: break
                }
            } while try scanner.nextMember()
        }
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw LineRejection(.syntax, "bytes after the JSON object") }

        guard let name else { throw LineRejection(.syntax, "object has no \"name\"") }
        guard name.kind == .string else { throw LineRejection(.syntax, "\"name\" is not a string") }
        guard name.end > name.start else { throw LineRejection(.syntax, "\"name\" is empty") }
        var labelBytes = UnsafeRawBufferPointer(start: nil, count: 0)
        if let labels {
            switch labels.kind {
            case .object: labelBytes = scanner.bytes(labels)
            case .null: break
            default: throw LineRejection(.syntax, "\"labels\" is not an object")
            }
        }
        guard let value else { throw LineRejection(.syntax, "object has no \"value\"") }
        let number = try Self.number(value, in: scanner)
        guard number.isFinite else { throw LineRejection(.nonFinite, "value is NaN or infinite") }
        let time = try Self.time(timestamp, in: scanner, arrival: context.arrivalTime)

        let nameBytes = scanner.bytes(name)
        let id = try context.series.resolve(prefix: nameBytes, suffix: labelBytes) { () throws(LineRejection) in
            try Self.canonicalLabels(name: name, labels: labels, in: scanner)
        }
        try context.emit(series: id, timestamp: time, value: number)
    }

    private static func key(_ key: JSONScanner.Token, in scanner: JSONScanner) -> Key? {
        let raw = scanner.bytes(key)
        if key.escaped {
            // Rare: `"na\u006de"` is still "name".
            switch scanner.decodedString(key) {
            case "name": return .name
            case "labels", "tags": return .labels
            case "value": return .value
            case "timestamp": return .timestamp
            default: return nil
            }
        }
        switch raw.count {
        case 4:
            if equal(raw, "name") { return .name }
            if equal(raw, "tags") { return .labels }
        case 5:
            if equal(raw, "value") { return .value }
        case 6:
            if equal(raw, "labels") { return .labels }
        case 9:
            if equal(raw, "timestamp") { return .timestamp }
        default: break
        }
        return nil
    }

    private static func equal(_ raw: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        raw.count == word.utf8CodeUnitCount && memcmpBytes(raw.baseAddress!, word.utf8Start, raw.count)
    }

    /// The sample value of the `value` token.
    private static func number(_ token: JSONScanner.Token, in scanner: JSONScanner) throws(LineRejection) -> Double {
        switch token.kind {
        case .number:
            guard let v = NumberParser.double(scanner.bytes(token)) else {
                throw LineRejection(.badNumber, "value is not a number")
            }
            return v
        case .string:
            let parsed: Double?
            if token.escaped {
                parsed = scanner.decodedBytes(token).withUnsafeBytes { NumberParser.double($0) }
            } else {
                parsed = NumberParser.double(scanner.bytes(token))
            }
            guard let parsed else { throw LineRejection(.badNumber, "value string does not hold a number") }
            return parsed
        case .true: return 1
        case .false: return 0
        case .null: throw LineRejection(.badNumber, "value is null")
        case .object, .array: throw LineRejection(.badNumber, "value is not a number")
        }
    }

    /// The sample time in ns from the `timestamp` token, or arrival time without one.
    private static func time(
        _ token: JSONScanner.Token?, in scanner: JSONScanner, arrival: Int64
    ) throws(LineRejection) -> Int64 {
        guard let token else { return arrival }
        switch token.kind {
        case .null:
            return arrival
        case .number:
            return try TimestampText.epoch(scanner.bytes(token))
        case .string:
            if token.escaped {
                let decoded = scanner.decodedBytes(token)
                let result = decoded.withUnsafeBytes { raw in
                    Result { () throws(LineRejection) in try TimestampText.nanoseconds(raw) }
                }
                return try result.get()
            }
            return try TimestampText.nanoseconds(scanner.bytes(token))
        case .true, .false, .object, .array:
            throw LineRejection(.badTimestamp, "timestamp is not a number or a string")
        }
    }

    /// The slow path for a name and labels object never seen in this spelling: decode, drop empty labels, sort.
    private static func canonicalLabels(
        name: JSONScanner.Token, labels: JSONScanner.Token?, in scanner: JSONScanner
    ) throws(LineRejection) -> SeriesLabels {
        guard let metric = scanner.decodedString(name) else {
            throw LineRejection(.invalidEncoding, "\"name\" holds \\u0000")
        }
        guard let labels, labels.kind == .object else { return SeriesLabels(metric: metric) }
        var pairs: [Label] = []
        var inner = JSONScanner(scanner.bytes(labels))
        if try inner.openObject() {
            repeat {
                let (key, token) = try inner.member(depth: 2)
                guard key.end > key.start else { throw LineRejection(.syntax, "label name is empty") }
                guard let labelName = inner.decodedString(key) else {
                    throw LineRejection(.invalidEncoding, "label name holds \\u0000")
                }
                let labelValue: String?
                switch token.kind {
                case .string:
                    guard let text = inner.decodedString(token) else {
                        throw LineRejection(.invalidEncoding, "label value holds \\u0000")
                    }
                    labelValue = text.isEmpty ? nil : text
                case .number: labelValue = String(decoding: inner.bytes(token), as: UTF8.self)
                case .true: labelValue = "true"
                case .false: labelValue = "false"
                case .null: labelValue = nil
                case .object, .array:
                    throw LineRejection(.syntax, "label \"\(labelName)\" is not a string, number or boolean")
                }
                // Last wins, in input order (SeriesLabels alone would keep the greatest value instead).
                pairs.removeAll { $0.name == labelName }
                if let labelValue { pairs.append(Label(name: labelName, value: labelValue)) }
            } while try inner.nextMember()
        }
        return SeriesLabels(metric: metric, labels: pairs)
    }
}
