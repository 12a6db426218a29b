/// Delta-of-delta timestamps with Gorilla-style variable-length buckets, scaled by the column's common step.
///
/// Layout: the first timestamp as a zigzag varint relative to the block's `base` time, the first delta as a
/// zigzag varint, then (from the third timestamp on) the greatest common divisor `g` of all deltas-of-deltas as a
/// varint and a bit stream of `dod / g`, each in the smallest bucket that holds it:
///
/// | prefix  | payload | range            |
/// |---------|---------|------------------|
/// | `0`     | –       | 0                |
/// | `10`    | 7 bits  | −64 … 63         |
/// | `110`   | 12 bits | −2048 … 2047     |
/// | `1110`  | 20 bits | ±2^19            |
/// | `11110` | 32 bits | ±2^31            |
/// | `11111` | 64 bits | anything         |
///
/// A steady interval costs one bit per sample. Dividing by `g` lets millisecond- or second-precision input with
/// jitter use the small buckets even though timestamps are nanoseconds. All arithmetic wraps, so out-of-order
/// samples (negative deltas) and jumps across the whole `Int64` range round-trip exactly.
enum TimestampCodec {
    private static let buckets: [(prefixBits: Int, prefix: UInt64, payloadBits: Int)] = [
        (2, 0b10, 7), (3, 0b110, 12), (4, 0b1110, 20), (5, 0b11110, 32), (5, 0b11111, 64),
    ]

    /// Appends the encoding of `timestamps` to `out`. The count is the caller's to store.
    static func encode(_ timestamps: UnsafeBufferPointer<Int64>, base: Int64, into out: inout ByteWriter) {
        let count = timestamps.count
        guard count > 0 else { return }
        out.appendSignedVarint(timestamps[0] &- base)
        guard count > 1 else { return }
        var previousDelta = timestamps[1] &- timestamps[0]
        out.appendSignedVarint(previousDelta)
        guard count > 2 else { return }

        var step: UInt64 = 0
        var delta = previousDelta
        for i in 2..<count {
            let next = timestamps[i] &- timestamps[i &- 1]
            step = gcd(step, (next &- delta).magnitude)
            delta = next
        }
        if step == 0 { step = 1 }
        out.appendVarint(step)

        var bits = BitWriter(reservingBytes: count / 8 + 8)
        for i in 2..<count {
            let delta = timestamps[i] &- timestamps[i &- 1]
            let dod = delta &- previousDelta
            previousDelta = delta
            // Exact: `step` divides every dod, and |dod / step| <= |dod|.
            let scaled = step == 1 ? dod : (dod < 0 ? -Int64(dod.magnitude / step) : Int64(dod.magnitude / step))
            if scaled == 0 {
                bits.write(bit: false)
                continue
            }
            for bucket in buckets {
                let fits = bucket.payloadBits == 64
                    || (scaled >= -(1 &<< Int64(bucket.payloadBits &- 1)) && scaled < (1 &<< Int64(bucket.payloadBits &- 1)))
                if fits {
                    bits.write(bucket.prefix, bits: bucket.prefixBits)
                    bits.write(UInt64(bitPattern: scaled), bits: bucket.payloadBits)
                    break
                }
            }
        }
        out.appendLengthPrefixed(bits.finish())
    }

    /// Decodes `count` timestamps from `reader` into `out` (appending).
    static func decode(
        count: Int, base: Int64, from reader: inout ByteReader, into out: inout [Int64]
    ) throws(MalformedData) {
        guard count > 0 else { return }
        var t = base &+ (try reader.readSignedVarint())
        out.append(t)
        guard count > 1 else { return }
        var delta = try reader.readSignedVarint()
        t = t &+ delta
        out.append(t)
        guard count > 2 else { return }
        let step = Int64(bitPattern: try reader.readVarint())
        guard step != 0 else { throw MalformedData("timestamp step is 0") }
        let stream = try reader.readLengthPrefixed()
        var bits = BitReader(stream)
        for _ in 2..<count {
            var dod: Int64 = 0
            if bits.readBit() {
                let ones = bits.readUnary(limit: 3)  // '10' → 0, '110' → 1, '1110' → 2, '1111' → 3 more bits follow
                let index: Int
                if ones < 3 {
                    index = ones
                } else {
                    index = bits.readBit() ? 4 : 3
                }
                let width = buckets[index].payloadBits
                let raw = bits.read(bits: width)
                dod = width == 64 ? Int64(bitPattern: raw) : Int64(bitPattern: raw &<< UInt64(64 &- width)) &>> Int64(64 &- width)
            }
            delta = delta &+ dod &* step
            t = t &+ delta
            out.append(t)
        }
        if bits.overran { throw MalformedData("timestamp bit stream ends early") }
    }

    @inline(__always)
    static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var a = a
        var b = b
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
