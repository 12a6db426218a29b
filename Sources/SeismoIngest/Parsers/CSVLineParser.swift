import SeismoCore

/// CSV with a header line: `timestamp,value[,name][,label...]`, one record per line (RFC 4180 without embedded
/// newlines).
///
/// - **Header**: the first non-blank line must name a `timestamp` and a `value` column (any order, any case);
///   an optional `name` column gives each row's metric name, and every other column is a label named after its
///   header (case kept). Without a `name` column the metric is called `value`. Column names must be non-empty
///   and unique. A UTF-8 byte-order mark before the header is skipped.
/// - **No header**: if the first non-blank line is not a header but has exactly two fields, a timestamp and a
///   number, the input is read as headerless `timestamp,value` and that line is the first record. Any other
///   first line is rejected as a syntax error, and each following line is tried the same way until one is a
///   header or a headerless record.
/// - **Fields**: separated by `,`; blanks around a field are dropped; a field may be quoted with `"`, a quote
///   inside written `""`. A quote inside an unquoted field, text after a closing quote, or an unterminated quote is
///   a syntax error, as is a record with a different number of fields than the header. A record that repeats
///   the header (files joined with `cat`) is skipped.
/// - **Values**: a decimal number (`1.5`, `-2e3`); empty is `bad number`; `NaN` and `Inf` are `non finite`.
/// - **Timestamps**: ISO-8601 / RFC 3339 (`2026-11-01T00:00:00Z`, `2026-11-01 00:00:00.250+02:00`; no zone
///   means UTC) or an epoch number whose unit is decided by magnitude (see `TimestampText`); empty is
///   `bad timestamp`. `--precision` does not apply.
/// - **Labels**: an empty label field means the row has no such label (as in Prometheus).
///
/// Series are cached under the raw bytes of the name field and the label fields, so repeated rows skip decoding.
public struct CSVLineParser: LineParser {
    /// Where each role sits in a record, fixed by the header.
    struct Layout {
        var columnCount: Int
        var timestamp: Int
        var value: Int
        var name: Int?
        var labels: [(column: Int, name: String)]
        /// Whether a header defined the layout (so a repeat of it can be recognised and skipped).
        var fromHeader: Bool
    }

    /// One field of the current record: the bytes between the quotes (or the trimmed bytes when unquoted).
    struct Field {
        var start: Int
        var end: Int
        /// Quoted and holding `""` pairs, so the raw bytes are not the text.
        var escaped: Bool
        /// Written between quotes (which `start..<end` leaves out).
        var quoted: Bool = false

        /// The field as written, quotes included.
        var written: Range<Int> { quoted ? start - 1..<end + 1 : start..<end }
    }

    /// Where the timestamp and value fields of the last accepted record sit in its line, as written (quotes
    /// included, blanks around them not): for tools that echo a record's text, such as `seismo score`.
    /// Valid only for the line just parsed; nil until a record is accepted.
    public private(set) var lastRecord: (timestamp: Range<Int>, value: Range<Int>)?

    /// Whether the header names a `name` column or label columns, so records may belong to different series.
    /// False for headerless input and before the header is read.
    public var hasSeriesColumns: Bool {
        guard let layout else { return false }
        return layout.name != nil || !layout.labels.isEmpty
    }

    var layout: Layout?
    var fields: [Field] = []
    /// The series cache key of the current record, reused across records.
    var key: [UInt8] = []

    public init() {
        fields.reserveCapacity(16)
        key.reserveCapacity(256)
    }

    public mutating func parse(_ line: UnsafeRawBufferPointer, into context: inout ParseContext) throws(LineRejection) {
        var line = line
        var bom = 0
        if layout == nil, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeRawBufferPointer(rebasing: line.dropFirst(3))
            bom = 3
        }
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        try split(line)

        if self.layout == nil {
            guard let first = try firstLayout(line) else { return }
            self.layout = first
        }
        guard let layout = self.layout else { return }
        guard fields.count == layout.columnCount else {
            throw LineRejection(.syntax, "record has \(fields.count) fields, the header has \(layout.columnCount)")
        }
        if layout.fromHeader, isHeaderRepeat(line, layout) { return }

