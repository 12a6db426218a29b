import Foundation
import SeismoIngest
import Testing

@Suite struct TimestampTextTests {
    private func parse(_ text: String) -> Result<Int64, LineRejection> {
        Array(text.utf8).withUnsafeBytes { bytes in
            Result { () throws(LineRejection) in try TimestampText.nanoseconds(bytes) }
        }
    }

    private func ns(_ text: String) -> Int64? { try? parse(text).get() }

    private let second: Int64 = 1_000_000_000

    // MARK: ISO-8601

    @Test(arguments: [
        // Reference values from `date -u -d <text> +%s`.
        ("2026-11-01T00:00:00Z", Int64(1_793_491_200)),
        ("2024-02-29T12:34:56Z", 1_709_210_096),
        ("2000-03-01T00:00:00Z", 951_868_800),
        ("1969-12-31T23:59:59Z", -1),
        ("1970-01-01T00:00:00Z", 0),
        ("1900-03-01T00:00:00Z", -2_203_891_200),
    ])
    func knownInstants(text: String, seconds: Int64) {
        #expect(ns(text) == seconds * second, "\(text)")
    }

    @Test(arguments: [
        "2026-11-01T00:00:00Z", "2026-11-01t00:00:00z", "2026-11-01 00:00:00", "2026-11-01T00:00:00",
        "2026-11-01T00:00:00+00:00", "2026-11-01T00:00:00-00:00", "2026-11-01T02:00:00+02:00",
        "2026-11-01T02:00:00+0200", "2026-11-01T02:00:00+02", "2026-10-31T22:00:00-02:00",
        "2026-11-01T05:30:00+05:30", "2026-10-31T14:15:00-09:45", "2026-11-01",
    ])
    func spellingsOfTheSameInstant(text: String) {
        #expect(ns(text) == 1_793_491_200 * second, "\(text)")
    }

    @Test(arguments: [
        (".1", Int64(100_000_000)), (".12", 120_000_000), (".123", 123_000_000), (".123456", 123_456_000),
        (".123456789", 123_456_789), (".000000001", 1), (".5", 500_000_000), (".050", 50_000_000),
    ])
    func fractionalSecondsUpToNineDigits(fraction: String, nanos: Int64) {
        #expect(ns("2026-11-01T00:00:00\(fraction)Z") == 1_793_491_200 * second + nanos)
        #expect(ns("2026-11-01 02:00:00\(fraction)+02:00") == 1_793_491_200 * second + nanos)
    }

    @Test func fractionsBeforeTheEpochCountForward() {
        // 1969-12-31T23:59:59.25Z is a quarter second after -1 s, i.e. -0.75 s.
        #expect(ns("1969-12-31T23:59:59.25Z") == -750_000_000)
    }

    @Test func leapYears() {
        #expect(ns("2024-02-29T00:00:00Z") != nil)
        #expect(ns("2000-02-29T00:00:00Z") != nil, "divisible by 400: leap")
        #expect(ns("2100-02-29T00:00:00Z") == nil, "divisible by 100 but not 400: not leap")
        #expect(ns("1900-02-29T00:00:00Z") == nil)
        #expect(ns("2026-02-29T00:00:00Z") == nil)
        #expect(ns("2024-03-01T00:00:00Z")! - ns("2024-02-28T00:00:00Z")! == 2 * 86_400 * second)
        #expect(ns("2023-03-01T00:00:00Z")! - ns("2023-02-28T00:00:00Z")! == 86_400 * second)
    }

    @Test func leapSecondLandsOnTheNextMinute() {
        #expect(ns("2016-12-31T23:59:60Z") == ns("2017-01-01T00:00:00Z"))
    }

    @Test func edgesOfTheRepresentableRange() {
        #expect(ns("2262-04-11T23:47:16.854775807Z") == .max)
        #expect(ns("2262-04-11T23:47:16.854775808Z") == nil)
        #expect(ns("1677-09-21T00:12:43.145224192Z") == .min)
        #expect(ns("1677-09-21T00:12:43.145224191Z") == nil)
        #expect(ns("9999-12-31T23:59:59Z") == nil)
        #expect(ns("0000-01-01T00:00:00Z") == nil)
    }

    @Test(arguments: [
        "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:61Z",
        "2026-1-01T00:00:00Z", "2026-01-01T0:00:00Z", "2026-01-01T00:00Z", "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00+2400", "2026-01-01T00:00:00+01:60",
        "2026-01-01T00:00:00+1", "2026-01-01T00:00:00 Z", "2026-01-01T00:00:00ZZ", "2026-01-01T00:00:00X",
        "2026-01-01X00:00:00", "2026-01-01T", "2026-01-01T00:00:00+01:00x", "2026-01-01T00:00:00,5Z",
        "202a-01-01", "2026-01-01 ",
    ])
    func invalidDatesAreBadTimestamps(text: String) {
        switch parse(text) {
        case .success(let v): Issue.record("\(text) parsed as \(v)")
        case .failure(let rejection): #expect(rejection.reason == .badTimestamp, "\(text)")
        }
    }

