/// Finding delimiter bytes eight at a time, for the parsers' scans over long runs of ordinary bytes.
@usableFromInline
enum ByteSearch {
    /// The index of the first byte in `p[start..<end]` that is a space or a backslash, or `end` when there is none.
    @inlinable
    static func firstSpaceOrBackslash(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        firstMatch(p, from: start, to: end, word: spaceOrBackslashFlags, byte: isSpaceOrBackslash)
    }

    @inlinable @inline(__always)
    static func spaceOrBackslashFlags(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
    }

    @inlinable @inline(__always)
    static func isSpaceOrBackslash(_ c: UInt8) -> Bool { c == 0x20 || c == UInt8(ascii: "\\") }

    /// The index of the first byte in `p[start..<end]` that ends an Influx field key or escapes the next byte
    /// (`=`, `,`, space or backslash), or `end` when there is none.
    @inlinable
    static func firstFieldKeyDelimiter(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        firstMatch(p, from: start, to: end, word: fieldKeyDelimiterFlags, byte: isFieldKeyDelimiter)
    }

    @inlinable @inline(__always)
    static func fieldKeyDelimiterFlags(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ 0x3D3D_3D3D_3D3D_3D3D) | zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C)
            | zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
    }

    @inlinable @inline(__always)
    static func isFieldKeyDelimiter(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "=") || c == UInt8(ascii: ",") || c == 0x20 || c == UInt8(ascii: "\\")
    }

    /// The index of the first comma or space in `p[start..<end]`, or `end` when there is none.
    @inlinable
    static func firstCommaOrSpace(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        firstMatch(p, from: start, to: end) { word in
            zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x2020_2020_2020_2020)
        } byte: { c in
            c == UInt8(ascii: ",") || c == 0x20
        }
    }

    /// The scan behind the searches above: whole words while eight bytes remain, then byte by byte.
    ///
    /// - Parameters:
    ///   - word: the `zeroBytes` flags of `word ^ repeated(target)`, or-ed over the targets. Each one's lowest
    ///     flagged byte is always a true match (a false flag can only sit above a true one), so the lowest flag
    ///     of the union is the first match, exactly.
    ///   - byte: whether one byte is a target, for the last bytes.
    @inlinable @inline(__always)
    static func firstMatch(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int,
        word flags: (UInt64) -> UInt64, byte isTarget: (UInt8) -> Bool
    ) -> Int {
        var i = start
        while i &+ 8 <= end {
            let found = flags(UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)))
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < end, !isTarget(p[i]) { i &+= 1 }
        return i
    }

    /// The high bit of every zero byte of `word` set (and possibly of bytes above the lowest zero byte): nonzero
    /// exactly when `word` holds a zero byte. Also what `ByteValidation` uses to find NULs.
    @inlinable @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
