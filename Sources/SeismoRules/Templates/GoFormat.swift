import Foundation

/// Number formatting as Prometheus's Go templates print numbers, so annotations read the same as in Prometheus.
public enum GoFormat {
    /// Go's `%v` for a float64 (`strconv.FormatFloat(v, 'g', -1, 64)`): the shortest round-tripping digits, in
    /// `%e` form when the decimal exponent is below -4 or 6 and above, e.g. `0.5`, `123456`, `1e+06`, `1e-05`.
    public static func value(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        if v == 0 { return v.sign == .minus ? "-0" : "0" }
        // Swift's description is the shortest round-tripping form; take its digits and exponent.
        let (negative, digits, exponent) = decompose(v)
        let sign = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.first!)
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let e = abs(exponent)
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + String(e)
        }
        if exponent >= digits.count - 1 {
            return sign + digits + String(repeating: "0", count: exponent - digits.count + 1)
        }
        if exponent >= 0 {
            let split = digits.index(digits.startIndex, offsetBy: exponent + 1)
            return sign + digits[..<split] + "." + digits[split...]
        }
        return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
    }

    /// `fmt.Sprintf("%.4g", v)` with Go's spelling of NaN and infinities.
    public static func g4(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        return CFormat.format("%.4g", v)
    }

    /// Prometheus's `humanize`: SI prefixes, 4 significant digits (`1.235k`, `12.5m`).
    public static func humanize(_ value: Double) -> String {
        var v = value
        if v == 0 || !v.isFinite { return g4(v) }
        var prefix = ""
        if abs(v) >= 1 {
            for p in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if abs(v) < 1000 { break }
                prefix = p
                v /= 1000
            }
        } else {
            for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
                if abs(v) >= 1 { break }
                prefix = p
                v *= 1000
            }
        }
        return g4(v) + prefix
    }

    /// Prometheus's `humanize1024`: binary prefixes (`1.5Ki`).
    public static func humanize1024(_ value: Double) -> String {
        var v = value
        if abs(v) <= 1 || !v.isFinite { return g4(v) }
        var prefix = ""
        for p in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if abs(v) < 1024 { break }
            prefix = p
            v /= 1024
        }
        return g4(v) + prefix
    }

    /// Prometheus's `humanizeDuration` of seconds: `1d 2h 3m 4s`, `1.5s`, `250ms`.
    public static func humanizeDuration(_ value: Double) -> String {
        var v = value
        if !v.isFinite { return g4(v) }
        if v == 0 { return g4(v) + "s" }
        if abs(v) >= 1 {
            var sign = ""
            if v < 0 {
                sign = "-"
                v = -v
            }
            let duration = Int64(v)
            let seconds = duration % 60
            let minutes = (duration / 60) % 60
            let hours = (duration / 3600) % 24
            let days = duration / 86_400
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + g4(v) + "s"
        }
        var prefix = ""
        for p in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if abs(v) >= 1 { break }
            prefix = p
            v *= 1000
        }
        return g4(v) + prefix + "s"
    }

    /// Prometheus's `humanizePercentage`: a ratio as a percentage (`0.1234` → `12.34%`).
    public static func humanizePercentage(_ v: Double) -> String { g4(v * 100) + "%" }

    private static func decompose(_ v: Double) -> (negative: Bool, digits: String, exponent: Int) {
        var text = "\(abs(v))"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integer + fraction
        exponent += integer.count - 1
        // Strip leading zeros (0.00123 → digits 123, exponent moves down) and trailing zeros.
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (v < 0, digits, exponent)
    }
}
