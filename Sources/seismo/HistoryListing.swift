import SeismoCore
import SeismoHistory

/// Renders `seismo history ls`: an aligned table or a JSON object, the segments and what the journal holds past them.
enum HistoryListing {
    static func table(_ summaries: [SegmentSummary], journal: JournalTail) -> String {
        var rows: [[String]] = [["segment", "from", "to", "series", "samples", "bytes", "bytes/sample"]]
        for s in summaries {
            rows.append([
                s.name + (s.indexed ? "" : " (open)"),
                s.timeRange.map { TimeText.utc($0.lowerBound) } ?? "-",
                s.timeRange.map { TimeText.utc($0.upperBound) } ?? "-",
                String(s.series), String(s.samples), String(s.bytes), s.bytesPerSample.map(Self.twoDecimals) ?? "-",
            ])
        }
        let samples = summaries.reduce(0) { $0 + $1.samples }
        let bytes = summaries.reduce(Int64(0)) { $0 + $1.bytes }
        let low = summaries.compactMap(\.timeRange?.lowerBound).min()
        let high = summaries.compactMap(\.timeRange?.upperBound).max()
        rows.append([
            "total (\(summaries.count) segments)", low.map(TimeText.utc) ?? "-", high.map(TimeText.utc) ?? "-", "",
            String(samples), String(bytes), samples > 0 ? twoDecimals(Double(bytes) / Double(samples)) : "-",
        ])
        if let range = journal.timeRange {
            // Samples of a run still going (or killed) that are not in a block yet.
            rows.append([
                "\(JournalTail.fileName) (not yet a block)", TimeText.utc(range.lowerBound), TimeText.utc(range.upperBound),
                String(journal.seriesCount), String(journal.samples.count), "-", "-",
            ])
        }
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let fill = String(repeating: " ", count: widths[i] - cell.count)
                // Text left-aligned, numbers right-aligned.
                line += i < 3 ? cell + fill : fill + cell
                if i < row.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    static func json(_ summaries: [SegmentSummary], journal: JournalTail) -> String {
        func time(_ t: Int64?) -> String { t.map { String($0) } ?? "null" }
        var segments: [String] = []
        for s in summaries {
            segments.append(
                "{\"name\":\"\(s.name)\",\"first_sequence\":\(s.firstSequence),\"end_sequence\":\(s.endSequence),"
                    + "\"min_time\":\(time(s.timeRange?.lowerBound)),\"max_time\":\(time(s.timeRange?.upperBound)),"
                    + "\"blocks\":\(s.blocks),\"series\":\(s.series),\"samples\":\(s.samples),\"bytes\":\(s.bytes),"
                    + "\"bytes_per_sample\":\(s.bytesPerSample.map { String($0) } ?? "null"),\"sealed\":\(s.indexed),"
                    + "\"damaged_blocks\":\(s.damage.count)}"
            )
        }
        let samples = summaries.reduce(0) { $0 + $1.samples }
        let bytes = summaries.reduce(Int64(0)) { $0 + $1.bytes }
        let pending = "{\"first_sequence\":\(journal.firstSequence),\"samples\":\(journal.samples.count),"
            + "\"series\":\(journal.seriesCount),\"min_time\":\(time(journal.timeRange?.lowerBound)),"
            + "\"max_time\":\(time(journal.timeRange?.upperBound)),\"unreadable_bytes\":\(journal.unreadableBytes)}"
        return "{\"segments\":[" + segments.joined(separator: ",") + "],\"samples\":\(samples),\"bytes\":\(bytes),"
            + "\"bytes_per_sample\":\(samples > 0 ? String(Double(bytes) / Double(samples)) : "null"),"
            + "\"journal\":\(pending)}\n"
    }

    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
