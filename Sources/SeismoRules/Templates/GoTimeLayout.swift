/// Go's `time.Time.Format` for the UTC times alert templates hold (`(toTime $value).Format "2006-01-02"`): the
/// layout is read as Go's `nextStdChunk` reads it, each element of the reference time `Mon Jan 2 15:04:05 MST 2006`
/// standing for that element of the time, anything else copied as it is.
enum GoTimeLayout {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// One element of a layout.
    private enum Element {
        case longMonth, month, numMonth, zeroMonth
        case longWeekday, weekday
        case day, underDay, zeroDay, underYearDay, zeroYearDay
        case hour, hour12, zeroHour12
        case minute, zeroMinute, second, zeroSecond
        case longYear, year
        case pm(upper: Bool)
        case zoneName
        /// `Z0700` and its kin: `Z` for UTC.
        case isoZone
        /// `-0700` and its kin: a zero offset in that shape.
        case numericZone(String)
        /// `.000` (`trim` false) or `.999` (trailing zeros trimmed, nothing when zero), with the separator used.
        case fraction(digits: Int, trim: Bool, separator: Character)
    }

    /// `time.Time.Format(layout)` of a UTC time given in ns since the epoch.
    static func format(_ nanoseconds: Int64, layout: String) -> String {
        let (seconds, fraction) = GoTime.split(nanoseconds)
        let civil = CivilTime(unixSeconds: seconds)
        let second = (seconds % 60 + 60) % 60
        var out = ""
        var rest = Substring(layout)
        while !rest.isEmpty {
            guard let (prefix, element, suffix) = nextElement(rest) else {
                out += rest
                break
            }
            out += prefix
            rest = suffix
            switch element {
            case .longMonth: out += monthNames[Int(civil.month - 1)]
            case .month: out += monthNames[Int(civil.month - 1)].prefix(3)
            case .numMonth: out += String(civil.month)
            case .zeroMonth: out += GoTime.pad(civil.month, 2)
            case .longWeekday: out += weekdayNames[Int(civil.weekday)]
            case .weekday: out += weekdayNames[Int(civil.weekday)].prefix(3)
            case .day: out += String(civil.day)
            case .underDay: out += civil.day < 10 ? " " + String(civil.day) : String(civil.day)
            case .zeroDay: out += GoTime.pad(civil.day, 2)
            case .underYearDay:
                let text = String(yearDay(civil))
                out += String(repeating: " ", count: max(0, 3 - text.count)) + text
            case .zeroYearDay: out += GoTime.pad(yearDay(civil), 3)
            case .hour: out += GoTime.pad(civil.hour, 2)
            case .hour12: out += String(civil.hour % 12 == 0 ? 12 : civil.hour % 12)
            case .zeroHour12: out += GoTime.pad(civil.hour % 12 == 0 ? 12 : civil.hour % 12, 2)
            case .minute: out += String(civil.minute)
            case .zeroMinute: out += GoTime.pad(civil.minute, 2)
            case .second: out += String(second)
            case .zeroSecond: out += GoTime.pad(second, 2)
            case .longYear: out += GoTime.pad(civil.year, 4)
            case .year: out += GoTime.pad(civil.year % 100, 2)
            case .pm(let upper): out += civil.hour >= 12 ? (upper ? "PM" : "pm") : (upper ? "AM" : "am")
            case .zoneName: out += "UTC"
            case .isoZone: out += "Z"
            case .numericZone(let text): out += text
            case .fraction(let digits, let trim, let separator):
                var text = GoTime.pad(fraction, 9).prefix(digits)
                if trim {
                    while text.hasSuffix("0") { text = text.dropLast() }
                    if text.isEmpty { continue }
                }
                out.append(separator)
                out += text
            }
        }
        return out
    }

    /// The day of the year, 1...366.
    static func yearDay(_ civil: CivilTime) -> Int64 {
        let before: [Int64] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let leap = civil.year % 4 == 0 && (civil.year % 100 != 0 || civil.year % 400 == 0)
        return before[Int(civil.month - 1)] + civil.day + (leap && civil.month > 2 ? 1 : 0)
    }

