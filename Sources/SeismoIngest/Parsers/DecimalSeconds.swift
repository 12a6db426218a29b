/// Reads a timestamp written as decimal seconds (`1700000000`, `1700000000.25`, `-3.5`, `1.7e9`) into
/// nanoseconds since the epoch, as Graphite, DogStatsD `|T` and OpenMetrics float timestamps need.
///
/// Plain decimals are read exactly, digit by digit, so `1700000000.123456789` keeps every nanosecond (a `Double`
/// would round it to about 100 ns); digits beyond the ninth decimal place are truncated. Only forms with an
/// exponent go through `Double`.
public enum DecimalSeconds {
    /// The instant `token` names, in nanoseconds; nil when it is not a number, not finite, or outside the `Int64`
    /// nanosecond range (years 1677 to 2262).
    @inlinable
    public static func nanoseconds(_ token: UnsafeRawBufferPointer) -> Int64? {
        let n = token.count
        guard n > 0, let p = token.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var seconds: Int64 = 0
        var sawDigit = false
        while i < n, p[i] &- 0x30 < 10 {
            sawDigit = true
            let (m, o1) = seconds.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(p[i] &- 0x30))
            if o1 || o2 { return viaDouble(token) }
            seconds = a
            i &+= 1
        }
        var fraction: Int64 = 0
        var scale: Int64 = 1_000_000_000
        if i < n, p[i] == UInt8(ascii: ".") {
            i &+= 1
            while i < n, p[i] &- 0x30 < 10 {
                sawDigit = true
                if scale > 1 {
                    scale /= 10
                    fraction &+= Int64(p[i] &- 0x30) &* scale
                }
                i &+= 1
            }
        }
        guard sawDigit else { return nil }
        if i < n {
            // Only an exponent may follow; `viaDouble` checks the rest of the syntax.
            guard p[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            return viaDouble(token)
        }
        let (ns, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, o2) = ns.addingReportingOverflow(fraction)
        guard !o1, !o2 else { return nil }
        return negative ? -total : total
    }

    /// Exponent forms and huge digit strings: through `Double`, rounded to the nearest nanosecond.
    @usableFromInline
    static func viaDouble(_ token: UnsafeRawBufferPointer) -> Int64? {
        guard let seconds = NumberParser.double(token), seconds.isFinite else { return nil }
        let ns = (seconds * 1e9).rounded()
        // 2^63 is exactly representable; anything at or beyond it does not fit.
        guard ns > -9.223_372_036_854_775_808e18, ns < 9.223_372_036_854_775_808e18 else { return nil }
        return Int64(ns)
    }
}
