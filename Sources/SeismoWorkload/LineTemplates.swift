import SeismoCore
import SeismoIngest

/// The constant bytes of every series' lines in one format, rendered once so the hot loop only copies them
/// around the numbers: `head` before the value, `middle` between the influx fields, `tail` after the value.
/// Also the header lines the format opens with.
struct LineTemplates: Sendable {
    /// All pieces back to back; the ranges below index into it.
    private(set) var arena: [UInt8] = []
    private(set) var heads: [Range<Int>] = []
    private(set) var middles: [Range<Int>] = []
    private(set) var tails: [Range<Int>] = []
    /// `# HELP`/`# TYPE` for each metric family present (prometheus), the column header (csv), or nothing.
    private(set) var header: [UInt8] = []
    private(set) var headerLineCount = 0
    /// The longest piece set of one series, to size the flush threshold.
    private(set) var longest = 0

    init(format: InputFormat, series: [WorkloadSeries], written: [[Label]]) {
        switch format {
        case .prometheus:
            var seen = Set<WorkloadSeries.Kind>()
            for s in series where seen.insert(s.kind).inserted {
                header += Array("# HELP \(s.kind.metric) \(s.kind.help)\n# TYPE \(s.kind.metric) \(s.kind.prometheusType)\n".utf8)
                headerLineCount += 2
            }
        case .csv:
            header = Array((series.count == 1 ? "timestamp,value\n" : "timestamp,name,value\n").utf8)
            headerLineCount = 1
        default:
            break
        }
        for (index, s) in series.enumerated() {
            let (head, middle, tail) = Self.pieces(format: format, series: s, labels: written[index], single: series.count == 1)
            heads.append(add(head))
            middles.append(add(middle))
            tails.append(add(tail))
            longest = max(longest, head.utf8.count + middle.utf8.count + tail.utf8.count)
        }
    }

    private mutating func add(_ piece: String) -> Range<Int> {
        let start = arena.count
        arena += piece.utf8
        return start..<arena.count
    }

    private static func pieces(format: InputFormat, series s: WorkloadSeries, labels: [Label], single: Bool) -> (String, String, String) {
        let kind = s.kind
        switch format {
        case .influx:
            var head = influxEscape(kind.influxMeasurement, tag: false)
            for label in labels { head += "," + influxEscape(label.name, tag: true) + "=" + influxEscape(label.value, tag: true) }
            head += " " + kind.influxField + "="
            let middle = kind.secondaryField.map { "," + $0 + "=" } ?? ""
            return (head, middle, "")
        case .prometheus:
            let body = labels.map { "\($0.name)=\"\(quoteEscape($0.value))\"" }.joined(separator: ",")
            return (labels.isEmpty ? kind.metric + " " : "\(kind.metric){\(body)} ", "", "")
        case .graphite:
            if kind.graphiteTagged {
                return (kind.metric + labels.map { ";\($0.name)=\($0.value)" }.joined() + " ", "", "")
            }
            return (kind.dottedName(labels) + " ", "", "")
        case .statsd:
            let tags = labels.isEmpty ? "" : "|#" + labels.map { "\($0.name):\($0.value)" }.joined(separator: ",")
            return (kind.metric + ":", "", "|\(kind.statsdType)" + tags)
        case .jsonl:
            let body = labels.map { "\"\(quoteEscape($0.name))\":\"\(quoteEscape($0.value))\"" }.joined(separator: ",")
            return (#"{"name":"\#(quoteEscape(kind.metric))","labels":{\#(body)},"value":"#, "", "")
        case .csv:
            return (single ? "," : "," + kind.dottedName(labels) + ",", "", "")
        case .auto:
            preconditionFailure("WorkloadGenerator: .auto is not an output format; pick a concrete one")
        }
    }

    private static func influxEscape(_ text: String, tag: Bool) -> String {
        var out = ""
        for ch in text {
            if ch == "," || ch == " " || (tag && ch == "=") { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Backslash, quote and newline escaped, as Prometheus label values and JSON strings both want them.
    private static func quoteEscape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