    /// Go's `nextStdChunk`: the text before the first layout element, the element, and the text after it; nil when
    /// there is none.
    private static func nextElement(_ layout: Substring) -> (Substring, Element, Substring)? {
        let bytes = Array(layout.utf8)
        func has(_ text: String, at i: Int) -> Bool {
            let t = Array(text.utf8)
            return bytes.count >= i + t.count && Array(bytes[i..<i + t.count]) == t
        }
        func split(_ i: Int, _ length: Int, _ element: Element) -> (Substring, Element, Substring) {
            let start = layout.utf8.index(layout.startIndex, offsetBy: i)
            let end = layout.utf8.index(start, offsetBy: length)
            return (layout[..<start], element, layout[end...])
        }
        func startsWithLowerCase(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x61 && bytes[i] <= 0x7A }
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "J"):
                if has("Jan", at: i) {
                    if has("January", at: i) { return split(i, 7, .longMonth) }
                    if !startsWithLowerCase(i + 3) { return split(i, 3, .month) }
                }
            case UInt8(ascii: "M"):
                if has("Mon", at: i) {
                    if has("Monday", at: i) { return split(i, 6, .longWeekday) }
                    if !startsWithLowerCase(i + 3) { return split(i, 3, .weekday) }
                }
                if has("MST", at: i) { return split(i, 3, .zoneName) }
            case UInt8(ascii: "0"):
                if i + 1 < bytes.count, bytes[i + 1] >= UInt8(ascii: "1"), bytes[i + 1] <= UInt8(ascii: "6") {
                    let zeros: [Element] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return split(i, 2, zeros[Int(bytes[i + 1] - UInt8(ascii: "1"))])
                }
                if has("002", at: i) { return split(i, 3, .zeroYearDay) }
            case UInt8(ascii: "1"):
                if has("15", at: i) { return split(i, 2, .hour) }
                return split(i, 1, .numMonth)
            case UInt8(ascii: "2"):
                if has("2006", at: i) { return split(i, 4, .longYear) }
                return split(i, 1, .day)
            case UInt8(ascii: "_"):
                if has("_2", at: i) {
                    // `_2006` is a literal underscore and the year.
                    if has("_2006", at: i) { return split(i + 1, 4, .longYear) }
                    return split(i, 2, .underDay)
                }
                if has("__2", at: i) { return split(i, 3, .underYearDay) }
            case UInt8(ascii: "3"): return split(i, 1, .hour12)
            case UInt8(ascii: "4"): return split(i, 1, .minute)
            case UInt8(ascii: "5"): return split(i, 1, .second)
            case UInt8(ascii: "P"): if has("PM", at: i) { return split(i, 2, .pm(upper: true)) }
            case UInt8(ascii: "p"): if has("pm", at: i) { return split(i, 2, .pm(upper: false)) }
            case UInt8(ascii: "-"):
                for (shape, text) in [("-070000", "+000000"), ("-07:00:00", "+00:00:00"), ("-0700", "+0000"), ("-07:00", "+00:00"), ("-07", "+00")]
                where has(shape, at: i) {
                    return split(i, shape.utf8.count, .numericZone(text))
                }
            case UInt8(ascii: "Z"):
                for shape in ["Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07"] where has(shape, at: i) {
                    return split(i, shape.utf8.count, .isoZone)
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "0") || bytes[i + 1] == UInt8(ascii: "9") {
                    let digit = bytes[i + 1]
                    var j = i + 1
                    while j < bytes.count, bytes[j] == digit { j += 1 }
                    // Only a fraction when no other digit follows the run.
                    if !(j < bytes.count && bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9")) {
                        let separator = Character(Unicode.Scalar(bytes[i]))
                        // Go keeps at most nine digits of a fraction.
                        let digits = min(j - (i + 1), 9)
                        return split(i, j - i, .fraction(digits: digits, trim: digit == UInt8(ascii: "9"), separator: separator))
                    }
                }
            default: break
            }
            i += 1
        }
        return nil
    }
}
