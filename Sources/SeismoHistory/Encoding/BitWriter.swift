/// Appends bit fields, most significant bit first, to a byte array.
///
/// Together with `BitReader` this is the one place where encodings deal in bits; the codecs above it speak in
/// fields (`write(_:bits:)`) and never shift bytes themselves.
struct BitWriter {
    /// The finished bytes; the last one is padded with zero bits by `finish()`.
    private(set) var bytes: [UInt8] = []
    /// Pending bits, right-aligned: the oldest pending bit is bit `pendingCount - 1`.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(reservingBytes capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `bits` bits of `value` (0...64), most significant first.
    @inline(__always)
    mutating func write(_ value: UInt64, bits: Int) {
        precondition(bits >= 0 && bits <= 64, "BitWriter: a field has 0...64 bits")
        if bits == 0 { return }
        let field = bits == 64 ? value : value & ((1 &<< UInt64(bits)) &- 1)
        let free = 64 &- pendingCount
        if bits < free {
            pending = (pending &<< UInt64(bits)) | field
            pendingCount &+= bits
            return
        }
        // Fill the accumulator up to 64 bits, emit it, keep the rest of the field.
        let rest = bits &- free
        let head = rest == 64 ? 0 : field >> UInt64(rest)
        let word = free == 64 ? head : (pending &<< UInt64(free)) | head
        emit(word)
        pending = rest == 0 ? 0 : field & ((1 &<< UInt64(rest)) &- 1)
        pendingCount = rest
    }

    /// Appends one bit.
    @inline(__always)
    mutating func write(bit: Bool) {
        write(bit ? 1 : 0, bits: 1)
    }

    /// Flushes the pending bits, padding the last byte with zeros, and returns every byte written.
    mutating func finish() -> [UInt8] {
        var count = pendingCount
        while count > 0 {
            let shift = count >= 8 ? count - 8 : 0
            let byte = UInt8(truncatingIfNeeded: pending >> UInt64(shift))
            bytes.append(count >= 8 ? byte : byte << UInt8(8 - count))
            count -= min(count, 8)
        }
        pending = 0
        pendingCount = 0
        return bytes
    }

    @inline(__always)
    private mutating func emit(_ word: UInt64) {
        let bigEndian = word.bigEndian
        withUnsafeBytes(of: bigEndian) { bytes.append(contentsOf: $0) }
    }
}
