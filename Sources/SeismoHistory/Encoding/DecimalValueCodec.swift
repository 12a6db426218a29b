/// Values that are all decimal numbers with at most `k` fraction digits, stored as the integers `v × 10^k`.
///
/// Most metrics are printed with a few decimals (`146.59`, `32.7`, `46`); as doubles their low mantissa bits are
/// noise to an XOR encoding (about 5 bytes/sample on generator output), while the scaled integers need only
/// what the printed digits hold (about 1.2 bytes/sample after zstd). A column qualifies when every value `v`
/// satisfies `Double(n) / 10^k == v` bit for bit with `n = round(v × 10^k)` and `|n| ≤ 2^53`; decoding computes
/// exactly that division, which IEEE 754 rounds correctly, so the round trip is exact. NaN, ±Inf and −0.0 never
/// qualify and go to `XORValueCodec`.
///
/// Layout: scale `k` (1 byte), `IntegerTransform` (1 byte), the first value or the minimum as a zigzag varint,
/// the first delta for `deltaOfDelta`, then the transformed numbers as `BytePlanes`.
enum DecimalValueCodec {
    /// The most fraction digits tried. Beyond 12, `|n| ≤ 2^53` leaves too little room for the integer part.
    static let maxScale = 12

    private static let powersOfTen: [Double] = (0...maxScale).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    /// The scaled integer of `value` at scale `k`, if it round-trips exactly.
    @inline(__always)
    static func scaled(_ value: Double, scale k: Int) -> Int64? {
        let p = powersOfTen[k]
        let s = (value * p).rounded()
        guard abs(s) <= 9_007_199_254_740_992 else { return nil }  // 2^53; also rejects NaN and ±Inf
        let n = Int64(s)
        guard (Double(n) / p).bitPattern == value.bitPattern else { return nil }
        return n
    }

    /// The scaled integers of `values` at the smallest scale that holds all of them, or nil if there is none.
    /// `integers` is scratch space, replaced with the result.
    static func scale(_ values: UnsafeBufferPointer<Double>, integers: inout [Int64]) -> Int? {
        var k = 0
        for v in values where scaled(v, scale: k) == nil {
            var next = k + 1
            while next <= maxScale, scaled(v, scale: next) == nil { next += 1 }
            guard next <= maxScale else { return nil }
            k = next
        }
        integers.removeAll(keepingCapacity: true)
        for v in values {
            // A value exact at a smaller scale is exact at `k` too, but check rather than trust the argument.
            guard let n = scaled(v, scale: k) else { return nil }
            integers.append(n)
        }
        return k
    }

    /// Appends the encoding of `integers` (from `scale`, at scale `k`) to `out`. `scratch` is reused memory.
    static func encode(_ integers: [Int64], scale k: Int, scratch: inout [UInt64], into out: inout ByteWriter) {
        let count = integers.count
        precondition(count > 0, "DecimalValueCodec: encode at least one value")
        var minimum = Int64.max
        var forCost = 0
        var deltaCost = 0
        var dodCost = 0
        for n in integers { minimum = min(minimum, n) }
        for i in 0..<count {
            forCost &+= 64 &- UInt64(bitPattern: integers[i] &- minimum).leadingZeroBitCount
            if i >= 1 {
                let d = integers[i] &- integers[i &- 1]
                deltaCost &+= 64 &- ZigZag.encode(d).leadingZeroBitCount
                if i >= 2 {
                    let dod = d &- (integers[i &- 1] &- integers[i &- 2])
                    dodCost &+= 64 &- ZigZag.encode(dod).leadingZeroBitCount
                }
            }
        }
        let transform: IntegerTransform =
            forCost <= deltaCost && forCost <= dodCost ? .frameOfReference : (deltaCost <= dodCost ? .delta : .deltaOfDelta)

        out.append(UInt8(k))
        out.append(transform.rawValue)
        scratch.removeAll(keepingCapacity: true)
        switch transform {
        case .frameOfReference:
            out.appendSignedVarint(minimum)
            for n in integers { scratch.append(UInt64(bitPattern: n &- minimum)) }
        case .delta:
            out.appendSignedVarint(integers[0])
            for i in 1..<count { scratch.append(ZigZag.encode(integers[i] &- integers[i &- 1])) }
        case .deltaOfDelta:
            out.appendSignedVarint(integers[0])
            if count > 1 { out.appendSignedVarint(integers[1] &- integers[0]) }
            if count > 2 {
                for i in 2..<count {
                    scratch.append(ZigZag.encode((integers[i] &- integers[i &- 1]) &- (integers[i &- 1] &- integers[i &- 2])))
                }
            }
        }
        scratch.withUnsafeBufferPointer { BytePlanes.encode($0, into: &out) }
    }

    /// Decodes `count` values from `reader` into `out` (appending). `scratch` is reused memory.
    static func decode(
        count: Int, from reader: inout ByteReader, scratch: inout [UInt64], into out: inout [Double]
    ) throws(MalformedData) {
        guard count > 0 else { return }
        let k = Int(try reader.readByte())
        guard k <= maxScale else { throw MalformedData("decimal scale \(k) exceeds \(maxScale)") }
        guard let transform = IntegerTransform(rawValue: try reader.readByte()) else {
            throw MalformedData("unknown integer transform")
        }
        let p = powersOfTen[k]
        let first = try reader.readSignedVarint()
        switch transform {
        case .frameOfReference:
            try BytePlanes.decode(count: count, from: &reader, into: &scratch)
            for u in scratch { out.append(Double(first &+ Int64(bitPattern: u)) / p) }
        case .delta:
            try BytePlanes.decode(count: count &- 1, from: &reader, into: &scratch)
            var n = first
            out.append(Double(n) / p)
            for u in scratch {
                n = n &+ ZigZag.decode(u)
                out.append(Double(n) / p)
            }
        case .deltaOfDelta:
            var n = first
            out.append(Double(n) / p)
            guard count > 1 else {
                try BytePlanes.decode(count: 0, from: &reader, into: &scratch)
                return
            }
            var d = try reader.readSignedVarint()
            n = n &+ d
            out.append(Double(n) / p)
            try BytePlanes.decode(count: max(count &- 2, 0), from: &reader, into: &scratch)
            for u in scratch {
                d = d &+ ZigZag.decode(u)
                n = n &+ d
                out.append(Double(n) / p)
            }
        }
    }
}
