/// The index file written beside a sealed segment: every block's offset, length and header, so a reader can
/// pick blocks by time range without touching the segment's bodies.
///
/// Layout: magic `SZIDXv01`, the segment's length (u64), the block count (u32), per block its offset (u64),
/// frame length (u32) and 40-byte `BlockHeader`, then a CRC32C of everything before it. An index is trusted
/// only when its checksum holds and the segment still has the recorded length; otherwise readers rescan.
struct SegmentIndex: Equatable {
    static let magic: [UInt8] = Array("SZIDXv01".utf8)

    var segmentLength: Int64
    var blocks: [BlockLocation]

    init(segmentLength: Int64, blocks: [BlockLocation]) {
        self.segmentLength = segmentLength
        self.blocks = blocks
    }

    func encoded() -> [UInt8] {
        var out = ByteWriter(reservingCapacity: 24 + blocks.count * 52)
        out.append(contentsOf: Self.magic)
        out.appendLittleEndian(UInt64(segmentLength))
        out.appendLittleEndian(UInt32(blocks.count))
        for block in blocks {
            out.appendLittleEndian(UInt64(block.offset))
            out.appendLittleEndian(UInt32(block.length))
            block.header.write(into: &out)
        }
        out.appendLittleEndian(CRC32C.checksum(out.bytes))
        return out.bytes
    }

    /// Parses an index file; nil when it is damaged or not an index.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= Self.magic.count + 16, Array(bytes[0..<Self.magic.count]) == Self.magic else { return nil }
        let parsed = bytes.withUnsafeBytes { raw -> (Int64, [BlockLocation])? in
            let body = UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 4)])
            let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self))
            guard CRC32C.checksum(body) == stored else { return nil }
            var reader = ByteReader(body)
            do throws(MalformedData) {
                _ = try reader.readBytes(Self.magic.count)
                let length = try reader.readLittleEndian(UInt64.self)
                let count = Int(try reader.readLittleEndian(UInt32.self))
                guard count <= reader.remaining / (12 + BlockHeader.size) else { return nil }
                var blocks: [BlockLocation] = []
                blocks.reserveCapacity(count)
                for _ in 0..<count {
                    let offset = try reader.readLittleEndian(UInt64.self)
                    let frameLength = try reader.readLittleEndian(UInt32.self)
                    let header = try BlockHeader(from: &reader)
                    blocks.append(BlockLocation(offset: Int64(offset), length: Int(frameLength), header: header))
                }
                guard reader.isAtEnd, length <= UInt64(Int64.max) else { return nil }
                return (Int64(length), blocks)
            } catch {
                return nil
            }
        }
        guard let parsed else { return nil }
        segmentLength = parsed.0
        blocks = parsed.1
    }
}
