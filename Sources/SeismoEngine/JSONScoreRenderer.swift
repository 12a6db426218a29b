import SeismoCore
import SeismoIngest

/// Renders scored samples as JSON lines:
/// `{"series":"name{labels}","timestamp":ns,"value":v,"score":s,"anomalous":b}`.
struct JSONScoreRenderer {
    let output: ScoreOutput
    let registry: SeriesRegistry
    /// Per series, `{"series":"…","timestamp":` with the name escaped as a JSON string; filled on first sight.
    private var heads: [[UInt8]] = []

    init(output: ScoreOutput, registry: SeriesRegistry) {
        self.output = output
        self.registry = registry
    }

    @inline(__always)
    mutating func render(_ sample: Sample, score: Double, anomalous: Bool) {
        let i = sample.series.index
        if i >= heads.count || heads[i].isEmpty { remember(sample.series) }
        output.reserve(heads[i].count + 96)
        output.append(heads[i])
        output.append(integer: sample.timestamp)
        output.append(#","value":"#)
        output.append(double: sample.value)
        output.append(#","score":"#)
        output.append(score: score)
        if anomalous {
            output.append(",\"anomalous\":true}\n")
        } else {
            output.append(",\"anomalous\":false}\n")
        }
    }

    private mutating func remember(_ series: SeriesID) {
        if series.index >= heads.count { heads.append(contentsOf: repeatElement([], count: series.index + 1 - heads.count)) }
        var head = Array(#"{"series":""#.utf8)
        Self.appendEscaped(registry.labels(of: series).description, to: &head)
        head += #"","timestamp":"#.utf8
        heads[series.index] = head
    }

    /// The text as the inside of a JSON string: `"` and `\` escaped, control characters as `\uXXXX`.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
    }
}
