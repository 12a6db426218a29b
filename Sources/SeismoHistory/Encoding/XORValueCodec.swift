/// Gorilla's XOR encoding of doubles: each value's bits XOR the previous value's, stored as the meaningful
/// bits between the leading and trailing zeros.
///
/// The fallback for columns `DecimalValueCodec` cannot take (non-decimal values, NaN, ±Inf, −0.0). Works on raw
/// bit patterns, so every payload, including NaN's, round-trips. Layout: the first value's 64 bits, then per
/// value `0` (same as previous), `10` + meaningful bits (fits the previous window), or `11` + 5 bits of leading
/// zeros + 6 bits of length (64 stored as 0) + meaningful bits.
enum XORValueCodec {
    /// Appends the encoding of `values` to `out`, length-prefixed.
    static func encode(_ values: UnsafeBufferPointer<Double>, into out: inout ByteWriter) {
        guard !values.isEmpty else {
            out.appendVarint(0)
            return
        }
        var bits = BitWriter(reservingBytes: values.count * 2)
        var previous = values[0].bitPattern
        bits.write(previous, bits: 64)
        var windowLeading = -1
        var windowTrailing = 0
        for i in 1..<values.count {
            let current = values[i].bitPattern
            let xor = current ^ previous
            previous = current
            if xor == 0 {
                bits.write(bit: false)
                continue
            }
            let leading = min(xor.leadingZeroBitCount, 31)
            let trailing = xor.trailingZeroBitCount
            if windowLeading >= 0, leading >= windowLeading, trailing >= windowTrailing {
                bits.write(0b10, bits: 2)
                bits.write(xor &>> UInt64(windowTrailing), bits: 64 &- windowLeading &- windowTrailing)
            } else {
                let length = 64 &- leading &- trailing
                bits.write(0b11, bits: 2)
                bits.write(UInt64(leading), bits: 5)
                bits.write(UInt64(length & 63), bits: 6)
                bits.write(xor &>> UInt64(trailing), bits: length)
                windowLeading = leading
                windowTrailing = trailing
            }
        }
        out.appendLengthPrefixed(bits.finish())
    }

    /// Decodes `count` values from `reader` into `out` (appending).
    static func decode(count: Int, from reader: inout ByteReader, into out: inout [Double]) throws(MalformedData) {
        let stream = try reader.readLengthPrefixed()
        guard count > 0 else { return }
        var bits = BitReader(stream)
        var previous = bits.read(bits: 64)
        out.append(Double(bitPattern: previous))
        var windowLeading = 0
        var windowTrailing = 0
        var haveWindow = false
        for _ in 1..<count {
            if bits.readBit() {
                if bits.readBit() {
                    windowLeading = Int(bits.read(bits: 5))
                    let stored = Int(bits.read(bits: 6))
                    let length = stored == 0 ? 64 : stored
                    guard windowLeading &+ length <= 64 else { throw MalformedData("XOR window exceeds 64 bits") }
                    windowTrailing = 64 &- windowLeading &- length
                    haveWindow = true
                } else if !haveWindow {
                    throw MalformedData("XOR value reuses a window before one was set")
                }
                let length = 64 &- windowLeading &- windowTrailing
                previous ^= bits.read(bits: length) &<< UInt64(windowTrailing)
            }
            out.append(Double(bitPattern: previous))
        }
        if bits.overran { throw MalformedData("value bit stream ends early") }
    }
}
