import SeismoCore

/// InfluxDB line protocol: `measurement[,tag=value...] field=value[,field=value...] [timestamp]`.
///
/// - Field values: floats (`1.5`, `-3e2`), integers (`12i`), unsigned integers (`12u`) and booleans (`t`, `T`,
///   `true`, `True`, `TRUE`, `f`, ... : 1 and 0). String fields (`"..."`) carry no number: they are skipped and
///   counted in `ParseContext.ignoredValues`; a line with only string fields yields no sample and is not rejected.
/// - Escapes: `\,` and `\ ` in measurements; `\,`, `\=` and `\ ` in tag keys, tag values and field keys; `\"` and
///   `\\` inside string field values. Any other backslash is literal, as in InfluxDB.
/// - The timestamp is an integer in `--precision` units (default ns); without one the sample gets arrival time.
/// - Series naming: each numeric field is its own series. A field named `value` keeps the measurement's name;
///   any other field `f` of measurement `m` is the series `m_f`. Tags become labels.
///
/// The whole line is validated before any series is resolved, so a rejected line never creates a series.
public struct InfluxLineParser: LineParser {
    @usableFromInline
    struct Field {
        @usableFromInline var keyStart: Int
        @usableFromInline var keyEnd: Int
        @usableFromInline var value: Double
        /// The whole series key's hash: the field key's bytes hashed on from the measurement and tags' hash.
        @usableFromInline var hash: UInt64
        @usableFromInline init(keyStart: Int, keyEnd: Int, value: Double, hash: UInt64) {
            self.keyStart = keyStart
            self.keyEnd = keyEnd
            self.value = value
            self.hash = hash
        }
    }

    @usableFromInline var fields: [Field] = []

    public init() { fields.reserveCapacity(16) }
    // `fields` is scratch space reused across lines; only its first `fieldCount` entries belong to the current line.

