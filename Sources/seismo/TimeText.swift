import ArgumentParser
import SeismoIngest

/// Event times on the command line: read as RFC 3339 or an epoch number (unit by magnitude, as the CSV and JSON
/// parsers read them), shown as RFC 3339 in UTC.
enum TimeText {
    /// `2023-11-14T22:13:20Z`, with the fraction of a second when there is one (trailing zeros dropped).
    static func utc(_ ns: Int64) -> String {
        let (seconds, fraction) = floorDivide(ns, 1_000_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3_600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 {
            var digits = pad(fraction, 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Parses RFC 3339 (`2023-11-14T22:13:20Z`, `2023-11-14`) or an epoch number (`1700000000`, `1700000000000`).
    static func nanoseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes in try? TimestampText.nanoseconds(UnsafeRawBufferPointer(bytes)) }
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A `--from` / `--to` value: an instant in ns since the epoch.
struct EventTime: ExpressibleByArgument {
    var nanoseconds: Int64

    init?(argument: String) {
        guard let ns = TimeText.nanoseconds(argument) else { return nil }
        nanoseconds = ns
    }

    static var defaultValueDescription: String { "RFC 3339 or epoch" }
}
