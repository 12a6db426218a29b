import SeismoCore
import SeismoIngest

/// Renders scored CSV records: `timestamp,value,anomaly_score[,series]` with the timestamp and value copied from
/// the input line as written.
struct CSVScoreRenderer {
    let output: ScoreOutput
    let registry: SeriesRegistry
    private var wroteHeader = false
    private var withSeries = false
    /// Per series, `"name{labels}"` quoted as a CSV field; filled on first sight.
    private var names: [[UInt8]] = []

    init(output: ScoreOutput, registry: SeriesRegistry) {
        self.output = output
        self.registry = registry
    }

    @inline(__always)
    mutating func render(_ sample: Sample, score: Double, line: UnsafeRawBufferPointer, parser: CSVLineParser) {
        if !wroteHeader { writeHeader(withSeries: parser.hasSeriesColumns) }
        guard let record = parser.lastRecord else { return }
        var extra = 0
        if withSeries {
            if sample.series.index >= names.count || names[sample.series.index].isEmpty { remember(sample.series) }
            extra = names[sample.series.index].count + 1
        }
        output.reserve(record.timestamp.count + record.value.count + 12 + extra)
        output.append(UnsafeRawBufferPointer(rebasing: line[record.timestamp]))
        output.append(UInt8(ascii: ","))
        output.append(UnsafeRawBufferPointer(rebasing: line[record.value]))
        output.append(UInt8(ascii: ","))
        output.append(score: score)
        if withSeries {
            output.append(UInt8(ascii: ","))
            output.append(names[sample.series.index])
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// Writes the header if no record did (an input without records still gets one).
    mutating func finish() {
        if !wroteHeader { writeHeader(withSeries: false) }
    }

    private mutating func writeHeader(withSeries: Bool) {
        wroteHeader = true
        self.withSeries = withSeries
        output.reserve(64)
        output.append(withSeries ? "timestamp,value,anomaly_score,series\n" : "timestamp,value,anomaly_score\n")
    }

    private mutating func remember(_ series: SeriesID) {
        if series.index >= names.count { names.append(contentsOf: repeatElement([], count: series.index + 1 - names.count)) }
        var field: [UInt8] = [UInt8(ascii: "\"")]
        for byte in registry.labels(of: series).description.utf8 {
            if byte == UInt8(ascii: "\"") { field.append(byte) }
            field.append(byte)
        }
        field.append(UInt8(ascii: "\""))
        names[series.index] = field
    }
}
