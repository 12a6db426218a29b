/// The 16 bytes at the start of a segment file: magic `SZSEGv01`, then the first sequence number (little-endian).
enum SegmentHeader {
    static let size = 16
    static let magic: [UInt8] = Array("SZSEGv01".utf8)

    static func encoded(firstSequence: UInt64) -> [UInt8] {
        var out = ByteWriter(reservingCapacity: size)
        out.append(contentsOf: magic)
        out.appendLittleEndian(firstSequence)
        return out.bytes
    }

    /// Whether `bytes` start with a segment header.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.count >= size && Array(bytes[0..<magic.count]) == magic
    }
}
