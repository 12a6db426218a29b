/// The 16 bytes before every block in a segment (and every record in the journal): a magic number, the payload
/// length, CRC32C of the payload, and CRC32C of the first 12 bytes.
///
/// The header's own checksum separates a damaged length (resynchronise by searching for the next magic) from a
/// damaged payload (skip exactly `payloadLength` bytes), so one bad block never hides the ones after it.
struct FrameHeader: Equatable {
    static let size = 16
    /// `SZBK` in file order: a block in a segment file.
    static let blockMagic: UInt32 = 0x4B42_5A53
    static let blockMagicBytes: [UInt8] = [0x53, 0x5A, 0x42, 0x4B]
    /// `SZJR` in file order: a record in the journal.
    static let journalMagic: UInt32 = 0x524A_5A53

    var magic: UInt32
    var payloadLength: Int
    var payloadChecksum: UInt32

    init(magic: UInt32 = blockMagic, payloadLength: Int, payloadChecksum: UInt32) {
        self.magic = magic
        self.payloadLength = payloadLength
        self.payloadChecksum = payloadChecksum
    }

    /// The 16 bytes, with the header checksum.
    func encoded() -> [UInt8] {
        var out = ByteWriter(reservingCapacity: Self.size)
        out.appendLittleEndian(magic)
        out.appendLittleEndian(UInt32(payloadLength))
        out.appendLittleEndian(payloadChecksum)
        out.appendLittleEndian(CRC32C.checksum(out.bytes))
        return out.bytes
    }

    /// Parses 16 bytes; nil unless they start with `magic` and the header checksum matches.
    init?(_ bytes: UnsafeRawBufferPointer, magic expected: UInt32 = blockMagic) {
        guard bytes.count >= Self.size else { return nil }
        var reader = ByteReader(bytes)
        guard let magic = try? reader.readLittleEndian(UInt32.self), magic == expected,
              let length = try? reader.readLittleEndian(UInt32.self),
              let checksum = try? reader.readLittleEndian(UInt32.self),
              let headerChecksum = try? reader.readLittleEndian(UInt32.self),
              headerChecksum == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<12]))
        else { return nil }
        self.magic = magic
        payloadLength = Int(length)
        payloadChecksum = checksum
    }

    /// Frames `payload`: the header followed by the payload.
    static func frame(_ payload: [UInt8], magic: UInt32) -> [UInt8] {
        var frame = FrameHeader(magic: magic, payloadLength: payload.count, payloadChecksum: CRC32C.checksum(payload)).encoded()
        frame.append(contentsOf: payload)
        return frame
    }
}