        let number = try value(line, fields[layout.value])
        guard number.isFinite else { throw LineRejection(.nonFinite, "value is NaN or infinite") }
        let time = try timestamp(line, fields[layout.timestamp])

        let base = line.baseAddress!
        var prefix = UnsafeRawBufferPointer(start: nil, count: 0)
        if let column = layout.name {
            let field = fields[column]
            guard field.end > field.start else { throw LineRejection(.syntax, "name field is empty") }
            prefix = UnsafeRawBufferPointer(start: base + field.start, count: field.end - field.start)
        }
        // Label field bytes joined by NUL, which never occurs in a line: the key is unambiguous.
        key.removeAll(keepingCapacity: true)
        for (k, label) in layout.labels.enumerated() {
            if k > 0 { key.append(0) }
            let field = fields[label.column]
            key.append(contentsOf: UnsafeRawBufferPointer(start: base + field.start, count: field.end - field.start))
        }
        let fields = self.fields
        let resolved = key.withUnsafeBytes { suffix in
            Result { () throws(LineRejection) -> SeriesID in
                try context.series.resolve(prefix: prefix, suffix: suffix) { () throws(LineRejection) in
                    Self.canonicalLabels(line, fields, layout)
                }
            }
        }
        try context.emit(series: try resolved.get(), timestamp: time, value: number)
        let timestampSpan = fields[layout.timestamp].written
        let valueSpan = fields[layout.value].written
        lastRecord = (
            timestampSpan.lowerBound + bom..<timestampSpan.upperBound + bom, valueSpan.lowerBound + bom..<valueSpan.upperBound + bom
        )
    }

    // MARK: Header

    /// The layout the first non-blank line sets: a header (then the line holds no record, so nil is returned
    /// after storing it), or headerless `timestamp,value`.
    private mutating func firstLayout(_ line: UnsafeRawBufferPointer) throws(LineRejection) -> Layout? {
        if let header = try header(line) {
            layout = header
            return nil
        }
        if fields.count == 2, isTimestamp(line, fields[0]), NumberParser.double(text(line, fields[1])) != nil {
            return Layout(columnCount: 2, timestamp: 0, value: 1, name: nil, labels: [], fromHeader: false)
        }
        throw LineRejection(.syntax, "first line is not a CSV header with timestamp and value columns")
    }

    /// The layout if the fields name `timestamp` and `value` columns; nil if they do not; a rejection if they do
    /// but the header is unusable.
    private func header(_ line: UnsafeRawBufferPointer) throws(LineRejection) -> Layout? {
        let names = fields.map { String(decoding: text(line, $0), as: UTF8.self) }
        let lowered = names.map { $0.lowercased() }
        guard let timestamp = lowered.firstIndex(of: "timestamp"), let value = lowered.firstIndex(of: "value") else {
            return nil
        }
        var labels: [(column: Int, name: String)] = []
        var name: Int?
        var seen = Set<String>()
        for (column, lower) in lowered.enumerated() {
            guard !lower.isEmpty else { throw LineRejection(.syntax, "header has an empty column name") }
            guard seen.insert(lower).inserted else {
                throw LineRejection(.syntax, "header names column \"\(names[column])\" twice")
            }
            switch lower {
            case "timestamp", "value": break
            case "name": name = column
            default: labels.append((column, names[column]))
            }
        }
        return Layout(
            columnCount: fields.count, timestamp: timestamp, value: value, name: name, labels: labels, fromHeader: true
        )
    }

    private func isHeaderRepeat(_ line: UnsafeRawBufferPointer, _ layout: Layout) -> Bool {
        let field = fields[layout.value]
        guard field.end - field.start == 5 else { return false }
        return asciiLowercased(text(line, field)) == "value"
            && asciiLowercased(text(line, fields[layout.timestamp])) == "timestamp"
    }

    private func asciiLowercased(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func isTimestamp(_ line: UnsafeRawBufferPointer, _ field: Field) -> Bool {
        let decoded = decoded(line, field)
        return decoded.withUnsafeBytes { bytes in (try? TimestampText.nanoseconds(bytes)) != nil }
    }

    // MARK: Fields

    /// Splits the record into `fields`.
    private mutating func split(_ line: UnsafeRawBufferPointer) throws(LineRejection) {
        fields.removeAll(keepingCapacity: true)
        let n = line.count
        guard let p = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        var i = 0
        while true {
            while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
            if i < n, p[i] == UInt8(ascii: "\"") {
                i += 1
                let start = i
                var escaped = false
                while true {
                    guard i < n else { throw LineRejection(.syntax, "unterminated quoted field") }
                    if p[i] == UInt8(ascii: "\"") {
                        if i + 1 < n, p[i + 1] == UInt8(ascii: "\"") {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    i += 1
                }
                fields.append(Field(start: start, end: i, escaped: escaped, quoted: true))
                i += 1
                while i < n, p[i] == 0x20 || p[i] == 0x09 { i += 1 }
                guard i == n || p[i] == UInt8(ascii: ",") else {
                    throw LineRejection(.syntax, "text after the closing quote of a field")
                }
            } else {
                let start = i
                while i < n, p[i] != UInt8(ascii: ",") {
                    guard p[i] != UInt8(ascii: "\"") else { throw LineRejection(.syntax, "quote inside an unquoted field") }
                    i += 1
                }
                var end = i
                while end > start, p[end - 1] == 0x20 || p[end - 1] == 0x09 { end -= 1 }
                fields.append(Field(start: start, end: end, escaped: false))
            }
            guard i < n else { return }
            i += 1  // the comma; a trailing one opens a last, empty field
        }
    }

    /// The raw bytes of a field (its text unless `escaped`).
    private func text(_ line: UnsafeRawBufferPointer, _ field: Field) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[field.start..<field.end])
    }

    /// The text of a field with `""` turned into `"`.
    private func decoded(_ line: UnsafeRawBufferPointer, _ field: Field) -> [UInt8] {
        Self.decoded(line, field)
    }

    private static func decoded(_ line: UnsafeRawBufferPointer, _ field: Field) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            out.append(line[i])
            i += field.escaped && line[i] == UInt8(ascii: "\"") ? 2 : 1
        }
        return out
    }

    // MARK: Values

    private func value(_ line: UnsafeRawBufferPointer, _ field: Field) throws(LineRejection) -> Double {
        guard field.end > field.start else { throw LineRejection(.badNumber, "value is empty") }
        let parsed = field.escaped
            ? decoded(line, field).withUnsafeBytes { NumberParser.double($0) }
            : NumberParser.double(text(line, field))
        guard let parsed else { throw LineRejection(.badNumber, "value is not a number") }
        return parsed
    }

    private func timestamp(_ line: UnsafeRawBufferPointer, _ field: Field) throws(LineRejection) -> Int64 {
        guard field.end > field.start else { throw LineRejection(.badTimestamp, "timestamp is empty") }
        if !field.escaped { return try TimestampText.nanoseconds(text(line, field)) }
        let result = decoded(line, field).withUnsafeBytes { bytes in
            Result { () throws(LineRejection) in try TimestampText.nanoseconds(bytes) }
        }
        return try result.get()
    }

    /// The slow path for a name and label fields never seen in this spelling.
    private static func canonicalLabels(_ line: UnsafeRawBufferPointer, _ fields: [Field], _ layout: Layout) -> SeriesLabels {
        let metric = layout.name.map { String(decoding: decoded(line, fields[$0]), as: UTF8.self) } ?? "value"
        var labels: [Label] = []
        for label in layout.labels {
            let field = fields[label.column]
            guard field.end > field.start else { continue }
            labels.append(Label(name: label.name, value: String(decoding: decoded(line, field), as: UTF8.self)))
        }
        return SeriesLabels(metric: metric, labels: labels)
    }
}
