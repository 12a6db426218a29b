/// The UTC calendar fields of a Unix time, for `hour`, `day_of_week`, `days_in_month` and the other date functions.
///
/// Proleptic Gregorian calendar (Howard Hinnant's `civil_from_days`), exact for every `Int64` second.
struct CivilTime: Hashable {
    var year: Int64
    /// 1...12
    var month: Int64
    /// 1...31
    var day: Int64
    var hour: Int64
    var minute: Int64
    /// 0 is Sunday, as Go's `time.Weekday`.
    var weekday: Int64

    init(unixSeconds seconds: Int64) {
        let (quotient, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let days = remainder < 0 ? quotient - 1 : quotient
        let secondOfDay = seconds - days * 86_400
        hour = secondOfDay / 3600
        minute = secondOfDay % 3600 / 60
        weekday = ((days % 7) + 7 + 4) % 7 // 1970-01-01 was a Thursday.

        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Seconds since the epoch the way Go's `int64(float)` truncates a sample value (NaN and out-of-range values
    /// become `Int64.min`, as on amd64).
    init(unixSecondsValue value: Double) {
        if value.isNaN || value >= 9.223372036854775807e18 || value < -9.223372036854775808e18 {
            self.init(unixSeconds: .min)
        } else {
            self.init(unixSeconds: Int64(value))
        }
    }

    var daysInMonth: Int64 {
        switch month {
        case 4, 6, 9, 11: return 30
        case 2:
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return leap ? 29 : 28
        default: return 31
        }
    }
}
