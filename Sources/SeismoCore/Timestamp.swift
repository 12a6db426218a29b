#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Event-time helpers. Seismo's clock is nanoseconds since the Unix epoch in an `Int64`
/// (good until the year 2262).
public enum Timestamp {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// The wall clock now, in nanoseconds since the epoch; used as arrival time for samples without a timestamp.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) &* nanosecondsPerSecond &+ Int64(ts.tv_nsec)
    }

    /// A monotonic clock in nanoseconds, for measuring elapsed time.
    public static func monotonic() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}

extension Timestamp {
    /// RFC 3339 in UTC with as many fractional digits as needed (none, 3, 6 or 9):
    /// `2026-11-01T00:00:00Z`, `2026-11-01T00:00:00.250Z`.
    public static func rfc3339(_ nanoseconds: Int64) -> String {
        var seconds = nanoseconds / nanosecondsPerSecond
        var fraction = nanoseconds % nanosecondsPerSecond
        if fraction < 0 {
            fraction += nanosecondsPerSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // Written digit by digit into a fixed buffer: building it from padded `String`s cost ~7k instructions per
        // call, and every alert line carries two of these.
        let fractionDigits = fraction == 0 ? 0 : fraction % 1_000_000 == 0 ? 3 : fraction % 1_000 == 0 ? 6 : 9
        let fractionValue = fractionDigits == 3 ? fraction / 1_000_000 : fractionDigits == 6 ? fraction / 1_000 : fraction
        // Int64 nanoseconds span the years 1677 to 2262: always four digits.
        let length = 20 + (fractionDigits > 0 ? 1 + fractionDigits : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            func put(_ value: Int64, width: Int, at end: Int) {
                var v = value
                var i = end
                while i > end - width {
                    i -= 1
                    buffer[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                    v /= 10
                }
            }
            put(year, width: 4, at: 4)
            buffer[4] = UInt8(ascii: "-")
            put(month, width: 2, at: 7)
            buffer[7] = UInt8(ascii: "-")
            put(day, width: 2, at: 10)
            buffer[10] = UInt8(ascii: "T")
            put(secondOfDay / 3600, width: 2, at: 13)
            buffer[13] = UInt8(ascii: ":")
            put(secondOfDay % 3600 / 60, width: 2, at: 16)
            buffer[16] = UInt8(ascii: ":")
            put(secondOfDay % 60, width: 2, at: 19)
            if fractionDigits > 0 {
                buffer[19] = UInt8(ascii: ".")
                put(fractionValue, width: fractionDigits, at: 20 + fractionDigits)
            }
            buffer[length - 1] = UInt8(ascii: "Z")
            return length
        }
    }
}
