@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct CRC32CTests {
    /// RFC 3720 appendix B.4, plus the common check value.
    static let vectors: [([UInt8], UInt32)] = [
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C),
        (Array("123456789".utf8), 0xE306_9283),
        ([], 0),
    ]

    @Test(arguments: vectors)
    func knownVectors(bytes: [UInt8], expected: UInt32) {
        #expect(CRC32C.checksum(bytes) == expected)
    }

    /// Bit-at-a-time reference, straight from the definition.
    static func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test func slicingMatchesTheBitwiseReferenceAtEveryLengthAndSplit() {
        var rng = SplitMix64(seed: 3)
        for length in 0..<80 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let expected = Self.reference(bytes)
            #expect(CRC32C.checksum(bytes) == expected, "length \(length)")
            for split in 0...length {
                let first = CRC32C.checksum(Array(bytes[..<split]))
                #expect(CRC32C.checksum(Array(bytes[split...]), continuing: first) == expected, "length \(length) split \(split)")
            }
        }
    }
}
