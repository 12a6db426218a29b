/// Reads bit fields, most significant bit first, from bytes written by `BitWriter`.
///
/// Reading past the end never traps: it yields zero bits and sets `overran`, which decoders check once at the
/// end of a column and turn into a `MalformedData` error. The reader borrows `bytes`; use it only inside the
/// `withUnsafeBytes` scope that produced them.
struct BitReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    /// Buffered bits, left-aligned: the next bit to read is bit 63.
    private var buffer: UInt64 = 0
    private var available = 0
    /// Set once a read went past the last byte.
    private(set) var overran = false

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Reads a field of `bits` bits (0...64).
    @inline(__always)
    mutating func read(bits: Int) -> UInt64 {
        precondition(bits >= 0 && bits <= 64, "BitReader: a field has 0...64 bits")
        if bits == 0 { return 0 }
        if bits <= available {
            let value = buffer &>> UInt64(64 &- bits)
            buffer = bits == 64 ? 0 : buffer &<< UInt64(bits)
            available &-= bits
            return value
        }
        let highCount = available
        let high = highCount == 0 ? 0 : buffer &>> UInt64(64 &- highCount)
        refill()
        let lowCount = bits &- highCount
        if available < lowCount {
            overran = true
            available = lowCount  // the missing bits read as zeros
        }
        let low = buffer &>> UInt64(64 &- lowCount)
        buffer = lowCount == 64 ? 0 : buffer &<< UInt64(lowCount)
        available &-= lowCount
        return lowCount == 64 ? low : (high &<< UInt64(lowCount)) | low
    }

    /// Reads one bit.
    @inline(__always)
    mutating func readBit() -> Bool {
        read(bits: 1) != 0
    }

    /// Counts leading one bits, up to `limit`, consuming them and the terminating zero (if below `limit`).
    @inline(__always)
    mutating func readUnary(limit: Int) -> Int {
        var count = 0
        while count < limit, readBit() { count &+= 1 }
        return count
    }

    /// Loads the next up to 8 bytes into an empty buffer.
    @inline(__always)
    private mutating func refill() {
        let remaining = bytes.count &- position
        if remaining >= 8 {
            buffer = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            position &+= 8
            available = 64
        } else {
            var word: UInt64 = 0
            for i in 0..<remaining {
                word |= UInt64(bytes[position &+ i]) &<< UInt64(56 &- 8 &* i)
            }
            position &+= remaining
            buffer = word
            available = remaining &* 8
        }
    }
}
