import Foundation
import SeismoCore
import SeismoIngest
import Testing

@Suite struct NumberParserTests {
    private func parse(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBytes { NumberParser.double($0) }
    }

    @Test(arguments: [
        "0", "-0", "1", "1.5", "-2.25", "3.14159", "0.1", "0.0001", "123456789012345678", "1e10", "-1E-5",
        "2.5e+3", ".5", "5.", "1.7976931348623157e308", "4.9e-324", "12345678901234567890123", "0.30000000000000004",
        "9007199254740993", "1e-400", "1e400",
    ])
    func matchesTheStandardLibrary(text: String) {
        #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
    }

    @Test(arguments: ["", "-", "+", ".", "1e", "1e+", "1.2.3", "1,5", "0x10", "abc", " 1", "1 ", "--1"])
    func rejectsMalformed(text: String) {
        #expect(parse(text) == nil, "\(text)")
    }

    @Test func specialValues() {
        #expect(parse("NaN")!.isNaN)
        #expect(parse("+Inf") == .infinity)
        #expect(parse("-Inf") == -.infinity)
        #expect(parse("infinity") == .infinity)
    }

    @Test func randomDecimalsRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let v = Double.random(in: -1e6...1e6, using: &rng)
            let digits = Int.random(in: 0...8, using: &rng)
            let text = String(format: "%.\(digits)f", v)
            #expect(parse(text)?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test func integers() {
        let i = { (s: String) in Array(s.utf8).withUnsafeBytes { NumberParser.int64($0) } }
        #expect(i("9223372036854775807") == .max)
        #expect(i("-9223372036854775808") == .min)
        #expect(i("9223372036854775808") == nil)
        #expect(i("-") == nil)
        #expect(i("12a") == nil)
        // Nineteen bytes: the nanosecond timestamps' own path, and what it must hand back or refuse.
        #expect(i("1793491200250000000") == 1_793_491_200_250_000_000)
        #expect(i("1000000000000000000") == 1_000_000_000_000_000_000)
        #expect(i("9999999999999999999") == nil)
        #expect(i("-123456789012345678") == -123_456_789_012_345_678)
        #expect(i("+123456789012345678") == 123_456_789_012_345_678)
        #expect(i("--12345678901234567") == nil)
        #expect(i("+-12345678901234567") == nil)
        #expect(i("-+12345678901234567") == nil)
    }

    /// Integers of every length up to 20 digits, signed or not, against the standard library's parser, and each
    /// with one byte replaced by a non-digit (the neighbours of '0' and '9' included) at every position, so both
    /// the eight-at-a-time path and the digit-by-digit tail reject what they must.
    @Test func integersOfEveryLengthMatchTheStandardLibrary() {
        let i = { (s: [UInt8]) in s.withUnsafeBytes { NumberParser.int64($0) } }
        var rng = SplitMix64(seed: 42)
        let strays: [UInt8] = [0x2F, 0x3A, 0x20, 0x00, 0xFF, 0xFA, UInt8(ascii: "."), UInt8(ascii: "e")]
        for length in 1...20 {
            for _ in 0..<200 {
                var digits = (0..<length).map { _ in UInt8(ascii: "0") + UInt8(rng.next() % 10) }
                if rng.next() % 3 == 0 { digits.insert(rng.next() % 2 == 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"), at: 0) }
                let text = String(decoding: digits, as: UTF8.self)
                #expect(i(digits) == Int64(text), "\(text)")
                var broken = digits
                let at = Int(rng.next() % UInt64(broken.count))
                broken[at] = strays[Int(rng.next() % UInt64(strays.count))]
                #expect(i(broken) == nil, "\(broken)")
            }
        }
    }
}

