@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct TimestampCodecTests {
    static func roundTrip(_ timestamps: [Int64], base: Int64? = nil) throws -> (decoded: [Int64], bytes: Int) {
        let base = base ?? (timestamps.min() ?? 0)
        var out = ByteWriter()
        timestamps.withUnsafeBufferPointer { TimestampCodec.encode($0, base: base, into: &out) }
        var decoded: [Int64] = []
        try out.bytes.withUnsafeBytes { raw throws in
            var reader = ByteReader(raw)
            try TimestampCodec.decode(count: timestamps.count, base: base, from: &reader, into: &decoded)
            #expect(reader.isAtEnd)
        }
        return (decoded, out.count)
    }

    @Test(arguments: [
        ("empty", [Int64]()),
        ("one", [42]),
        ("two", [5, -5]),
        ("equal", [7, 7, 7, 7, 7]),
        ("negative deltas", [100, 90, 80, 95, 60, 60, 61]),
        ("extremes", [Int64.min, Int64.max, Int64.min, 0, Int64.max, Int64.max, Int64.min]),
        ("huge jumps", [0, 1, 1 << 40, -(1 << 62), 1 << 62, 3, Int64.max - 1]),
        ("dod needs 64 bits", [0, Int64.max, Int64.min, Int64.max, 0]),
    ])
    func edgeCasesRoundTrip(name: String, timestamps: [Int64]) throws {
        #expect(try Self.roundTrip(timestamps).decoded == timestamps, "\(name)")
        // Also relative to a base far from the data, which wraps.
        #expect(try Self.roundTrip(timestamps, base: Int64.max).decoded == timestamps, "\(name), base Int64.max")
    }

    @Test func randomColumnsRoundTrip() throws {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<300 {
            let count = Int.random(in: 0..<200, using: &rng)
            let style = trial % 4
            var t = Int64.random(in: Int64.min...Int64.max, using: &rng)
            var column: [Int64] = []
            for _ in 0..<count {
                switch style {
                case 0: t = t &+ 10_000_000_000 &+ Int64.random(in: -5...5, using: &rng) * 1_000_000  // ms jitter
                case 1: t = t &+ Int64.random(in: -1_000_000_000...1_000_000_000, using: &rng)           // out of order
                case 2: t = Int64.random(in: Int64.min...Int64.max, using: &rng)                          // anything
                default: t = t &+ (Bool.random(using: &rng) ? 0 : 1)                                      // ties
                }
                column.append(t)
            }
            #expect(try Self.roundTrip(column).decoded == column, "trial \(trial)")
        }
    }

    @Test func steadyIntervalCostsAboutOneBitPerSample() throws {
        let column = (0..<8_000).map { 1_700_000_000_000_000_000 + Int64($0) * 15_000_000_000 }
        let (decoded, bytes) = try Self.roundTrip(column)
        #expect(decoded == column)
        #expect(bytes <= 8_000 / 8 + 24)
    }

    @Test func millisecondJitterUsesTheCommonStep() throws {
        var rng = SplitMix64(seed: 9)
        let column = (0..<1_000).map { 1_700_000_000_000_000_000 + Int64($0) * 10_000_000_000 + Int64.random(in: 0...20, using: &rng) * 1_000_000 }
        let (decoded, bytes) = try Self.roundTrip(column)
        #expect(decoded == column)
        // Dods are multiples of 1 ms within ±20 ms: the 7-bit bucket, 9 bits each, not the 32-bit one.
        #expect(bytes <= 1_000 * 9 / 8 + 32)
    }

    @Test func truncatedStreamThrowsInsteadOfTrapping() throws {
        let column = (0..<100).map { Int64($0 * $0 * 977) }
        var out = ByteWriter()
        column.withUnsafeBufferPointer { TimestampCodec.encode($0, base: 0, into: &out) }
        for cut in 0..<out.count {
            let bytes = Array(out.bytes[..<cut])
            bytes.withUnsafeBytes { raw in
                var reader = ByteReader(raw)
                var decoded: [Int64] = []
                #expect(throws: MalformedData.self) {
                    try TimestampCodec.decode(count: column.count, base: 0, from: &reader, into: &decoded)
                }
            }
        }
    }
}
