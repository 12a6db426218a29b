/// Appends little-endian integers, LEB128 varints and raw bytes to a growing byte array.
struct ByteWriter {
    var bytes: [UInt8]

    init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append<S: Sequence>(contentsOf other: S) where S.Element == UInt8 {
        bytes.append(contentsOf: other)
    }

    /// Appends `value` in `T.bitWidth / 8` little-endian bytes.
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends `value` as an unsigned LEB128 varint (1...10 bytes).
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// Appends `value` zigzag-mapped, so small magnitudes of either sign take few bytes.
    @inline(__always)
    mutating func appendSignedVarint(_ value: Int64) {
        appendVarint(ZigZag.encode(value))
    }

    /// Appends a varint length, then the string's UTF-8 bytes.
    mutating func appendString(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            appendVarint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Appends a varint length, then `other`.
    mutating func appendLengthPrefixed(_ other: [UInt8]) {
        appendVarint(UInt64(other.count))
        bytes.append(contentsOf: other)
    }
}
