#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One segment file's blocks, located from its index file when that is valid, else by walking the frame headers.
///
/// Locating reads no block bodies; a body's checksum is checked when the block is read. `damage` lists what
/// locating met (damaged frame headers, an unreadable tail); a reader reports it and carries on.
public struct SegmentReader: Sendable {
    /// Path of the segment file.
    public let path: String
    /// The file name, `seg-<first sequence>.sz`.
    public let name: String
    /// The sequence number in the name: that of the segment's first sample.
    public let firstSequence: UInt64
    /// Blocks in file (and sequence) order.
    public let blocks: [BlockLocation]
    public let damage: [HistoryError]
    /// Size of the segment file when located.
    public let fileSize: Int64
    /// Whether `blocks` came from the index file rather than a scan.
    public let indexed: Bool
    /// Size of the index file beside the segment; 0 when there is none.
    public let indexFileSize: Int64

    /// Locates the blocks of the segment file `name` in `directory`.
    init(directory: Directory, name: String) throws(HistoryError) {
        guard let first = SegmentName.sequence(ofSegment: name) else {
            preconditionFailure("SegmentReader: \(name) is not a segment file name")
        }
        path = directory.file(name)
        self.name = name
        firstSequence = first
        let file = try FileDescriptor(opening: path, flags: O_RDONLY)
        let size = try file.size()
        fileSize = size
        let indexName = SegmentName.index(first)
        let indexSize = directory.size(of: indexName)
        indexFileSize = indexSize ?? 0
        if let indexSize, indexSize < 1 << 30,
           let indexFile = try? FileDescriptor(opening: directory.file(indexName), flags: O_RDONLY),
           let index = SegmentIndex(try indexFile.read(count: Int(indexSize), at: 0)),
           index.segmentLength == size {
            blocks = index.blocks
            damage = []
            indexed = true
        } else {
            let scan = try SegmentScan(file, checkPayloads: false)
            blocks = scan.blocks
            damage = scan.damage
            indexed = false
        }
    }

    /// Locates the blocks of the segment file at `path` (named `seg-<20 digits>.sz`).
    public init(path: String) throws(HistoryError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard SegmentName.sequence(ofSegment: name) != nil else {
            throw .badSegmentHeader(segment: path)
        }
        try self.init(directory: Directory(path: directory.isEmpty ? "/" : directory), name: name)
    }

    /// Earliest and latest sample time over the located blocks; nil without blocks.
    public var timeRange: ClosedRange<Int64>? {
        guard let low = blocks.map(\.header.minTime).min(), let high = blocks.map(\.header.maxTime).max() else { return nil }
        return low...high
    }

    /// Samples in the located blocks.
    public var sampleCount: Int { blocks.reduce(0) { $0 + $1.header.sampleCount } }

    /// One past the last sequence number in the located blocks (`firstSequence` without blocks).
    public var endSequence: UInt64 { blocks.last?.header.endSequence ?? firstSequence }

    /// Reads, checks and decodes the block at `location` from `file` (this segment, open).
    func readBlock(
        _ location: BlockLocation, from file: borrowing FileDescriptor, decoder: inout BlockDecoder
    ) throws(HistoryError) -> DecodedBlock {
        var buffer = decoder.takeFrameBuffer()
        defer { decoder.returnFrameBuffer(buffer) }
        return try withCheckedPayload(location, from: file, buffer: &buffer) { (payload) throws(MalformedData) in
            try decoder.decode(payload)
        }
    }

    /// Reads and checks the block at `location` and reads its series dictionary (the columns are not decoded).
    func readDictionary(
        _ location: BlockLocation, from file: borrowing FileDescriptor, decoder: inout BlockDecoder
    ) throws(HistoryError) -> [BlockSeries] {
        var buffer = decoder.takeFrameBuffer()
        defer { decoder.returnFrameBuffer(buffer) }
        return try withCheckedPayload(location, from: file, buffer: &buffer) { (payload) throws(MalformedData) in
            try decoder.dictionary(payload).series
        }
    }

    /// Reads the frame at `location` into `buffer`, checks its header and payload checksum, and hands the payload
    /// to `body`; every failure becomes `corruptBlock` (or `unreadableTail` for a short read) naming this segment
    /// and offset.
    private func withCheckedPayload<T>(
        _ location: BlockLocation, from file: borrowing FileDescriptor, buffer: inout [UInt8],
        _ body: (UnsafeRawBufferPointer) throws(MalformedData) -> T
    ) throws(HistoryError) -> T {
        if buffer.count < location.length { buffer = [UInt8](repeating: 0, count: location.length) }
        let read = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(HistoryError) -> Int in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<location.length]), at: location.offset)
            }
        }
        let got = try read.get()
        guard got == location.length else {
            throw .unreadableTail(segment: path, offset: location.offset, length: Int64(got))
        }
        let result = buffer.withUnsafeBytes { whole -> Result<T, HistoryError> in
            let raw = UnsafeRawBufferPointer(rebasing: whole[0..<location.length])
            guard let frame = FrameHeader(raw), frame.payloadLength + FrameHeader.size == location.length else {
                return .failure(.corruptBlock(segment: path, offset: location.offset, reason: "frame header damaged"))
            }
            let payload = UnsafeRawBufferPointer(rebasing: raw[FrameHeader.size...])
            guard CRC32C.checksum(payload) == frame.payloadChecksum else {
                return .failure(.corruptBlock(segment: path, offset: location.offset, reason: "payload checksum mismatch"))
            }
            do throws(MalformedData) {
                return .success(try body(payload))
            } catch {
                return .failure(.corruptBlock(segment: path, offset: location.offset, reason: error.detail))
            }
        }
        return try result.get()
    }

    /// Reads every byte of the segment, ignoring the index: checks every checksum and decodes every block.
    /// Returns all damage found (empty for a sound segment).
    func verify(decoder: inout BlockDecoder) throws(HistoryError) -> [HistoryError] {
        try check(decoder: &decoder).damage
    }

    /// `verify`, also counting the sound blocks and their samples.
    func check(decoder: inout BlockDecoder) throws(HistoryError) -> (blocks: Int, samples: Int, damage: [HistoryError]) {
        let file = try FileDescriptor(opening: path, flags: O_RDONLY)
        let scan = try SegmentScan(file, checkPayloads: true)
        var damage = scan.damage
        var blocks = 0
        var samples = 0
        for block in scan.blocks {
            do throws(HistoryError) {
                samples += try readBlock(block, from: file, decoder: &decoder).samples.count
                blocks += 1
            } catch {
                damage.append(error)
            }
        }
        // Damage in file order, whichever pass found it.
        damage.sort { ($0.offset ?? .max) < ($1.offset ?? .max) }
        return (blocks, samples, damage)
    }
}
