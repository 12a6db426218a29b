import SeismoCore

/// Writes strings and numbers the way the PromQL lexer reads them back.
enum PromQLStringQuoting {
    /// `value` in double quotes, with `\` `"` and control characters escaped; other characters as they are.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A number literal: integers without a fraction, `Inf`, `-Inf`, `NaN`, otherwise the shortest form that
    /// reads back to the same `Double`.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// A duration in nanoseconds as Prometheus writes it (`5m`, `1h30m`, `1s500ms`).
    static func duration(_ nanoseconds: Int64) -> String {
        PromDuration.format(nanoseconds: nanoseconds)
    }
}
