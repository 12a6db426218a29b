/// Checks that a line is UTF-8 text without NUL bytes, eight bytes at a time for the ASCII common case.
public enum ByteValidation {
    @inlinable
    public static func isCleanText(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        var highBits: UInt64 = 0
        var zeroBytes: UInt64 = 0
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i &+ 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            highBits |= w
            zeroBytes |= ByteSearch.zeroBytes(w)
            i &+= 8
        }
        if i < n, n >= 8 {
            // The rest within one overlapping load of the last eight bytes (bytes seen twice change nothing).
            let w = base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            highBits |= w
            zeroBytes |= ByteSearch.zeroBytes(w)
        } else {
            while i < n {
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                highBits |= UInt64(b)
                if b == 0 { return false }
                i &+= 1
            }
        }
        if zeroBytes != 0 { return false }
        if highBits & highs == 0 { return true }
        return isValidUTF8(bytes)
    }

    /// True when every byte is ASCII other than NUL: what `isCleanText` accepts without decoding. Sixty-four bytes a
    /// step, for checking a whole chunk of input at once.
    @inlinable
    public static func isPlainASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        // A byte is NUL or beyond ASCII exactly when the high bit of `b | (b &- 1)` is set (0 wraps to 0xFF).
        let one = SIMD16<UInt8>(repeating: 1)
        var flags = SIMD16<UInt8>(repeating: 0)
        var i = 0
        // Sixty-four bytes a step while they last: four independent vectors, one loop test.
        var flags1 = flags, flags2 = flags, flags3 = flags
        while i &+ 64 <= n {
            let v0 = base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let v1 = base.loadUnaligned(fromByteOffset: i &+ 16, as: SIMD16<UInt8>.self)
            let v2 = base.loadUnaligned(fromByteOffset: i &+ 32, as: SIMD16<UInt8>.self)
            let v3 = base.loadUnaligned(fromByteOffset: i &+ 48, as: SIMD16<UInt8>.self)
            flags |= v0 | (v0 &- one)
            flags1 |= v1 | (v1 &- one)
            flags2 |= v2 | (v2 &- one)
            flags3 |= v3 | (v3 &- one)
            i &+= 64
        }
        flags |= flags1 | flags2 | flags3
        while i &+ 16 <= n {
            let v = base.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            flags |= v | (v &- one)
            i &+= 16
        }
        var tail: UInt8 = 0
        if i < n, n >= 16 {
            // The rest within one overlapping load of the last sixteen bytes (bytes seen twice change nothing).
            let v = base.loadUnaligned(fromByteOffset: n &- 16, as: SIMD16<UInt8>.self)
            flags |= v | (v &- one)
        } else {
            while i < n {
                let b = base.load(fromByteOffset: i, as: UInt8.self)
                tail |= b | (b &- 1)
                i &+= 1
            }
        }
        return (flags & SIMD16(repeating: 0x80)) == SIMD16(repeating: 0) && tail & 0x80 == 0
    }

    @usableFromInline
    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if scalar.value == 0 { return false }
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
