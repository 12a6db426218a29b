/// A fast non-cryptographic hash over raw bytes, eight bytes per step, for the series-key cache.
///
/// Collisions are harmless for correctness (the cache compares the key bytes on every hit); they only cost time.
///
/// The words are mixed in from the seed on, and the length only at the end (`finish`), so a scan that looks for
/// the key's end a word at a time can hash the same words as it goes (`HashingScan`) and give the same value.
@usableFromInline
enum ByteHash {
    @usableFromInline static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inlinable @inline(__always)
    static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        var x = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
        x ^= x >> 31
        return x
    }

    @inlinable
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = ByteHash.seed) -> UInt64 {
        let n = bytes.count
        var h = seed
        guard let base = bytes.baseAddress else { return finish(h, count: n) }
        var i = 0
        while i &+ 8 <= n {
            h = mix(h, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i &+= 8
        }
        if i < n {
            if n >= 8 {
                // The last eight bytes in one load, shifted so only the ones not hashed yet remain (in the same low
                // bytes a byte-by-byte gather would put them).
                let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self))
                h = mix(h, last >> (UInt64(8 &- (n &- i)) &* 8))
            } else {
                h = mix(h, shortTail(base, count: n))
            }
        }
        return finish(h, count: n)
    }

    /// The one word a key of 1 to 7 bytes hashes as, read without touching a byte outside it.
    @inlinable @inline(__always)
    static func shortTail(_ base: UnsafeRawPointer, count n: Int) -> UInt64 {
        if n >= 4 {
            // Two four-byte loads, overlapping when n < 8, cover every byte (field keys such as `depth` and
            // `success` hash without a byte loop). With n mixed in, distinct keys stay distinct.
            let low = UInt32(littleEndian: base.loadUnaligned(as: UInt32.self))
            let high = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
            return UInt64(low) | UInt64(high) << 32
        }
        // One to three bytes: the first, middle and last cover them all.
        let first = base.load(as: UInt8.self)
        let middle = base.load(fromByteOffset: n &>> 1, as: UInt8.self)
        let last = base.load(fromByteOffset: n &- 1, as: UInt8.self)
        return UInt64(first) | UInt64(middle) << 8 | UInt64(last) << 16
    }

    /// The hash of `n` bytes whose words have been mixed into `h`.
    @inlinable @inline(__always)
    static func finish(_ h: UInt64, count n: Int) -> UInt64 {
        var x = h ^ (UInt64(truncatingIfNeeded: n) &* 0x94D0_49BB_1331_11EB)
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}
