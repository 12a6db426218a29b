/// Reads what `ByteWriter` writes, from borrowed bytes, checking every bound.
///
/// Malformed input throws `MalformedData`; nothing here traps on bad bytes. Use the reader only inside the
/// `withUnsafeBytes` scope that produced `bytes`.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var remaining: Int { bytes.count &- position }
    var isAtEnd: Bool { position == bytes.count }

    @inline(__always)
    mutating func readByte() throws(MalformedData) -> UInt8 {
        guard position < bytes.count else { throw MalformedData("unexpected end of data") }
        defer { position &+= 1 }
        return bytes[position]
    }

    @inline(__always)
    mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type = T.self) throws(MalformedData) -> T {
        let size = MemoryLayout<T>.size
        guard remaining >= size else { throw MalformedData("unexpected end of data") }
        defer { position &+= size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    @inline(__always)
    mutating func readVarint() throws(MalformedData) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63, byte > 1 { throw MalformedData("varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw MalformedData("varint longer than 10 bytes") }
        }
    }

    @inline(__always)
    mutating func readSignedVarint() throws(MalformedData) -> Int64 {
        ZigZag.decode(try readVarint())
    }

    /// Reads a varint that counts something held in memory, rejecting counts above `limit`.
    mutating func readCount(limit: Int) throws(MalformedData) -> Int {
        let value = try readVarint()
        guard value <= UInt64(limit) else { throw MalformedData("count \(value) exceeds \(limit)") }
        return Int(value)
    }

    /// Borrows the next `count` bytes.
    mutating func readBytes(_ count: Int) throws(MalformedData) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else { throw MalformedData("unexpected end of data") }
        defer { position &+= count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position &+ count)])
    }

    /// Borrows a varint-length-prefixed run of bytes.
    mutating func readLengthPrefixed() throws(MalformedData) -> UnsafeRawBufferPointer {
        try readBytes(readCount(limit: remaining))
    }

    /// Reads a varint-length-prefixed UTF-8 string.
    mutating func readString() throws(MalformedData) -> String {
        let raw = try readLengthPrefixed()
        guard let string = String(validating: raw, as: UTF8.self) else { throw MalformedData("string is not valid UTF-8") }
        return string
    }
}