    @Test func matchesFoundationsCalendarOnRandomInstants() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let c = DateComponents(
                year: Int.random(in: 1700...2250, using: &rng), month: Int.random(in: 1...12, using: &rng),
                day: Int.random(in: 1...28, using: &rng), hour: Int.random(in: 0...23, using: &rng),
                minute: Int.random(in: 0...59, using: &rng), second: Int.random(in: 0...59, using: &rng))
            let expected = Int64(try #require(calendar.date(from: c)).timeIntervalSince1970)
            let offsetMinutes = Int.random(in: -14 * 60...14 * 60, using: &rng)
            let sign = offsetMinutes < 0 ? "-" : "+"
            let text = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!,
                c.second!, sign, abs(offsetMinutes) / 60, abs(offsetMinutes) % 60)
            #expect(ns(text) == (expected - Int64(offsetMinutes) * 60) * second, "\(text)")
        }
    }

    // MARK: Calendar arithmetic

    @Test func daysFromCivilAgreesWithCountingDayByDay() {
        // Reference: walk every day from 1600-01-01 with an independent leap rule.
        var days = -135_140  // 1600-01-01, from `date -u -d 1600-01-01 +%s` / 86400
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for year in 1600...2400 {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            for month in 1...12 {
                let length = month == 2 && leap ? 29 : lengths[month - 1]
                #expect(TimestampText.daysInMonth(year: year, month: month) == length)
                for day in 1...length {
                    if TimestampText.daysFromCivil(year: year, month: month, day: day) != days {
                        Issue.record("\(year)-\(month)-\(day): \(TimestampText.daysFromCivil(year: year, month: month, day: day)) != \(days)")
                        return
                    }
                    days += 1
                }
            }
        }
    }

    // MARK: Epoch numbers

    @Test(arguments: [
        ("1793491200", Int64(1_793_491_200_000_000_000)),
        ("1793491200123", 1_793_491_200_123_000_000),
        ("1793491200123456", 1_793_491_200_123_456_000),
        ("1793491200123456789", 1_793_491_200_123_456_789),
        ("1793491200.5", 1_793_491_200_500_000_000),
        ("1793491200.123456789", 1_793_491_200_123_456_789),
        ("1793491200.1234567899", 1_793_491_200_123_456_789),
        ("1793491200123.25", 1_793_491_200_123_250_000),
        ("1793491200123456.7", 1_793_491_200_123_456_700),
        ("1793491200123456789.9", 1_793_491_200_123_456_789),
        ("0", 0), ("-1", -1_000_000_000), ("-1.5", -1_500_000_000), ("+2", 2_000_000_000),
        ("100000000000", 100_000_000_000_000_000), ("9223372036", 9_223_372_036_000_000_000),
        ("1.7934912e9", 1_793_491_200_000_000_000), ("1.7934912e12", 1_793_491_200_000_000_000),
    ])
    func epochUnitFollowsMagnitude(text: String, expected: Int64) {
        #expect(ns(text) == expected, "\(text)")
    }

    @Test func unitBoundaries() {
        #expect(TimestampText.unit(forMagnitude: 99_999_999_999) == 1_000_000_000)
        #expect(TimestampText.unit(forMagnitude: 100_000_000_000) == 1_000_000)
        #expect(TimestampText.unit(forMagnitude: 99_999_999_999_999) == 1_000_000)
        #expect(TimestampText.unit(forMagnitude: 100_000_000_000_000) == 1_000)
        #expect(TimestampText.unit(forMagnitude: 99_999_999_999_999_999) == 1_000)
        #expect(TimestampText.unit(forMagnitude: 100_000_000_000_000_000) == 1)
    }

    @Test func integerAndDoubleEntryPointsAgreeWithText() throws {
        for value: Int64 in [0, 1_793_491_200, -1_793_491_200, 1_793_491_200_123, 1_793_491_200_123_456_789] {
            #expect(try TimestampText.epoch(integer: value) == ns(String(value)))
            #expect(try TimestampText.epoch(Double(value)) == ns(String(value)).map { Int64(Double($0)) })
        }
        #expect(throws: LineRejection.self) { try TimestampText.epoch(Double.nan) }
        #expect(throws: LineRejection.self) { try TimestampText.epoch(1e30) }
    }

    @Test(arguments: [
        "", "-", "+", ".", "abc", "12a", "1.2.3", "1e", " 1", "1 ", "0x10", "9223372036854775808", "1e400",
        "NaN", "Inf", "1..2", "9223372037", "99999999999",
    ])
    func malformedEpochNumbersAreBadTimestamps(text: String) {
        switch parse(text) {
        case .success(let v): Issue.record("\(text) parsed as \(v)")
        case .failure(let rejection): #expect(rejection.reason == .badTimestamp, "\(text)")
        }
    }
}
