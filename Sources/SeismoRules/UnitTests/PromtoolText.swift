import SeismoCore

/// Text the way promtool prints it, so `seismo test` failures read like `promtool test rules` failures.
///
/// promtool is written in Go; these are the few Go formatting rules its unit-test output depends on.
public enum PromtoolText {
    /// A float as Go's `strconv.FormatFloat(v, 'E', -1, 64)`: the shortest digits that read back to `v`,
    /// in exponent form with at least two exponent digits: `1E+00`, `2.5E-01`, `3.0000000000000004E-01`,
    /// `NaN`, `+Inf`, `-Inf`.
    public static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        // Swift's description also prints the shortest round-tripping digits; only the layout differs.
        let text = "\(value.magnitude)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].drop(while: { $0 == "+" })) ?? 0
        }
        var digits: [Character] = []
        var pointPosition = 0
        var seenPoint = false
        for ch in mantissa {
            if ch == "." { seenPoint = true; continue }
            digits.append(ch)
            if !seenPoint { pointPosition += 1 }
        }
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        let sign = value.sign == .minus ? "-" : ""
        guard let lead = digits.first else { return sign + "0E+00" }
        let decimalExponent = pointPosition - 1 + exponent
        var out = sign + String(lead)
        if digits.count > 1 { out += "." + String(digits.dropFirst()) }
        out += decimalExponent < 0 ? "E-" : "E+"
        let magnitude = String(decimalExponent.magnitude)
        out += magnitude.count < 2 ? "0" + magnitude : magnitude
        return out
    }

    /// A string as Go's `strconv.Quote`: in double quotes, with `\a \b \f \n \r \t \v \\ \"` escaped,
    /// other ASCII control characters as `\xNN` and non-printable Unicode as `\uNNNN` or `\UNNNNNNNN`.
    public static func quote(_ text: String) -> String {
        GoEscaping.quote(text)
    }

    /// A label set as Prometheus prints one: `{alertname="HighErrors", severity="page"}`, in the order given.
    public static func labels(_ labels: [Label]) -> String {
        "{" + labels.map { $0.name + "=" + quote($0.value) }.joined(separator: ", ") + "}"
    }

    /// A series' labels with the metric name as the `__name__` label, sorted by name as Prometheus sorts
    /// label sets (byte order), so `{__name__="up", job="api"}`.
    public static func labels(_ series: SeriesLabels) -> String {
        labels(PrometheusLabelSet.labels(of: series))
    }

    /// A duration as Prometheus's `model.Duration` prints one: largest units first, years and weeks only when
    /// they divide the duration exactly (`90d`, `2w`, `1m30s`, `1s500ms`, `0s`). Below a millisecond is dropped.
    public static func duration(nanoseconds: Int64) -> String {
        var ms = nanoseconds / 1_000_000
        if ms == 0 { return "0s" }
        var out = ms < 0 ? "-" : ""
        ms = ms.magnitude > UInt64(Int64.max) ? Int64.max : abs(ms)
        let units: [(String, Int64, Bool)] = [
            ("y", 365 * 86_400_000, true), ("w", 7 * 86_400_000, true), ("d", 86_400_000, false),
            ("h", 3_600_000, false), ("m", 60_000, false), ("s", 1000, false), ("ms", 1, false),
        ]
        for (unit, size, exact) in units {
            if exact && ms % size != 0 { continue }
            let count = ms / size
            if count > 0 {
                out += "\(count)\(unit)"
                ms -= count * size
            }
        }
        return out
    }

    /// A duration as Go's `time.Duration.String()` prints one, which promtool uses for rule evaluation
    /// errors: `10m0s`, `1h0m0s`, `1.5s`, `250ms`, `0s`.
    public static func goDuration(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let u = nanoseconds.magnitude
        var out: String
        if u < 1_000_000_000 {
            // Below a second Go picks the largest unit that keeps an integer part: ns, µs or ms.
            let (unit, scale): (String, UInt64) = u < 1000 ? ("ns", 1) : u < 1_000_000 ? ("µs", 1000) : ("ms", 1_000_000)
            out = fixed(u, scale: scale) + unit
        } else {
            let seconds = u / 1_000_000_000
            let fraction = u % 1_000_000_000
            var text = fixed(seconds % 60 * 1_000_000_000 + fraction, scale: 1_000_000_000) + "s"
            let minutes = seconds / 60
            if minutes > 0 {
                text = "\(minutes % 60)m" + text
                let hours = minutes / 60
                if hours > 0 { text = "\(hours)h" + text }
            }
            out = text
        }
        return negative ? "-" + out : out
    }

    /// `value / scale` with the fraction's trailing zeros removed (`1500, 1000` → `1.5`).
    private static func fixed(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction != 0 else { return "\(whole)" }
        var width = 0
        var s = scale
        while s > 1 { s /= 10; width += 1 }
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: width - digits.count) + digits
    }
}