    @inlinable
    public mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection) {
        let n = line.count
        guard n > 0, let p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 0
        while i < n, p[i] == 0x20 || p[i] == 0x09 { i &+= 1 }
        if i == n || p[i] == UInt8(ascii: "#") { return }  // blank or comment
        let keyStart = i

        // Series key: up to the first unescaped space, skipping to each space or backslash a word at a time and
        // hashing the words on the way.
        let keyHash: UInt64
        (i, keyHash) = HashingScan.seriesKeyEnd(p, from: i, to: n, seed: ByteHash.seed)
        guard i < n else { throw LineRejection(.syntax, "no field set after the series key") }
        let keyEnd = i
        if p[keyStart] == UInt8(ascii: ",") { throw LineRejection(.syntax, "empty measurement name") }
        i &+= 1

        // Field set: key=value pairs separated by commas, up to the next unescaped space.
        var fieldCount = 0
        while true {
            let fieldKeyStart = i
            let fieldHash: UInt64
            (i, fieldHash) = HashingScan.fieldKeyEnd(p, from: i, to: n, seed: keyHash)
            guard i < n, p[i] == UInt8(ascii: "=") else {
                throw LineRejection(.syntax, "field without '='")
            }
            guard i > fieldKeyStart else { throw LineRejection(.syntax, "empty field key") }
            let fieldKeyEnd = i
            i &+= 1
            guard i < n else { throw LineRejection(.syntax, "field has no value") }
            if p[i] == UInt8(ascii: "\"") {
                i &+= 1
                while i < n, p[i] != UInt8(ascii: "\"") {
                    i &+= p[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard i < n else { throw LineRejection(.syntax, "unterminated string field") }
                i &+= 1
                context.ignoredValues &+= 1
            } else {
                let valueStart = i
                i = ByteSearch.firstCommaOrSpace(p, from: i, to: n)
                guard i > valueStart else { throw LineRejection(.syntax, "field has no value") }
                let value = try Self.fieldValue(UnsafeRawBufferPointer(start: p + valueStart, count: i &- valueStart))
                let field = Field(keyStart: fieldKeyStart, keyEnd: fieldKeyEnd, value: value, hash: fieldHash)
                // Overwrite in place: clearing the array per line costs more than the parse of a short line.
                if fieldCount < fields.count { fields[fieldCount] = field } else { fields.append(field) }
                fieldCount &+= 1
            }
            if i < n, p[i] == UInt8(ascii: ",") {
                i &+= 1
                continue
            }
            break
        }

        // Optional timestamp.
        while i < n, p[i] == 0x20 { i &+= 1 }
        var timestamp = context.arrivalTime
        if i < n {
            var end = n
            while end > i, p[end &- 1] == 0x20 || p[end &- 1] == 0x09 { end &-= 1 }
            guard let raw = NumberParser.int64(UnsafeRawBufferPointer(start: p + i, count: end &- i)) else {
                throw LineRejection(.badTimestamp, "timestamp is not an integer")
            }
            timestamp = try context.scaledTimestamp(raw)
        }

        let key = UnsafeRawBufferPointer(start: p + keyStart, count: keyEnd &- keyStart)
        for f in 0..<fieldCount {
            let field = fields[f]
            let fieldKey = UnsafeRawBufferPointer(start: p + field.keyStart, count: field.keyEnd &- field.keyStart)
            let id = try context.series.resolve(prefix: key, suffix: fieldKey, hash: field.hash) { () throws(LineRejection) in
                try Self.canonicalLabels(key: key, field: fieldKey)
            }
            try context.emit(series: id, timestamp: timestamp, value: field.value)
        }
    }

    /// A field value without quotes: integer, unsigned, boolean or float.
    @inlinable
    static func fieldValue(_ token: UnsafeRawBufferPointer) throws(LineRejection) -> Double {
        let last = token[token.count &- 1]
        let digits = UnsafeRawBufferPointer(start: token.baseAddress, count: token.count &- 1)
        if last == UInt8(ascii: "i"), token.count > 1 {
            guard let v = NumberParser.int64(digits) else {
                throw LineRejection(.badNumber, "invalid integer field value")
            }
            return Double(v)
        }
        if last == UInt8(ascii: "u"), token.count > 1 {
            guard let v = NumberParser.uint64(digits) else {
                throw LineRejection(.badNumber, "invalid unsigned field value")
            }
            return Double(v)
        }
        if let v = NumberParser.double(token) {
            guard v.isFinite else { throw LineRejection(.nonFinite, "field value is NaN or infinite") }
            return v
        }
        switch String(decoding: token, as: UTF8.self) {
        case "t", "T", "true", "True", "TRUE": return 1
        case "f", "F", "false", "False", "FALSE": return 0
        default: throw LineRejection(.badNumber, "field value is not a number or boolean")
        }
    }

    /// The slow path for a series key never seen in this spelling: unescape, split tags, sort.
    @usableFromInline
    static func canonicalLabels(key: UnsafeRawBufferPointer, field: UnsafeRawBufferPointer) throws(LineRejection) -> SeriesLabels {
        var parts: [String] = []  // measurement, then alternating tag key and value
        var current: [UInt8] = []
        var i = 0
        var expectingValue = false
        while i < key.count {
            let c = key[i]
            if c == UInt8(ascii: "\\"), i + 1 < key.count {
                let next = key[i + 1]
                if next == UInt8(ascii: ",") || next == UInt8(ascii: "=") || next == 0x20 || next == UInt8(ascii: "\\") {
                    current.append(next)
                    i += 2
                    continue
                }
            }
            if c == UInt8(ascii: ",") {
                if !parts.isEmpty && !expectingValue { throw LineRejection(.syntax, "tag without '='") }
                parts.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
                expectingValue = false
            } else if c == UInt8(ascii: "="), !parts.isEmpty, !expectingValue {
                parts.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
                expectingValue = true
            } else {
                current.append(c)
            }
            i += 1
        }
        if !parts.isEmpty && !expectingValue { throw LineRejection(.syntax, "tag without '='") }
        parts.append(String(decoding: current, as: UTF8.self))
        let measurement = parts[0]
        guard !measurement.isEmpty else { throw LineRejection(.syntax, "empty measurement name") }
        var labels: [Label] = []
        var t = 1
        while t + 1 < parts.count {
            guard !parts[t].isEmpty else { throw LineRejection(.syntax, "empty tag key") }
            guard !parts[t + 1].isEmpty else { throw LineRejection(.syntax, "empty value for tag \"\(parts[t])\"") }
            labels.append(Label(name: parts[t], value: parts[t + 1]))
            t += 2
        }
        var fieldName: [UInt8] = []
        var j = 0
        while j < field.count {
            if field[j] == UInt8(ascii: "\\"), j + 1 < field.count,
                [UInt8(ascii: ","), UInt8(ascii: "="), 0x20, UInt8(ascii: "\\")].contains(field[j + 1])
            {
                fieldName.append(field[j + 1])
                j += 2
            } else {
                fieldName.append(field[j])
                j += 1
            }
        }
        let fieldString = String(decoding: fieldName, as: UTF8.self)
        let metric = fieldString == "value" ? measurement : measurement + "_" + fieldString
        return SeriesLabels(metric: metric, labels: labels)
    }
}
