import SeismoCore
@testable import SeismoRules
import Testing

/// `time()` and the calendar functions, which read values (or the evaluation time) as Unix seconds in UTC.
@Suite struct TimeFunctionTests {
    private let store = SeriesStore(retention: 1 << 40)

    private func evaluate(_ expression: String, atNanoseconds time: Int64) throws -> PromQLValue {
        try PromQLEvaluator().evaluate(PromQLParser.parse(expression), at: time, store: store)
    }

    private func value(_ expression: String, atSeconds seconds: Int64 = 0) throws -> Double? {
        switch try evaluate(expression, atNanoseconds: seconds * 1_000_000_000) {
        case .scalar(_, let v): return v
        case .vector(let samples) where samples.count == 1: return samples[0].value
        default: return nil
        }
    }

    @Test func timeIsTheEvaluationTimeInSecondsAsPrometheusComputesIt() throws {
        #expect(try evaluate("time()", atNanoseconds: 1_700_000_000_123_000_000) == .scalar(time: 1_700_000_000_123_000_000, value: 1_700_000_000.123))
        #expect(try evaluate("time()", atNanoseconds: 0) == .scalar(time: 0, value: 0))
    }

    /// 2024-02-29 13:45:00 UTC, a Thursday.
    private let leapDay: Int64 = 1_709_214_300

    @Test(arguments: [
        ("day_of_week", 4.0), ("hour", 13), ("minute", 45), ("month", 2), ("year", 2024), ("day_of_month", 29),
        ("days_in_month", 29),
    ] as [(String, Double)])
    func calendarFieldsOfAValue(function: String, expected: Double) throws {
        #expect(try value("\(function)(vector(\(leapDay)))") == expected)
        #expect(try value("\(function)()", atSeconds: leapDay) == expected)
    }

    @Test func valuesAreTruncatedToWholeSecondsAndNegativeTimesWork() throws {
        #expect(try value("hour(vector(-1))") == 23) // 1969-12-31 23:59:59
        #expect(try value("day_of_week(vector(-1))") == 3)
        #expect(try value("year(vector(-1))") == 1969)
        #expect(try value("minute(vector(59.9))") == 0)
        #expect(try value("minute(vector(60))") == 1)
        #expect(try value("day_of_month(vector(-1))") == 31)
        #expect(try value("days_in_month(vector(-1))") == 31)
        #expect(try value("days_in_month(vector(1_706_745_600 - 1))") == 31) // 2024-01-31 23:59:59
        #expect(try value("days_in_month(vector(1_706_745_600))") == 29) // 2024-02-01
        #expect(try value("days_in_month(vector(1_677_628_800 - 1))") == 28) // 2023-02-28 23:59:59
        #expect(try value("days_in_month(vector(4_105_123_200))") == 28) // 2100-02-01: not a leap year
    }

    @Test func calendarFunctionsDropTheMetricName() throws {
        store.register(SeriesID(0), labels: SeriesLabels(metric: "boot_time", labels: [Label(name: "host", value: "a")]))
        store.append(SeriesID(0), time: 0, value: Double(leapDay))
        guard case .vector(let samples) = try evaluate("hour(boot_time)", atNanoseconds: 0) else {
            Issue.record("not a vector")
            return
        }
        #expect(samples.map(\.labels) == [SeriesLabels(metric: "", labels: [Label(name: "host", value: "a")])])
        #expect(samples.map(\.value) == [13])
    }

    /// Walks the calendar a day at a time from 1600 to 2400 and compares every day with `CivilTime`.
    @Test func civilTimeAgreesWithADayByDayCalendar() {
        var (year, month, day, weekday): (Int64, Int64, Int64, Int64) = (1600, 1, 1, 6) // 1600-01-01 was a Saturday
        var seconds: Int64 = -11_676_096_000
        func isLeap(_ y: Int64) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        func length(_ y: Int64, _ m: Int64) -> Int64 {
            [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][Int(m - 1)]
        }
        var mismatches = 0
        while year < 2400 {
            let civil = CivilTime(unixSeconds: seconds + 3600 * 5 + 61)
            if civil.year != year || civil.month != month || civil.day != day || civil.weekday != weekday
                || civil.hour != 5 || civil.minute != 1 || civil.daysInMonth != length(year, month) {
                mismatches += 1
            }
            seconds += 86_400
            weekday = (weekday + 1) % 7
            day += 1
            if day > length(year, month) {
                day = 1
                month += 1
                if month > 12 { month = 1; year += 1 }
            }
        }
        #expect(mismatches == 0)
        #expect(CivilTime(unixSeconds: 0) == CivilTime(unixSecondsValue: 0.5))
    }
}
