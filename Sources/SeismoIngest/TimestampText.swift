import SeismoCore

/// Timestamps written as text, read straight from bytes into nanoseconds since the Unix epoch.
///
/// Two spellings, shared by the JSON-lines and CSV parsers:
///
/// - **ISO-8601 / RFC 3339**: `YYYY-MM-DD`, optionally followed by `T`, `t` or one space and `hh:mm:ss`, an
///   optional fraction of 1 to 9 digits after a `.`, and an optional zone: `Z`, `z`, `±hh:mm`, `±hhmm` or `±hh`.
///   No zone means UTC; a date alone means midnight UTC. Second 60 (a leap second) is accepted and lands on the
///   first instant of the next minute, as POSIX time has no leap seconds. Dates are checked against the calendar
///   (leap years included), so `2026-02-30` is rejected.
/// - **Epoch numbers**, whose unit is decided by magnitude (see `unit(forMagnitude:)`): `1762041600` (seconds),
///   `1762041600123` (ms), `1762041600123456` (µs), `1762041600123456789` (ns). Fractions and a sign are allowed
///   (`1762041600.25`); an exponent (`1.7620416e9`) is read through `Double`, so it keeps about 16 digits.
///
/// Everything representable lies between 1677-09-21 and 2262-04-11 (the range of `Int64` nanoseconds); anything
/// outside, malformed, or with stray bytes throws `.badTimestamp`. No `DateFormatter`, no allocation.
public enum TimestampText {
    /// Parses either spelling: ISO-8601 when the text starts with four digits and a `-`, an epoch number otherwise.
    public static func nanoseconds(_ text: UnsafeRawBufferPointer) throws(LineRejection) -> Int64 {
        if looksLikeISO8601(text) { return try iso8601(text) }
        return try epoch(text)
    }

    /// Whether `text` starts like an ISO-8601 date (`dddd-`). Cheap; says nothing about validity.
    public static func looksLikeISO8601(_ text: UnsafeRawBufferPointer) -> Bool {
        guard text.count >= 5 else { return false }
        return isDigit(text[0]) && isDigit(text[1]) && isDigit(text[2]) && isDigit(text[3]) && text[4] == UInt8(ascii: "-")
    }

    // MARK: ISO-8601

