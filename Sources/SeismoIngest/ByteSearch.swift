/// Finding delimiter bytes sixteen or eight at a time, for the parsers' scans over long runs of ordinary bytes.
@usableFromInline
enum ByteSearch {
    /// The index of the first byte in `p[start..<end]` that is a space or a backslash, or `end` when there is none.
    @inlinable
    static func firstSpaceOrBackslash(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        firstMatch(p, from: start, to: end, lanes: spaceOrBackslashLanes, word: spaceOrBackslashFlags, byte: isSpaceOrBackslash)
    }

    @inlinable @inline(__always)
    static func spaceOrBackslashFlags(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
    }

    @inlinable @inline(__always)
    static func spaceOrBackslashLanes(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
        zeroLanes(v ^ SIMD16(repeating: 0x20)) | zeroLanes(v ^ SIMD16(repeating: 0x5C))
    }

    @inlinable @inline(__always)
    static func isSpaceOrBackslash(_ c: UInt8) -> Bool { c == 0x20 || c == UInt8(ascii: "\\") }

    /// The index of the first byte in `p[start..<end]` that ends an Influx field key or escapes the next byte
    /// (`=`, `,`, space or backslash), or `end` when there is none.
    @inlinable
    static func firstFieldKeyDelimiter(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        firstMatch(p, from: start, to: end, lanes: fieldKeyDelimiterLanes, word: fieldKeyDelimiterFlags, byte: isFieldKeyDelimiter)
    }

    @inlinable @inline(__always)
    static func fieldKeyDelimiterLanes(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
        zeroLanes(v ^ SIMD16(repeating: 0x3D)) | zeroLanes(v ^ SIMD16(repeating: 0x2C))
            | zeroLanes(v ^ SIMD16(repeating: 0x20)) | zeroLanes(v ^ SIMD16(repeating: 0x5C))
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
        firstMatch(p, from: start, to: end, lanes: commaOrSpaceLanes, word: commaOrSpaceFlags, byte: isCommaOrSpace)
    }

    @inlinable @inline(__always)
    static func commaOrSpaceLanes(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
        zeroLanes(v ^ SIMD16(repeating: 0x2C)) | zeroLanes(v ^ SIMD16(repeating: 0x20))
    }

    @inlinable @inline(__always)
    static func commaOrSpaceFlags(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | zeroBytes(word ^ 0x2020_2020_2020_2020)
    }

    @inlinable @inline(__always)
    static func isCommaOrSpace(_ c: UInt8) -> Bool { c == UInt8(ascii: ",") || c == 0x20 }

    /// The scan behind the searches above: sixteen bytes a step while sixteen remain, then whole words, then byte
    /// by byte.
    ///
    /// - Parameters:
    ///   - lanes: the `zeroLanes` flags of `v ^ repeated(target)`, or-ed over the targets: exactly the targets'
    ///     lanes (lanes do not borrow from each other as a word's bytes do).
    ///   - word: the `zeroBytes` flags of `word ^ repeated(target)`, or-ed over the targets. Each one's lowest
    ///     flagged byte is always a true match (a false flag can only sit above a true one), so the lowest flag
    ///     of the union is the first match, exactly.
    ///   - byte: whether one byte is a target, for the last bytes.
    @inlinable @inline(__always)
    static func firstMatch(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int, lanes: (SIMD16<UInt8>) -> SIMD16<UInt8>,
        word flags: (UInt64) -> UInt64, byte isTarget: (UInt8) -> Bool
    ) -> Int {
        var i = start
        while i &+ 16 <= end {
            let (low, high) = laneWords(lanes(UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)))
            if low != 0 { return i &+ low.trailingZeroBitCount &>> 3 }
            if high != 0 { return i &+ 8 &+ high.trailingZeroBitCount &>> 3 }
            i &+= 16
        }
        while i &+ 8 <= end {
            let found = flags(UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)))
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < end, !isTarget(p[i]) { i &+= 1 }
        return i
    }

    /// The high bit of every zero lane of `v` set, and no other bit: per lane, `(y − 1) & ~y` has its high bit set
    /// exactly when y is 0. Plain vector arithmetic (`.==` on `SIMD16` compiled to a loop over the lanes).
    @inlinable @inline(__always)
    static func zeroLanes(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
        ((v &- SIMD16(repeating: 1)) & ~v) & SIMD16(repeating: 0x80)
    }

    /// The lane flags of a sixteen-byte load as two words, the first eight lanes in the first, each word with its
    /// first lane in its low byte (as `UInt64(littleEndian:)` reads bytes).
    @inlinable @inline(__always)
    static func laneWords(_ flags: SIMD16<UInt8>) -> (low: UInt64, high: UInt64) {
        let words = unsafeBitCast(flags, to: SIMD2<UInt64>.self)
        return (UInt64(littleEndian: words[0]), UInt64(littleEndian: words[1]))
    }

    /// The high bit of every zero byte of `word` set (and possibly of bytes above the lowest zero byte): nonzero
    /// exactly when `word` holds a zero byte. Also what `ByteValidation` uses to find NULs.
    @inlinable @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }
}
