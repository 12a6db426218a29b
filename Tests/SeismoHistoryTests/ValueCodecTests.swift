@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct ValueCodecTests {
    static let specials: [Double] = [
        0, -0.0, .infinity, -.infinity, .nan, -.nan, .signalingNaN,
        Double(bitPattern: 0x7FF8_0000_DEAD_BEEF), Double(bitPattern: 0xFFF0_0000_0000_0001),
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude, .leastNormalMagnitude,
        -.leastNonzeroMagnitude, 1, -1, 0.1, 1e300, -1e-300, 9_007_199_254_740_994, .pi,
    ]

    static func xorRoundTrip(_ values: [Double]) throws -> [Double] {
        var out = ByteWriter()
        values.withUnsafeBufferPointer { XORValueCodec.encode($0, into: &out) }
        var decoded: [Double] = []
        try out.bytes.withUnsafeBytes { raw throws in
            var reader = ByteReader(raw)
            try XORValueCodec.decode(count: values.count, from: &reader, into: &decoded)
            #expect(reader.isAtEnd)
        }
        return decoded
    }

    /// nil when the column does not qualify for the decimal encoding.
    static func decimalRoundTrip(_ values: [Double]) throws -> (decoded: [Double], scale: Int)? {
        var integers: [Int64] = []
        guard let k = values.withUnsafeBufferPointer({ DecimalValueCodec.scale($0, integers: &integers) }) else { return nil }
        var out = ByteWriter()
        var scratch: [UInt64] = []
        DecimalValueCodec.encode(integers, scale: k, scratch: &scratch, into: &out)
        var decoded: [Double] = []
        try out.bytes.withUnsafeBytes { raw throws in
            var reader = ByteReader(raw)
            try DecimalValueCodec.decode(count: values.count, from: &reader, scratch: &scratch, into: &decoded)
            #expect(reader.isAtEnd)
        }
        return (decoded, k)
    }

    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    @Test func xorKeepsEveryBitPatternIncludingNaNPayloads() throws {
        #expect(Self.bits(try Self.xorRoundTrip(Self.specials)) == Self.bits(Self.specials))
        #expect(Self.bits(try Self.xorRoundTrip(Self.specials.reversed())) == Self.bits(Self.specials.reversed()))
        #expect(try Self.xorRoundTrip([]).isEmpty)
        var rng = SplitMix64(seed: 21)
        for trial in 0..<200 {
            let values = (0..<Int.random(in: 1..<300, using: &rng)).map { _ -> Double in
                switch trial % 3 {
                case 0: Double(bitPattern: rng.next())
                case 1: Self.specials.randomElement(using: &rng)!
                default: (Double(Int.random(in: 0..<5_000, using: &rng)) / 100).squareRoot()
                }
            }
            #expect(Self.bits(try Self.xorRoundTrip(values)) == Self.bits(values), "trial \(trial)")
        }
    }

    @Test(arguments: [
        ([146.59, 16.99, 111.14, 0.05, -3.5], 2),
        ([1, 2, 3, -4, 0], 0),
        ([0.001, 2.5, 1e-9], 9),
        ([9_007_199_254_740_992, -9_007_199_254_740_992], 0),
        ([123_456.789012], 6),
    ])
    func decimalColumnsRoundTripExactlyAtTheirSmallestScale(values: [Double], scale: Int) throws {
        let result = try #require(try Self.decimalRoundTrip(values))
        #expect(result.scale == scale)
        #expect(Self.bits(result.decoded) == Self.bits(values))
    }

    @Test(arguments: [
        [1, .nan], [1, .infinity], [-.infinity], [2, -0.0], [0.1 + 0.2], [9_007_199_254_740_994], [.pi],
    ] as [[Double]])
    func columnsThatAreNotShortDecimalsAreRefused(values: [Double]) throws {
        #expect(try Self.decimalRoundTrip(values) == nil)
    }

    @Test func randomDecimalColumnsRoundTripUnderEveryTransform() throws {
        var rng = SplitMix64(seed: 31)
        var transforms = Set<UInt8>()
        for trial in 0..<300 {
            let places = Int.random(in: 0...6, using: &rng)
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            let count = Int.random(in: 1..<400, using: &rng)
            var level = Double(Int.random(in: -1_000_000...1_000_000, using: &rng))
            let values: [Double] = (0..<count).map { i in
                switch trial % 3 {
                case 0: return Double(Int.random(in: -50_000...50_000, using: &rng)) / scale                 // noise
                case 1:
                    level += Double(Int.random(in: -300...300, using: &rng))                                   // random walk
                    return level / scale
                default: return Double(i * 250 + Int.random(in: -3...3, using: &rng)) / scale               // counter
                }
            }
            let result = try #require(try Self.decimalRoundTrip(values), "trial \(trial)")
            #expect(result.scale <= places)
            #expect(Self.bits(result.decoded) == Self.bits(values), "trial \(trial)")
            var integers: [Int64] = []
            _ = values.withUnsafeBufferPointer { DecimalValueCodec.scale($0, integers: &integers) }
            var out = ByteWriter()
            var scratch: [UInt64] = []
            DecimalValueCodec.encode(integers, scale: result.scale, scratch: &scratch, into: &out)
            transforms.insert(out.bytes[1])
        }
        // Noise, walks and counters pick frame-of-reference, delta and delta-of-delta respectively.
        #expect(transforms == [0, 1, 2])
    }
}