    /// Parses an ISO-8601 / RFC 3339 date-time into nanoseconds since the epoch (grammar in the type's summary).
    public static func iso8601(_ text: UnsafeRawBufferPointer) throws(LineRejection) -> Int64 {
        let n = text.count
        var i = 0
        func digits(_ count: Int) throws(LineRejection) -> Int {
            guard i + count <= n else { throw LineRejection(.badTimestamp, "timestamp is cut short") }
            var v = 0
            for _ in 0..<count {
                let d = text[i] &- 0x30
                guard d < 10 else { throw LineRejection(.badTimestamp, "timestamp has a non-digit where a digit belongs") }
                v = v * 10 + Int(d)
                i += 1
            }
            return v
        }
        func expect(_ byte: UInt8) throws(LineRejection) {
            guard i < n, text[i] == byte else {
                throw LineRejection(.badTimestamp, "timestamp is not ISO-8601 (expected '\(Character(Unicode.Scalar(byte)))')")
            }
            i += 1
        }

        let year = try digits(4)
        try expect(UInt8(ascii: "-"))
        let month = try digits(2)
        try expect(UInt8(ascii: "-"))
        let day = try digits(2)
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else {
            throw LineRejection(.badTimestamp, "timestamp names a day that does not exist")
        }
        var seconds = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        var fraction: Int64 = 0
        if i < n {
            let separator = text[i]
            guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20 else {
                throw LineRejection(.badTimestamp, "timestamp is not ISO-8601 (expected 'T' after the date)")
            }
            i += 1
            let hour = try digits(2)
            try expect(UInt8(ascii: ":"))
            let minute = try digits(2)
            try expect(UInt8(ascii: ":"))
            let second = try digits(2)
            guard hour <= 23, minute <= 59, second <= 60 else {
                throw LineRejection(.badTimestamp, "timestamp has an hour, minute or second out of range")
            }
            seconds += Int64(hour * 3600 + minute * 60 + second)
            if i < n, text[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < n, isDigit(text[i]) {
                    guard i - start < 9 else {
                        throw LineRejection(.badTimestamp, "timestamp has more than 9 fractional digits")
                    }
                    fraction = fraction * 10 + Int64(text[i] &- 0x30)
                    i += 1
                }
                guard i > start else { throw LineRejection(.badTimestamp, "timestamp has a '.' without digits") }
                for _ in (i - start)..<9 { fraction *= 10 }
            }
            if i < n {
                let zone = text[i]
                i += 1
                if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
                    // UTC
                } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
                    let offsetHours = try digits(2)
                    var offsetMinutes = 0
                    if i < n {
                        if text[i] == UInt8(ascii: ":") { i += 1 }
                        offsetMinutes = try digits(2)
                    }
                    guard offsetHours <= 23, offsetMinutes <= 59 else {
                        throw LineRejection(.badTimestamp, "timestamp has a zone offset out of range")
                    }
                    let offset = Int64(offsetHours * 3600 + offsetMinutes * 60)
                    // Local time = UTC + offset, so UTC = local - offset.
                    seconds += zone == UInt8(ascii: "+") ? -offset : offset
                } else {
                    throw LineRejection(.badTimestamp, "timestamp has an unknown zone designator")
                }
            }
            guard i == n else { throw LineRejection(.badTimestamp, "timestamp has stray bytes after the zone") }
        }
        return try combine(seconds: seconds, fraction: fraction)
    }

    /// `seconds * 1e9 + fraction`, or `.badTimestamp` outside the `Int64` range.
    static func combine(seconds: Int64, fraction: Int64) throws(LineRejection) -> Int64 {
        var seconds = seconds
        var fraction = fraction
        // Before 1970 borrow a second, so the earliest representable instants do not overflow on the way.
        if seconds < 0, fraction > 0 {
            seconds += 1
            fraction -= Timestamp.nanosecondsPerSecond
        }
        let (scaled, o1) = seconds.multipliedReportingOverflow(by: Timestamp.nanosecondsPerSecond)
        let (sum, o2) = scaled.addingReportingOverflow(fraction)
        guard !o1, !o2 else { throw LineRejection(.badTimestamp, "timestamp is outside 1677-09-21...2262-04-11") }
        return sum
    }

    // MARK: Epoch numbers

    /// The unit of an epoch number, from its magnitude (integer part, sign ignored):
    /// below 1e11 seconds, below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
    ///
    /// Every unit switches over at 1973-03-03 (10^11 s = 10^14 ms = ...), so any date from then on is read right
    /// whatever unit the writer chose; only millisecond (or finer) timestamps before March 1973 are misread as a
    /// coarser unit. (Seconds from about 9.2e9 up are beyond 2262 and rejected as out of range.)
    /// Returns nanoseconds per unit.
    public static func unit(forMagnitude magnitude: UInt64) -> Int64 {
        if magnitude < 100_000_000_000 { return 1_000_000_000 }
        if magnitude < 100_000_000_000_000 { return 1_000_000 }
        if magnitude < 100_000_000_000_000_000 { return 1_000 }
        return 1
    }

    /// Parses a decimal epoch number `[+-]digits[.digits][(e|E)[+-]digits]` into nanoseconds, its unit decided by
    /// magnitude. Fractions are exact to the nanosecond (digits beyond are truncated toward zero).
    public static func epoch(_ text: UnsafeRawBufferPointer) throws(LineRejection) -> Int64 {
        let n = text.count
        var i = 0
        var negative = false
        if i < n, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        let intStart = i
        var integer: UInt64 = 0
        while i < n, isDigit(text[i]) {
            let (m, o1) = integer.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(text[i] &- 0x30))
            guard !o1, !o2 else { throw LineRejection(.badTimestamp, "timestamp is out of range") }
            integer = a
            i += 1
        }
        let intEnd = i
        var fracStart = i
        var fracEnd = i
        if i < n, text[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < n, isDigit(text[i]) { i += 1 }
            fracEnd = i
        }
        guard intEnd > intStart || fracEnd > fracStart else {
            throw LineRejection(.badTimestamp, "timestamp is neither ISO-8601 nor an epoch number")
        }
        if i < n, text[i] | 0x20 == UInt8(ascii: "e") {
            // Rare: read through Double, then decide the unit by magnitude like any other number.
            guard let value = NumberParser.double(text), value.isFinite else {
                throw LineRejection(.badTimestamp, "timestamp is neither ISO-8601 nor an epoch number")
            }
            return try epoch(value)
        }
        guard i == n else { throw LineRejection(.badTimestamp, "timestamp is neither ISO-8601 nor an epoch number") }

        let unit = unit(forMagnitude: integer)
        // Integer part: at most 1e11 * 1e9 for seconds, etc., so overflow is the only range check needed.
        guard integer <= UInt64(Int64.max) else { throw LineRejection(.badTimestamp, "timestamp is out of range") }
        let (whole, overflow) = Int64(integer).multipliedReportingOverflow(by: unit)
        guard !overflow else { throw LineRejection(.badTimestamp, "timestamp is outside 1677-09-21...2262-04-11") }
        // Fraction: as many digits as the unit has below it (9 for seconds, 6 for ms, 3 for µs, 0 for ns).
        var part: Int64 = 0
        var scale = unit
        var j = fracStart
        while scale > 1 {
            scale /= 10
            let d: Int64 = j < fracEnd ? Int64(text[j] &- 0x30) : 0
            part += d * scale
            j += 1
        }
        let (total, o2) = whole.addingReportingOverflow(part)
        guard !o2 else { throw LineRejection(.badTimestamp, "timestamp is outside 1677-09-21...2262-04-11") }
        return negative ? -total : total
    }

    /// An epoch number already read as a `Double`, its unit decided by magnitude; rounded to the nearest ns.
    public static func epoch(_ value: Double) throws(LineRejection) -> Int64 {
        guard value.isFinite else { throw LineRejection(.badTimestamp, "timestamp is not finite") }
        let magnitude = value.magnitude
        let unit = magnitude < 1.8e19 ? self.unit(forMagnitude: UInt64(magnitude)) : 1
        let ns = (value * Double(unit)).rounded()
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        guard ns > -9.223372036854775808e18, ns < 9.223372036854775808e18 else {
            throw LineRejection(.badTimestamp, "timestamp is outside 1677-09-21...2262-04-11")
        }
        return Int64(ns)
    }

    /// An integer epoch number, its unit decided by magnitude.
    public static func epoch(integer: Int64) throws(LineRejection) -> Int64 {
        let (ns, overflow) = integer.multipliedReportingOverflow(by: unit(forMagnitude: integer.magnitude))
        guard !overflow else { throw LineRejection(.badTimestamp, "timestamp is outside 1677-09-21...2262-04-11") }
        return ns
    }

    // MARK: Calendar

    /// Days from 1970-01-01 to the given proleptic Gregorian date (negative before it).
    ///
    /// Howard Hinnant's `days_from_civil`: shift the year to start in March so the leap day is the last day of
    /// the year, then count whole 400-year eras (146,097 days), years within the era, and days within the year
    /// (`(153 * m + 2) / 5` gives the days before each month of a March-based year).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether `year` has a February 29th in the proleptic Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in `month` (1...12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
}
