import SeismoCore
import SeismoIngest
import Testing

@Suite struct DecimalSecondsTests {
    static func read(_ text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes { DecimalSeconds.nanoseconds($0) }
    }

    @Test(arguments: [
        ("0", Int64(0)),
        ("1", 1_000_000_000),
        ("+1", 1_000_000_000),
        ("-1.5", -1_500_000_000),
        ("1.", 1_000_000_000),
        (".000000001", 1),
        ("1700000000.123456789", 1_700_000_000_123_456_789),
        ("1700000000.1234567891", 1_700_000_000_123_456_789),
        ("0001700000000", 1_700_000_000_000_000_000),
        ("9223372036.854775807", Int64.max),
        ("-9223372036.854775807", -Int64.max),
        ("1.7e9", 1_700_000_000_000_000_000),
        ("17E8", 1_700_000_000_000_000_000),
        ("1.5e-9", 2),
    ])
    func reads(text: String, expected: Int64) {
        #expect(Self.read(text) == expected, "\(text)")
    }

    @Test(arguments: ["", "+", "-", ".", "abc", "1.2.3", "1x", "1e", "1e+", "nan", "inf", "-Infinity", "9223372036.854775808",
                      "9223372037", "99999999999999999999", "1e10", "1 ", " 1"])
    func rejects(text: String) {
        #expect(Self.read(text) == nil, "\(text)")
    }

    /// Random instants written with 0 to 12 decimals must come back exactly (truncated to the nanosecond).
    @Test func randomInstantsRoundTrip() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let seconds = Int64(rng.next() % 9_000_000_000) - 4_500_000_000
            let decimals = Int(rng.next() % 13)
            var digits = ""
            for _ in 0..<decimals { digits.append(Character(String(rng.next() % 10))) }
            let text = (seconds < 0 ? "-" : "") + String(seconds.magnitude) + (decimals > 0 ? "." + digits : "")
            let fraction = Int64((digits + "000000000").prefix(9))!
            let magnitude = Int64(seconds.magnitude) * 1_000_000_000 + fraction
            #expect(Self.read(text) == (seconds < 0 ? -magnitude : magnitude), "\(text)")
        }
    }
}
