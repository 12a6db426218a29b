/// Go's `time.Time` and `time.Duration` as alert templates meet them: Prometheus's `toTime`, `toDuration` and
/// `humanizeTimestamp` make them from seconds, and templates print them with their `String` methods.
enum GoTime {
    /// Why a number of seconds is not a time (Prometheus's `floatToTime`).
    enum Failure: Error {
        case notFinite
        case overflow
    }

    /// The time `seconds` after the epoch as Prometheus's `floatToTime` makes it, in ns: the seconds times 1e9
    /// truncated to an `int64` of ns, then to whole milliseconds towards zero (`model.TimeFromUnixNano`).
    ///
    /// - Throws: `.notFinite` for NaN and ±Inf, `.overflow` when the ns do not fit an `int64`.
    static func time(seconds: Double) throws(Failure) -> Int64 {
        guard seconds.isFinite else { throw .notFinite }
        let nanoseconds = seconds * 1e9
        // Go compares with `math.MaxInt64` as a float64, which is 2^63: 2^63 itself passes, and converts to
        // `Int64.min` on amd64.
        guard nanoseconds <= 9.223372036854775807e18, nanoseconds >= -9.223372036854775808e18 else { throw .overflow }
        let truncated = nanoseconds >= 9.223372036854775807e18 ? Int64.min : Int64(nanoseconds)
        return truncated / 1_000_000 * 1_000_000
    }

    /// A duration of `seconds` as `time.Duration(seconds * 1e9)`: ns truncated towards zero; NaN and what does not
    /// fit an `int64` become `Int64.min`, as Go's conversion does on amd64.
    static func duration(seconds: Double) -> Int64 {
        let nanoseconds = seconds * 1e9
        guard !nanoseconds.isNaN, nanoseconds < 9.223372036854775807e18, nanoseconds >= -9.223372036854775808e18 else {
            return .min
        }
        return Int64(nanoseconds)
    }

    /// `time.Time.String()` of a UTC time given in ns since the epoch: `2026-01-01 00:00:00.5 +0000 UTC`, the
    /// fraction without trailing zeros and left out when zero.
    static func text(ofTime nanoseconds: Int64) -> String {
        let (seconds, fraction) = split(nanoseconds)
        let civil = CivilTime(unixSeconds: seconds)
        var out = pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2) + " "
        out += pad(civil.hour, 2) + ":" + pad(civil.minute, 2) + ":" + pad((seconds % 60 + 60) % 60, 2)
        if fraction != 0 {
            var digits = pad(fraction, 9)[...]
            while digits.hasSuffix("0") { digits = digits.dropLast() }
            out += "." + digits
        }
        return out + " +0000 UTC"
    }

    /// `time.Duration.String()`: `1h2m3.5s`, `1.5ms`, `250µs`, `0s`, `-2m0s`.
    static func text(ofDuration nanoseconds: Int64) -> String {
        var magnitude = nanoseconds.magnitude
        var out = ""
        if magnitude < 1_000_000_000 {
            // Below a second: the largest unit under it, with up to 9 significant fraction digits.
            let unit: (divisor: UInt64, digits: Int, name: String)
            switch magnitude {
            case 0: return "0s"
            case ..<1_000: unit = (1, 0, "ns")
            case ..<1_000_000: unit = (1_000, 3, "µs")
            default: unit = (1_000_000, 6, "ms")
            }
            out = fraction(magnitude % unit.divisor, digits: unit.digits) + unit.name
            out = String(magnitude / unit.divisor) + out
        } else {
            out = fraction(magnitude % 1_000_000_000, digits: 9) + "s"
            magnitude /= 1_000_000_000
            out = String(magnitude % 60) + out
            magnitude /= 60
            if magnitude > 0 {
                out = String(magnitude % 60) + "m" + out
                magnitude /= 60
                if magnitude > 0 { out = String(magnitude) + "h" + out }
            }
        }
        return nanoseconds < 0 ? "-" + out : out
    }

    /// Seconds (floored) and the ns past them (0...999_999_999).
    static func split(_ nanoseconds: Int64) -> (seconds: Int64, fraction: Int64) {
        var (seconds, fraction) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        return (seconds, fraction)
    }

    /// Go's `fmtFrac`: `.` and the `digits`-digit fraction without trailing zeros; nothing when it is zero.
    private static func fraction(_ value: UInt64, digits: Int) -> String {
        guard value != 0 else { return "" }
        var text = String(value)
        text = String(repeating: "0", count: digits - text.count) + text
        while text.hasSuffix("0") { text.removeLast() }
        return "." + text
    }

    /// `value` in decimal, zero-padded to `width` digits after any minus sign (Go's `appendInt`).
    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value.magnitude)
        let padded = text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        return value < 0 ? "-" + padded : padded
    }
}
