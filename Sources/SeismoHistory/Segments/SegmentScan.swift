#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The blocks found by walking a segment file frame by frame, and the damage met on the way.
///
/// A frame whose header checksum fails is skipped by searching forward for the next valid frame header
/// (magic and header checksum); one whose payload checksum fails (when payloads are checked) is skipped by its
/// length. Bytes after the last good frame that hold no further good frame are the unreadable tail.
struct SegmentScan {
    /// Good blocks in file order.
    var blocks: [BlockLocation] = []
    /// Damage, in file order. A trailing `.unreadableTail` is also described by `goodEnd` and `fileSize`.
    var damage: [HistoryError] = []
    /// End of the last good frame, or of the segment header when there is none.
    var goodEnd: Int64 = Int64(SegmentHeader.size)
    var fileSize: Int64 = 0
    var headerValid = false
    /// The first block (its offset and error) whose checksums hold but whose format version this build does not
    /// read: written by another version of Seismo, not damaged. A writer must not cut or append to such a segment.
    var foreignBlock: HistoryError?

    /// Damage before `goodEnd` (excluding the tail).
    var damageBeforeTail: [HistoryError] {
        damage.filter { if case .unreadableTail = $0 { false } else { true } }
    }

    /// Walks the segment open in `file`. With `checkPayloads`, every payload is read and its CRC checked (the
    /// writer's recovery and `verify`); without, only frame and block headers are read (building an index).
    init(_ file: borrowing FileDescriptor, checkPayloads: Bool) throws(HistoryError) {
        fileSize = try file.size()
        let segment = file.path
        let head = try file.read(count: SegmentHeader.size, at: 0)
        headerValid = SegmentHeader.isValid(head)
        if fileSize < Int64(SegmentHeader.size) {
            // Created but its header never fully written: nothing in it.
            goodEnd = 0
            if fileSize > 0 { damage.append(.unreadableTail(segment: segment, offset: 0, length: fileSize)) }
            return
        }
        if !headerValid { damage.append(.badSegmentHeader(segment: segment)) }

        var position = Int64(SegmentHeader.size)
        var payload: [UInt8] = []
        while position < fileSize {
            let bytes = try file.read(count: FrameHeader.size + BlockHeader.size, at: position)
            let frame = bytes.withUnsafeBytes { FrameHeader($0) }
            guard let frame, frame.payloadLength >= BlockHeader.size else {
                // Header damaged (or a torn frame header at the end): look for the next good frame.
                guard let next = try Self.nextFrame(in: file, after: position, fileSize: fileSize) else {
                    damage.append(.unreadableTail(segment: segment, offset: position, length: fileSize - position))
                    return
                }
                damage.append(.corruptBlock(
                    segment: segment, offset: position,
                    reason: "frame header damaged; \(next - position) bytes skipped to the next block"
                ))
                position = next
                continue
            }
            let end = position + Int64(FrameHeader.size) + Int64(frame.payloadLength)
            guard end <= fileSize else {
                damage.append(.unreadableTail(segment: segment, offset: position, length: fileSize - position))
                return
            }
            if checkPayloads {
                payload = try file.read(count: frame.payloadLength, at: position + Int64(FrameHeader.size))
                guard CRC32C.checksum(payload) == frame.payloadChecksum else {
                    damage.append(.corruptBlock(segment: segment, offset: position, reason: "payload checksum mismatch"))
                    position = end
                    continue
                }
            }
            let header = bytes.withUnsafeBytes { bytes in
                Result { () throws(MalformedData) in
                    try BlockDecoder.header(of: UnsafeRawBufferPointer(rebasing: bytes[FrameHeader.size...]))
                }
            }
            switch header {
            case let .success(header):
                blocks.append(BlockLocation(offset: position, length: Int(end - position), header: header))
                goodEnd = end
            case let .failure(problem):
                let error = HistoryError.corruptBlock(segment: segment, offset: position, reason: problem.detail)
                if foreignBlock == nil, bytes[FrameHeader.size] != BlockHeader.currentVersion { foreignBlock = error }
                damage.append(error)
            }
            position = end
        }
    }

    /// The offset of the first valid frame header after `position`, or nil.
    private static func nextFrame(
        in file: borrowing FileDescriptor, after position: Int64, fileSize: Int64
    ) throws(HistoryError) -> Int64? {
        let chunk = 1 << 16
        var start = position + 1
        while start + Int64(FrameHeader.size) <= fileSize {
            // Overlap chunks by a frame header, so a header straddling two chunks is seen whole in the second.
            let bytes = try file.read(count: chunk + FrameHeader.size, at: start)
            let found: Int? = bytes.withUnsafeBytes { raw in
                var i = 0
                while i + FrameHeader.size <= raw.count, i < chunk {
                    if raw[i] == FrameHeader.blockMagicBytes[0], raw[i + 1] == FrameHeader.blockMagicBytes[1],
                       raw[i + 2] == FrameHeader.blockMagicBytes[2], raw[i + 3] == FrameHeader.blockMagicBytes[3],
                       let frame = FrameHeader(UnsafeRawBufferPointer(rebasing: raw[i..<(i + FrameHeader.size)])),
                       frame.payloadLength >= BlockHeader.size,
                       start + Int64(i) + Int64(FrameHeader.size) + Int64(frame.payloadLength) <= fileSize {
                        return i
                    }
                    i += 1
                }
                return nil
            }
            if let found { return start + Int64(found) }
            start += Int64(chunk)
        }
        return nil
    }
}
