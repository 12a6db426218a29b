/// The 16 bytes before every block in a segment: magic `SZBK`, payload length, CRC32C of the payload, and
/// CRC32C of the first 12 bytes.
///
/// The header's own checksum separates a damaged length (resynchronise by searching for the next magic) from a
/// damaged payload (skip exactly `payloadLength` bytes), so one bad block never hides the ones after it.
struct FrameHeader: Equatable {
    static let size = 16
    /// `SZBK` in file order.
    static let magic: UInt32 = 0x4B42_5A53
    static let magicBytes: [UInt8] = [0x53, 0x5A, 0x42, 0x4B]

    var payloadLength: Int
    var payloadChecksum: UInt32

    init(payloadLength: Int, payloadChecksum: UInt32) {
        self.payloadLength = payloadLength
        self.payloadChecksum = payloadChecksum
    }

    /// The 16 bytes, with the header checksum.
    func encoded() -> [UInt8] {
        var out = ByteWriter(reservingCapacity: Self.size)
        out.appendLittleEndian(Self.magic)
        out.appendLittleEndian(UInt32(payloadLength))
        out.appendLittleEndian(payloadChecksum)
        out.appendLittleEndian(CRC32C.checksum(out.bytes))
        return out.bytes
    }

    /// Parses 16 bytes; nil unless the magic and the header checksum match.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= Self.size else { return nil }
        var reader = ByteReader(bytes)
        guard let magic = try? reader.readLittleEndian(UInt32.self), magic == Self.magic,
              let length = try? reader.readLittleEndian(UInt32.self),
              let checksum = try? reader.readLittleEndian(UInt32.self),
              let headerChecksum = try? reader.readLittleEndian(UInt32.self),
              headerChecksum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<12]))
        else { return nil }
        payloadLength = Int(length)
        payloadChecksum = checksum
    }
}
