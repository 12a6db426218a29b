import SeismoCore

/// Writes a history's samples back as text (`HistoryExportFormat`), in arrival order, optionally restricted to
/// a time range and to the series a predicate accepts.
///
/// Values are written in their shortest form that reads back to the same double (`0.1`, `146.59`, `1e-05`;
/// integers without a fraction), so export → ingest gives the stored values bit for bit. Output goes to `write`
/// one block at a time, so memory is bounded by the block size.
public struct HistoryExporter {
    public var format: HistoryExportFormat
    /// Inclusive time range, ns since the epoch.
    public var from: Int64 = .min
    public var to: Int64 = .max
    /// Which series to export; all by default. Asked once per series per block.
    public var matches: (SeriesLabels) -> Bool = { _ in true }

    public init(format: HistoryExportFormat) {
        self.format = format
    }

    /// What an export wrote and what it had to leave out.
    public struct Summary: Equatable, Sendable {
        public var samples = 0
        public var series = 0
        /// NaN and ±Inf samples of matched series that the format cannot carry (influx and CSV), left out.
        public var nonFiniteSkipped = 0
        public var damage: [HistoryError] = []
    }

    /// Exports from `reader`, then `journal` when given (the samples it holds past the blocks, see
    /// `HistoryReader.journalTail()`), handing `write` the text of each block and of the journal (never empty). An
    /// error thrown by `write` stops the export and is rethrown. CSV reads the blocks twice: once for the header's
    /// label names.
    public func export<E: Error>(
        from reader: HistoryReader, journal: JournalTail? = nil, write: ([UInt8]) throws(E) -> Void
    ) throws(E) -> Summary {
        var summary = Summary()
        let pending = journal?.asBlock()
        var labelColumns: [String] = []
        if format == .csv {
            var names = Set<String>()
            reader.forEachBlock(from: from, to: to) { block in
                for entry in block.series where matches(entry.labels) { names.formUnion(entry.labels.labels.map(\.name)) }
            }
            for labels in pending?.series ?? [] where matches(labels) { names.formUnion(labels.labels.map(\.name)) }
            labelColumns = names.sorted()
            var header = "timestamp,value,name"
            for name in labelColumns { header += "," + Self.csvField(name) }
            header += "\n"
            try write(Array(header.utf8))
        }
        var seen = Set<SeriesLabels>()
        var out: [UInt8] = []
        /// A series' text up to its value, nil when `matches` leaves it out.
        func prefix(_ labels: SeriesLabels) -> [UInt8]? {
            guard matches(labels) else { return nil }
            seen.insert(labels)
            return Self.prefix(labels, format: format, labelColumns: labelColumns)
        }
        /// Writes the text of a block's samples (or the journal's, shaped as a block) in the range, of matched
        /// series, with writable values.
        func render(_ samples: [Sample], series: [SeriesLabels]) throws(E) {
            // Each series' text up to its value, rendered once per block.
            let prefixes = series.map(prefix)
            out.removeAll(keepingCapacity: true)
            for sample in samples where sample.timestamp >= from && sample.timestamp <= to {
                guard let prefix = prefixes[sample.series.index] else { continue }
                if !sample.value.isFinite, !format.carriesNonFiniteValues {
                    summary.nonFiniteSkipped += 1
                    continue
                }
                Self.appendLine(prefix: prefix, sample: sample, format: format, to: &out)
                summary.samples += 1
            }
            if !out.isEmpty { try write(out) }
        }
        let damage = try reader.forEachBlock(from: from, to: to) { (block) throws(E) in
            try render(block.samples, series: block.series.map(\.labels))
        }
        if let pending { try render(pending.samples, series: pending.series) }
        summary.series = seen.count
        summary.damage = damage
        return summary
    }

    // MARK: Rendering

    static func appendLine(prefix: [UInt8], sample: Sample, format: HistoryExportFormat, to out: inout [UInt8]) {
        switch format {
        case .influx:
            out += prefix
            appendValue(sample.value, to: &out)
            out.append(UInt8(ascii: " "))
            appendInteger(sample.timestamp, to: &out)
        case .prometheus:
            out += prefix
            appendValue(sample.value, to: &out)
            out.append(UInt8(ascii: " "))
            // Milliseconds, rounded down (towards the past, also for times before 1970).
            let ms = sample.timestamp / 1_000_000 - (sample.timestamp % 1_000_000 < 0 ? 1 : 0)
            appendInteger(ms, to: &out)
        case .csv:
            appendInteger(sample.timestamp, to: &out)
            out.append(UInt8(ascii: ","))
            appendValue(sample.value, to: &out)
            out += prefix
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// What comes before the value (influx, prometheus) or after it (csv: `,name,label…`).
    static func prefix(_ series: SeriesLabels, format: HistoryExportFormat, labelColumns: [String]) -> [UInt8] {
        var text = ""
        switch format {
        case .influx:
            text = influxEscaped(series.metric, measurement: true)
            // An empty tag value cannot be written; in Prometheus terms it means the label is absent anyway.
            for label in series.labels where !label.value.isEmpty {
                text += "," + influxEscaped(label.name, measurement: false) + "=" + influxEscaped(label.value, measurement: false)
            }
            text += " value="
        case .prometheus:
            text = series.description + " "
        case .csv:
            text = "," + csvField(series.metric)
            for name in labelColumns { text += "," + csvField(series[name] ?? "") }
        }
        return Array(text.utf8)
    }

    /// The shortest text that reads back as `value`: Swift's shortest round-trip digits, without the `.0` of
    /// integral values; `NaN`, `+Inf`, `-Inf` as Prometheus writes them.
    static func appendValue(_ value: Double, to out: inout [UInt8]) {
        if value.isNaN { out += Array("NaN".utf8); return }
        if value.isInfinite { out += Array((value > 0 ? "+Inf" : "-Inf").utf8); return }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out += Array(text.utf8)
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        out += Array(String(value).utf8)
    }

    /// Line protocol escaping: `,` and space everywhere, `=` in tag keys and values, and backslashes that would
    /// otherwise escape the next character.
    static func influxEscaped(_ text: String, measurement: Bool) -> String {
        var out = ""
        for c in text {
            switch c {
            case ",", " ": out += "\\" + String(c)
            case "=" where !measurement: out += "\\="
            case "\\": out += "\\\\"
            default: out.append(c)
            }
        }
        return out
    }

    /// A CSV field, quoted when it holds a separator, quote, blank at either end or line break.
    static func csvField(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first?.isWhitespace == true || text.last?.isWhitespace == true
        guard needsQuotes else { return text }
        var out = "\""
        for c in text {
            if c == "\"" { out += "\"" }
            out.append(c)
        }
        return out + "\""
    }
}
