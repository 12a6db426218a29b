/// A `ByteSearch` scan that hashes the bytes it passes, for a parser that looks for the end of a series key and
/// then hashes the key: one pass over the key's words instead of two. The hash is `ByteHash.hash` of the bytes from
/// the scan's start up to the match, bit for bit.
@usableFromInline
enum HashingScan {
    /// The index of the first byte in `p[start..<end]` that `lanes` / `word` / `isTarget` flag (as in
    /// `ByteSearch.firstMatch`), or `end`, and `ByteHash.hash(p[start..<index], seed: seed)`.
    @inlinable @inline(__always)
    static func firstMatch(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int, seed: UInt64,
        lanes: (SIMD16<UInt8>) -> SIMD16<UInt8>, word flags: (UInt64) -> UInt64, byte isTarget: (UInt8) -> Bool
    ) -> (index: Int, hash: UInt64) {
        var h = seed
        var i = start
        // Sixteen bytes a step: one vector test finds whether the match is in them; their two words hash as
        // `ByteHash` reads them.
        while i &+ 16 <= end {
            let raw = UnsafeRawPointer(p + i)
            let (lowFlags, highFlags) = ByteSearch.laneWords(lanes(raw.loadUnaligned(as: SIMD16<UInt8>.self)))
            let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            if lowFlags != 0 { return match(p, from: start, at: i, word: low, flags: lowFlags, hash: h) }
            h = ByteHash.mix(h, low)
            let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if highFlags != 0 { return match(p, from: start, at: i &+ 8, word: high, flags: highFlags, hash: h) }
            h = ByteHash.mix(h, high)
            i &+= 16
        }
        while i &+ 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let found = flags(word)
            if found != 0 { return match(p, from: start, at: i, word: word, flags: found, hash: h) }
            h = ByteHash.mix(h, word)
            i &+= 8
        }
        // Fewer than eight bytes left: find the match byte by byte, then hash the whole run.
        while i < end, !isTarget(p[i]) { i &+= 1 }
        return (i, ByteHash.hash(UnsafeRawBufferPointer(start: p + start, count: i &- start), seed: seed))
    }

    /// The result of a scan from `start` whose match is flagged in the word loaded at `i` (the words before it
    /// mixed into `h`): the match's index and the hash of the bytes before it.
    @inlinable @inline(__always)
    static func match(
        _ p: UnsafePointer<UInt8>, from start: Int, at i: Int, word: UInt64, flags: UInt64, hash h: UInt64
    ) -> (index: Int, hash: UInt64) {
        let k = flags.trailingZeroBitCount &>> 3
        let count = i &+ k &- start
        var h = h
        if k > 0 {
            // The bytes before the match in this word are the key's tail: the low k bytes, as `ByteHash` takes
            // them from its last load; a key shorter than a word hashes as `ByteHash` reads it.
            let tail = i == start
                ? ByteHash.shortTail(UnsafeRawPointer(p + start), count: count)
                : word & ((1 &<< (UInt64(k) &* 8)) &- 1)
            h = ByteHash.mix(h, tail)
        }
        return (i &+ k, ByteHash.finish(h, count: count))
    }

    /// The end of an Influx key from `start`: its first target that no backslash escapes (a backslash escapes the
    /// byte after it), and the key's hash. `hashingScan` and `scan` stop at a target or a backslash. After an escape,
    /// the rest is found by `scan` alone and the whole key is hashed once its end is known: escapes are rare. The end
    /// may lie one past `end` when the last byte is a backslash.
    @inlinable @inline(__always)
    static func unescapedEnd(
        _ p: UnsafePointer<UInt8>, from start: Int, to end: Int, seed: UInt64,
        hashingScan: (UnsafePointer<UInt8>, Int, Int, UInt64) -> (index: Int, hash: UInt64),
        scan: (UnsafePointer<UInt8>, Int, Int) -> Int
    ) -> (index: Int, hash: UInt64) {
        var (i, hash) = hashingScan(p, start, end, seed)
        guard i < end, p[i] == UInt8(ascii: "\\") else { return (i, hash) }
        i &+= 2
        while true {
            i = scan(p, i, end)
            guard i < end, p[i] == UInt8(ascii: "\\") else { break }
            i &+= 2
        }
        hash = ByteHash.hash(UnsafeRawBufferPointer(start: p + start, count: min(i, end) &- start), seed: seed)
        return (i, hash)
    }

    /// The end of an Influx series key (measurement and tags): its first unescaped space, and its hash.
    @inlinable
    static func seriesKeyEnd(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, seed: UInt64) -> (index: Int, hash: UInt64) {
        unescapedEnd(p, from: start, to: end, seed: seed, hashingScan: firstSpaceOrBackslash, scan: ByteSearch.firstSpaceOrBackslash)
    }

    /// The end of an Influx field key: its first unescaped `=`, `,` or space, and its hash seeded with the series key's.
    @inlinable
    static func fieldKeyEnd(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, seed: UInt64) -> (index: Int, hash: UInt64) {
        unescapedEnd(p, from: start, to: end, seed: seed, hashingScan: firstFieldKeyDelimiter, scan: ByteSearch.firstFieldKeyDelimiter)
    }

    /// `ByteSearch.firstSpaceOrBackslash`, hashing what it passes.
    @inlinable
    static func firstSpaceOrBackslash(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, seed: UInt64) -> (index: Int, hash: UInt64) {
        firstMatch(
            p, from: start, to: end, seed: seed, lanes: ByteSearch.spaceOrBackslashLanes, word: ByteSearch.spaceOrBackslashFlags,
            byte: ByteSearch.isSpaceOrBackslash)
    }

    /// `ByteSearch.firstFieldKeyDelimiter`, hashing what it passes.
    @inlinable
    static func firstFieldKeyDelimiter(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, seed: UInt64) -> (index: Int, hash: UInt64) {
        firstMatch(
            p, from: start, to: end, seed: seed, lanes: ByteSearch.fieldKeyDelimiterLanes,
            word: ByteSearch.fieldKeyDelimiterFlags, byte: ByteSearch.isFieldKeyDelimiter)
    }
}
