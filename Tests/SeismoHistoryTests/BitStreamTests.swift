@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct BitStreamTests {
    @Test func randomFieldsRoundTrip() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<50 {
            var fields: [(UInt64, Int)] = []
            var writer = BitWriter()
            for _ in 0..<Int.random(in: 0..<300, using: &rng) {
                let width = Int.random(in: 0...64, using: &rng)
                let value = width == 0 ? 0 : rng.next() >> UInt64(64 - width)
                fields.append((value, width))
                writer.write(value, bits: width)
            }
            let bytes = writer.finish()
            #expect(bytes.count == (fields.reduce(0) { $0 + $1.1 } + 7) / 8)
            bytes.withUnsafeBytes { raw in
                var reader = BitReader(raw)
                for (value, width) in fields {
                    #expect(reader.read(bits: width) == value)
                }
                #expect(!reader.overran)
            }
        }
    }

    @Test func readingPastTheEndYieldsZerosAndFlagsIt() {
        var writer = BitWriter()
        writer.write(0b101, bits: 3)
        let bytes = writer.finish()
        #expect(bytes == [0b1010_0000])
        bytes.withUnsafeBytes { raw in
            var reader = BitReader(raw)
            #expect(reader.read(bits: 3) == 0b101)
            #expect(reader.read(bits: 5) == 0)
            #expect(!reader.overran)
            #expect(reader.read(bits: 64) == 0)
            #expect(reader.overran)
        }
    }

    @Test(arguments: [
        (Int64(0), UInt64(0)), (-1, 1), (1, 2), (-2, 3), (63, 126), (-64, 127),
        (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
    ])
    func zigZagInterleavesSigns(value: Int64, encoded: UInt64) {
        #expect(ZigZag.encode(value) == encoded)
        #expect(ZigZag.decode(encoded) == value)
    }

    @Test func varintsRoundTripAndRejectOverlongInput() throws {
        var writer = ByteWriter()
        let values: [UInt64] = [0, 1, 127, 128, 300, UInt64(UInt32.max), UInt64.max]
        for v in values { writer.appendVarint(v) }
        try writer.bytes.withUnsafeBytes { raw throws in
            var reader = ByteReader(raw)
            for v in values { #expect(try reader.readVarint() == v) }
            #expect(reader.isAtEnd)
        }
        let overlong = [UInt8](repeating: 0xFF, count: 11)
        overlong.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            #expect(throws: MalformedData.self) { try reader.readVarint() }
        }
    }
}
