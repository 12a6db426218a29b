/// The one unsafe layer of the generator: a fixed block of memory that lines are rendered into, with the
/// number formatting the formats need, and no `String` or allocation per line.
///
/// The caller owns the memory and flushes before `remaining` drops below the longest line it may append;
/// appends check capacity only in debug builds.
struct OutputBuffer {
    private let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0

    init(base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    var remaining: Int { capacity - count }

    /// The bytes rendered since the last `reset`.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        assert(count < capacity, "OutputBuffer overflow: flush earlier")
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        assert(bytes.count <= remaining, "OutputBuffer overflow: flush earlier")
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        count &+= bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Decimal digits of `value`, with a `-` when negative.
    @inline(__always)
    mutating func append(integer value: Int64) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        let written: Int = withUnsafeMutableBytes(of: &digits) { scratch in
            var i = scratch.count
            repeat {
                i &-= 1
                scratch[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude > 0
            let n = scratch.count &- i
            assert(n <= remaining, "OutputBuffer overflow: flush earlier")
            (base + count).update(from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + i, count: n)
            return n
        }
        count &+= written
    }

    /// `value` rounded to `places` decimals (at most 6), without trailing zeros: `23.4`, `37`, `-0.05`.
    /// Magnitudes of 1e12 and more fall back to Swift's shortest representation.
    @inline(__always)
    mutating func append(decimal value: Double, places: Int) {
        assert(value.isFinite && (0...6).contains(places), "OutputBuffer: finite values, up to 6 places")
        var scale: Int64 = 1
        for _ in 0..<places { scale &*= 10 }
        guard abs(value) < 1e12 else {
            for byte in "\(value)".utf8 { append(byte) }
            return
        }
        let scaled = Int64((value * Double(scale)).rounded())
        if scaled < 0 { append(UInt8(ascii: "-")) }
        let magnitude = Int64(scaled.magnitude)
        append(integer: magnitude / scale)
        var fraction = magnitude % scale
        guard fraction != 0 else { return }
        var digits = places
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        append(UInt8(ascii: "."))
        var divisor: Int64 = 1
        for _ in 1..<digits { divisor &*= 10 }
        while divisor > 0 {
            append(UInt8(truncatingIfNeeded: (fraction / divisor) % 10) &+ 0x30)
            divisor /= 10
        }
    }

    /// ISO-8601 UTC with milliseconds: `2026-11-01T00:00:00.000Z`.
    mutating func append(iso8601Milliseconds ms: Int64) {
        let (days, msOfDay) = floorDivide(ms, 86_400_000)
        // Days to civil date, after Howard Hinnant's `civil_from_days`.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        appendPadded(year, width: 4)
        append(UInt8(ascii: "-"))
        appendPadded(month, width: 2)
        append(UInt8(ascii: "-"))
        appendPadded(day, width: 2)
        append(UInt8(ascii: "T"))
        appendPadded(msOfDay / 3_600_000, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(msOfDay / 60_000 % 60, width: 2)
        append(UInt8(ascii: ":"))
        appendPadded(msOfDay / 1000 % 60, width: 2)
        append(UInt8(ascii: "."))
        appendPadded(msOfDay % 1000, width: 3)
        append(UInt8(ascii: "Z"))
    }

    /// A non-negative number with leading zeros up to `width` digits.
    private mutating func appendPadded(_ value: Int64, width: Int) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 1, value < divisor {
            append(UInt8(ascii: "0"))
            divisor /= 10
        }
        append(integer: value)
    }
}

/// Quotient and remainder rounded toward negative infinity, so times before 1970 still split into a day and a
/// non-negative time of day.
@inline(__always)
func floorDivide(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
    let q = a / b
    let r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
}
