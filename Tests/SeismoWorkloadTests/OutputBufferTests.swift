@testable import SeismoWorkload
import Testing

@Suite struct OutputBufferTests {
    func rendered(_ body: (inout OutputBuffer) -> Void) -> String {
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        defer { memory.deallocate() }
        var out = OutputBuffer(base: memory, capacity: 256)
        body(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test(arguments: [
        (0.0, 2, "0"), (37.0, 2, "37"), (23.4, 2, "23.4"), (23.456, 2, "23.46"), (0.05, 2, "0.05"),
        (-0.05, 2, "-0.05"), (-12.5, 1, "-12.5"), (1.005, 3, "1.005"), (99.999, 2, "100"), (7.25, 0, "7"),
        (123_456.789, 6, "123456.789"), (0.000001, 6, "0.000001"), (1e13, 2, "10000000000000.0"),
    ])
    func decimalsAreRoundedWithoutTrailingZeros(value: Double, places: Int, expected: String) {
        #expect(rendered { $0.append(decimal: value, places: places) } == expected)
    }

    @Test(arguments: [Int64(0), 7, -7, 1_793_491_200_000_000_000, Int64.max, Int64.min + 1])
    func integersMatchSwiftsDescription(value: Int64) {
        #expect(rendered { $0.append(integer: value) } == String(value))
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_793_491_200_000, "2026-11-01T00:00:00.000Z"),
        (1_835_481_599_999, "2028-02-29T23:59:59.999Z"),
        (951_782_400_123, "2000-02-29T00:00:00.123Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (253_402_300_799_000, "9999-12-31T23:59:59.000Z"),
    ])
    func iso8601MatchesTheCalendar(milliseconds: Int64, expected: String) {
        #expect(rendered { $0.append(iso8601Milliseconds: milliseconds) } == expected)
    }
}
