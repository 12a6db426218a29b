#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing straight from bytes, without building a `String` per value.
///
/// Decimal floats take Clinger's fast path (mantissa below 2^53 and a power of ten up to 22: one exact
/// multiplication or division, so the result is correctly rounded); anything else falls back to `strtod` on a
/// stack copy, after the syntax has been checked here so `strtod` can never read past the token.
public enum NumberParser {
    @usableFromInline static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses a whole token as a decimal floating-point number: `[+-]digits[.digits][(e|E)[+-]digits]`, also
    /// `.5` and `5.`, and the words `NaN`, `Inf`, `+Inf`, `-Inf`, `Infinity` in any case. Returns nil for anything
    /// else, including an empty token.
    @inlinable
    public static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        while i < n, p[i] &- 0x30 < 10 {
            sawDigit = true
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                if mantissa != 0 { significant &+= 1 }
            } else {
                exponent &+= 1
            }
            i &+= 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i &+= 1
            while i < n, p[i] &- 0x30 < 10 {
                sawDigit = true
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                    if mantissa != 0 { significant &+= 1 }
                    exponent &-= 1
                }
                    i &+= 1
            }
        }
        guard sawDigit else { return special(bytes) }
        // 19 significant digits or more may have dropped some: leave those to strtod.
        let exact = significant < 19
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i &+= 1
            var expNegative = false
            if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i &+= 1
            }
            var e = 0
            let start = i
            while i < n, p[i] &- 0x30 < 10 {
                if e < 100_000 { e = e &* 10 &+ Int(p[i] &- 0x30) }
                i &+= 1
            }
            guard i > start else { return nil }
            exponent &+= expNegative ? -e : e
        }
        guard i == n else { return nil }
        if exact, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return negative ? -value : value
        }
        return slow(bytes)
    }

    /// Parses a whole token as a signed 64-bit decimal integer; nil on overflow or any stray byte.
    @inlinable
    public static func int64(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        if n == 19 { return nineteenDigits(p) }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
            guard n > 1 else { return nil }
        }
        var value: UInt64 = 0
        // Up to 18 digits cannot overflow a UInt64: no overflow checks on the common path (ns timestamps have 19).
        let fast = min(n, i &+ 18)
        // Eight digits per step while eight remain in the fast zone (two steps for a ns timestamp), then one by one.
        while i &+ 8 <= fast {
            let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            guard let eight = eightDigits(UInt64(littleEndian: word)) else { return nil }
            value = value &* 100_000_000 &+ eight
            i &+= 8
        }
        while i < fast {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            value = value &* 10 &+ UInt64(d)
            i &+= 1
        }
        while i < n {
            let d = p[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            value = a
            i &+= 1
        }
        if negative {
            guard value <= UInt64(Int64.max) + 1 else { return nil }
            return value == UInt64(Int64.max) + 1 ? Int64.min : -Int64(value)
        }
        guard value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// `int64` of a 19-byte token, the length of every nanosecond timestamp from 2001 to 2286: two eight-digit words
    /// and three digits, with no loop (a third of the general path's instructions). Below 10^19, so the sum cannot
    /// overflow a UInt64; only the Int64 range is checked. A sign or any other byte falls back to the general path.
    @inlinable
    static func nineteenDigits(_ p: UnsafePointer<UInt8>) -> Int64? {
        let raw = UnsafeRawPointer(p)
        let d16 = p[16] &- 0x30
        let d17 = p[17] &- 0x30
        let d18 = p[18] &- 0x30
        guard let high = eightDigits(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))),
              let middle = eightDigits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))),
              d16 < 10, d17 < 10, d18 < 10
        else { return int64Slow(p) }
        let value = high &* 100_000_000_000 &+ middle &* 1000 &+ UInt64(d16) &* 100 &+ UInt64(d17) &* 10 &+ UInt64(d18)
        guard value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// The general path for a 19-byte token that is not 19 digits (a sign and 18 digits, or garbage).
    @usableFromInline
    static func int64Slow(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+"), p[1] &- 0x30 < 10 else { return nil }
        guard let magnitude = int64(UnsafeRawBufferPointer(start: p + 1, count: 18)) else { return nil }
        return p[0] == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    /// The value of eight ASCII digits loaded little-endian (the first digit in the lowest byte), or nil when any
    /// byte is not a digit: a few multiplications instead of eight dependent steps (the SWAR method of simdjson's
    /// `parse_eight_digits_unrolled`).
    @inlinable @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64? {
        // Each byte 0x30...0x39: its high nibble is 3, and adding 6 does not carry out of the low nibble.
        let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        let check = (word & highNibbles) | (((word &+ 0x0606_0606_0606_0606) & highNibbles) >> 4)
        guard check == 0x3333_3333_3333_3333 else { return nil }
        var v = word &- 0x3030_3030_3030_3030
        v = v &* 10 &+ (v >> 8)  // pairs: each 16-bit lane holds two digits' value in its low byte
        let pairs: UInt64 = 0x0000_00FF_0000_00FF
        v = ((v & pairs) &* (100 &+ (1_000_000 << 32)) &+ ((v >> 16) & pairs) &* (1 &+ (10_000 << 32))) >> 32
        return v & 0xFFFF_FFFF
    }

    /// Parses a whole token as an unsigned 64-bit decimal integer.
    @inlinable
    public static func uint64(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for b in bytes {
            let d = b &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            value = a
        }
        return value
    }

    @usableFromInline
    static func special(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard bytes.count <= 9 else { return nil }
        var word = ""
        for b in bytes { word.unicodeScalars.append(Unicode.Scalar(b | (b >= 0x41 && b <= 0x5A ? 0x20 : 0))) }
        switch word {
        case "nan", "+nan", "-nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// `strtod` on a NUL-terminated copy; the caller has already checked the syntax.
    @usableFromInline
    static func slow(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard bytes.count < 512 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { buffer in
            for (i, b) in bytes.enumerated() { buffer[i] = CChar(bitPattern: b) }
            buffer[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == bytes.count else { return nil }
            return value
        }
    }
}
