/// Stores unsigned integers byte-plane by byte-plane: all lowest bytes, then all second bytes, and so on, up to
/// the widest value's width.
///
/// On its own this is no smaller than fixed-width integers; it pays off under zstd, whose entropy coder then sees
/// the noisy low bytes and the near-constant high bytes as separate, well-modelled runs (measured on generator
/// output: 1.16 bytes/sample against 1.30 for zigzag varints of the same deltas, both after zstd).
enum BytePlanes {
    /// Appends the width byte (0...8) and the planes of `values`.
    static func encode(_ values: UnsafeBufferPointer<UInt64>, into out: inout ByteWriter) {
        var all: UInt64 = 0
        for v in values { all |= v }
        let width = (64 &- all.leadingZeroBitCount &+ 7) / 8
        out.append(UInt8(width))
        for plane in 0..<width {
            let shift = UInt64(plane &* 8)
            for v in values { out.append(UInt8(truncatingIfNeeded: v &>> shift)) }
        }
    }

    /// Decodes `count` values into `out` (replacing its contents).
    static func decode(count: Int, from reader: inout ByteReader, into out: inout [UInt64]) throws(MalformedData) {
        let width = Int(try reader.readByte())
        guard width <= 8 else { throw MalformedData("byte-plane width \(width) exceeds 8") }
        guard count <= reader.remaining / max(width, 1) || width == 0 else { throw MalformedData("byte planes end early") }
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: repeatElement(0, count: count))
        for plane in 0..<width {
            let bytes = try reader.readBytes(count)
            let shift = UInt64(plane &* 8)
            out.withUnsafeMutableBufferPointer { values in
                for i in 0..<count { values[i] |= UInt64(bytes[i]) &<< shift }
            }
        }
    }
}
