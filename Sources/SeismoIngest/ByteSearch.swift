/// Finding delimiter bytes eight at a time, for the parsers' scans over long runs of ordinary bytes.
@usableFromInline
enum ByteSearch {
    /// The index of the first byte in `p[start..<end]` that is a space or a backslash, or `end` when there is none.
    ///
    /// Whole words are tested with the zero-byte trick on `word ^ repeated(byte)`: its lowest flagged byte is
    /// always a true match (a false flag can only sit above a true one), so the first match is exact.
    @inlinable
    static func firstSpaceOrBackslash(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < end, p[i] != 0x20, p[i] != UInt8(ascii: "\\") { i &+= 1 }
        return i
    }

    /// The index of the first byte in `p[start..<end]` that ends an Influx field key or escapes the next byte
    /// (`=`, `,`, space or backslash), or `end` when there is none. Eight bytes a step, as
    /// `firstSpaceOrBackslash`: the lowest byte flagged for any of the four is a true match.
    @inlinable
    static func firstFieldKeyDelimiter(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ 0x3D3D_3D3D_3D3D_3D3D) | zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C)
                | zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < end {
            let c = p[i]
            if c == UInt8(ascii: "=") || c == UInt8(ascii: ",") || c == 0x20 || c == UInt8(ascii: "\\") { break }
            i &+= 1
        }
        return i
    }

    /// The index of the first comma or space in `p[start..<end]`, or `end` when there is none; eight bytes a step.
    @inlinable
    static func firstCommaOrSpace(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        var i = start
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x2020_2020_2020_2020)
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < end, p[i] != UInt8(ascii: ","), p[i] != 0x20 { i &+= 1 }
        return i
    }

    /// The high bit of every zero byte of `word` set (and possibly of bytes above the lowest zero byte): nonzero
    /// exactly when `word` holds a zero byte. Also what `ByteValidation` uses to find NULs.
    @inlinable @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
