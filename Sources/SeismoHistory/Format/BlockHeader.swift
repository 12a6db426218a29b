import SeismoCore

/// The fixed, uncompressed start of a block's payload: what an index needs without decompressing the body.
///
/// 40 bytes, little-endian: version (1 byte), flags (1, zero), reserved (2), series count (4), sample count (4),
/// uncompressed body length (4), first sequence number (8), min time (8), max time (8).
public struct BlockHeader: Equatable, Sendable {
    /// The format version this code writes and reads. Version 2 stores the arrival order of every block
    /// (version 1 rebuilt it by merging the series' timestamp columns, which got slow with many series); blocks
    /// of any other version are reported as damage naming their version, never misread.
    public static let currentVersion: UInt8 = 2
    static let size = 40
    /// The most samples a block may hold; bounds memory when reading a damaged or hostile file.
    static let maxSamples = 1 << 24
    /// The largest uncompressed body accepted.
    static let maxBodyLength = 1 << 30

    public var version: UInt8
    /// Number of series in the block's dictionary.
    public var seriesCount: Int
    /// Number of samples; they carry sequence numbers `firstSequence ..< firstSequence + sampleCount`.
    public var sampleCount: Int
    /// Length of the body once decompressed.
    public var bodyLength: Int
    /// Sequence number of the block's first sample (in arrival order).
    public var firstSequence: UInt64
    /// Earliest and latest sample timestamp in the block, ns since the epoch.
    public var minTime: Int64
    public var maxTime: Int64

    /// One past the sequence number of the block's last sample.
    public var endSequence: UInt64 { firstSequence + UInt64(sampleCount) }

    /// Whether the block holds samples in `from...to` (inclusive): it may also hold samples outside.
    public func overlaps(from: Int64, to: Int64) -> Bool {
        maxTime >= from && minTime <= to
    }

    func write(into out: inout ByteWriter) {
        out.append(version)
        out.append(0)
        out.appendLittleEndian(UInt16(0))
        out.appendLittleEndian(UInt32(seriesCount))
        out.appendLittleEndian(UInt32(sampleCount))
        out.appendLittleEndian(UInt32(bodyLength))
        out.appendLittleEndian(firstSequence)
        out.appendLittleEndian(minTime)
        out.appendLittleEndian(maxTime)
    }

    /// Reads and sanity-checks a header. An unknown version throws `MalformedData` naming it.
    init(from reader: inout ByteReader) throws(MalformedData) {
        version = try reader.readByte()
        guard version == Self.currentVersion else {
            throw MalformedData("block format version \(version) (this build reads version \(Self.currentVersion))")
        }
        _ = try reader.readByte()
        _ = try reader.readLittleEndian(UInt16.self)
        seriesCount = Int(try reader.readLittleEndian(UInt32.self))
        sampleCount = Int(try reader.readLittleEndian(UInt32.self))
        bodyLength = Int(try reader.readLittleEndian(UInt32.self))
        firstSequence = try reader.readLittleEndian(UInt64.self)
        minTime = try reader.readLittleEndian(Int64.self)
        maxTime = try reader.readLittleEndian(Int64.self)
        guard sampleCount >= 1, sampleCount <= Self.maxSamples else { throw MalformedData("sample count \(sampleCount) out of range") }
        guard seriesCount >= 1, seriesCount <= sampleCount else { throw MalformedData("series count \(seriesCount) out of range") }
        guard bodyLength <= Self.maxBodyLength else { throw MalformedData("body length \(bodyLength) out of range") }
        guard minTime <= maxTime else { throw MalformedData("min time after max time") }
        guard firstSequence <= UInt64.max - UInt64(sampleCount) else { throw MalformedData("sequence numbers overflow") }
    }

    init(
        seriesCount: Int, sampleCount: Int, bodyLength: Int, firstSequence: UInt64, minTime: Int64, maxTime: Int64
    ) {
        version = Self.currentVersion
        self.seriesCount = seriesCount
        self.sampleCount = sampleCount
        self.bodyLength = bodyLength
        self.firstSequence = firstSequence
        self.minTime = minTime
        self.maxTime = maxTime
    }
}
