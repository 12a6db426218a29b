import SeismoCore
import Testing

@testable import SeismoIngest

/// The word-at-a-time byte scans (series-key hash, line validation) at every length around their eight-byte
/// steps, where the last partial word is read as an overlapping load of the final eight bytes.
@Suite struct ByteScanningTests {
    /// Lengths 0 to 40, placed inside a larger buffer: the hash sees exactly the line's bytes, whatever lies
    /// before or after them, and every one of them counts.
    @Test func hashReadsExactlyTheBytesItIsGiven() {
        var rng = SplitMix64(seed: 7)
        for length in 0...40 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let alone = bytes.withUnsafeBytes { ByteHash.hash($0) }
            for fill: UInt8 in [0x00, 0xFF] {
                let padded = [UInt8](repeating: fill, count: 9) + bytes + [UInt8](repeating: fill, count: 9)
                let inside = padded.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[9..<(9 + length)])) }
                #expect(inside == alone, "length \(length)")
            }
            for position in 0..<length {
                var changed = bytes
                changed[position] ^= 0x01
                #expect(changed.withUnsafeBytes { ByteHash.hash($0) } != alone, "length \(length), byte \(position)")
            }
        }
    }

    /// A NUL or a malformed UTF-8 byte is found at every position of every length, including the bytes only the
    /// final overlapping load covers; clean ASCII and valid multi-byte UTF-8 pass.
    @Test func validationFindsABadByteAnywhere() {
        for length in 1...40 {
            let clean = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            #expect(clean.withUnsafeBytes { ByteValidation.isCleanText($0) }, "length \(length)")
            for position in 0..<length {
                for bad: UInt8 in [0x00, 0xFF, 0x80] {
                    var line = clean
                    line[position] = bad
                    #expect(!line.withUnsafeBytes { ByteValidation.isCleanText($0) }, "length \(length), byte \(position)")
                }
            }
        }
        let utf8 = Array("température=21.5 é→✓".utf8)
        #expect(utf8.withUnsafeBytes { ByteValidation.isCleanText($0) })
    }

    /// The first space or backslash at every position of every length, with other delimiters, high bytes and
    /// the bytes one below and above each target (0x1F, 0x21, 0x5B, 0x5D) as decoys, and a second match after the
    /// first; none at all gives the end.
    @Test func delimiterSearchFindsTheFirstSpaceOrBackslash() {
        let decoys: [UInt8] = [0x1F, 0x21, 0x5B, 0x5D, 0x00, 0x80, 0xFF, UInt8(ascii: ","), UInt8(ascii: "=")]
        var rng = SplitMix64(seed: 11)
        for length in 0...40 {
            var line = (0..<length).map { _ in decoys[Int(rng.next() % UInt64(decoys.count))] }
            line.withUnsafeBufferPointer { #expect(ByteSearch.firstSpaceOrBackslash($0.baseAddress!, from: 0, to: length) == length) }
            for position in 0..<length {
                for target: UInt8 in [0x20, 0x5C] {
                    line[position] = target
                    if position + 3 < length { line[position + 3] = 0x20 }
                    for start in [0, min(position, 3)] {
                        let found = line.withUnsafeBufferPointer {
                            ByteSearch.firstSpaceOrBackslash($0.baseAddress!, from: start, to: length)
                        }
                        #expect(found == position, "length \(length), byte \(position), from \(start)")
                    }
                    line[position] = decoys[0]
                    if position + 3 < length { line[position + 3] = decoys[1] }
                }
            }
        }
    }

    /// The chunk check accepts exactly the bytes 0x01...0x7F: a NUL or any byte from 0x80 up is found at every
    /// position of every length around its sixty-four- and sixteen-byte steps, and DEL (0x7F) and 0x01 pass.
    @Test func plainASCIICheckFindsAnyOtherByteAnywhere() {
        for length in Array(0...40) + Array(60...150) {
            let clean = (0..<length).map { UInt8(1 + $0 % 0x7F) }
            #expect(clean.withUnsafeBytes { ByteValidation.isPlainASCII($0) }, "length \(length)")
            for position in 0..<length {
                for bad: UInt8 in [0x00, 0x80, 0xC3, 0xFF] {
                    var line = clean
                    line[position] = bad
                    #expect(!line.withUnsafeBytes { ByteValidation.isPlainASCII($0) }, "length \(length), byte \(position)")
                }
            }
        }
    }

    /// The two Influx field scans agree with a byte-by-byte search on random lines drawn from their targets and
    /// the bytes next to them, from every start: lines up to 72 bytes, so matches fall in either half of the
    /// sixteen-byte steps, in the eight-byte step after them and in the last bytes.
    @Test func fieldScansFindTheFirstTarget() {
        let alphabet: [UInt8] = [0x1F, 0x20, 0x21, 0x2B, 0x2C, 0x2D, 0x3C, 0x3D, 0x3E, 0x5B, 0x5C, 0x5D, 0x00, 0x80, 0xFF, 0x61]
        var rng = SplitMix64(seed: 13)
        func naive(_ line: [UInt8], from start: Int, _ targets: Set<UInt8>) -> Int {
            line[start...].firstIndex(where: targets.contains) ?? line.count
        }
        for length in 0...72 {
            for _ in 0..<20 {
                // Mostly decoys, so first matches fall at every offset of a word.
                let line = (0..<length).map { _ in
                    rng.next() % 4 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(0x61 + rng.next() % 3)
                }
                for start in 0...length {
                    line.withUnsafeBufferPointer { p in
                        let key = ByteSearch.firstFieldKeyDelimiter(p.baseAddress!, from: start, to: length)
                        #expect(key == naive(line, from: start, [0x3D, 0x2C, 0x20, 0x5C]), "\(line) from \(start)")
                        let value = ByteSearch.firstCommaOrSpace(p.baseAddress!, from: start, to: length)
                        #expect(value == naive(line, from: start, [0x2C, 0x20]), "\(line) from \(start)")
                    }
                }
            }
        }
    }

    /// The hashing scans stop where the plain scans stop and hash what they passed exactly as `ByteHash` hashes
    /// it, for matches at every offset of a word, keys shorter than a word, and lines without a match (where the
    /// last bytes are scanned one by one), in lines up to 72 bytes (past several sixteen-byte steps).
    @Test func hashingScansAgreeWithScanThenHash() {
        let alphabet: [UInt8] = [0x20, 0x5C, 0x3D, 0x2C, 0x1F, 0x21, 0x00, 0xFF]
        var rng = SplitMix64(seed: 19)
        for length in 0...72 {
            for _ in 0..<20 {
                let line = (0..<length).map { _ in
                    rng.next() % 6 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(0x61 + rng.next() % 26)
                }
                let seed = rng.next()
                for start in 0...length {
                    line.withUnsafeBufferPointer { b in
                        let p = b.baseAddress!
                        let key = ByteSearch.firstSpaceOrBackslash(p, from: start, to: length)
                        let keyScan = HashingScan.firstSpaceOrBackslash(p, from: start, to: length, seed: seed)
                        #expect(keyScan.index == key, "\(line) from \(start)")
                        #expect(keyScan.hash == ByteHash.hash(UnsafeRawBufferPointer(start: p + start, count: key - start), seed: seed))
                        let field = ByteSearch.firstFieldKeyDelimiter(p, from: start, to: length)
                        let fieldScan = HashingScan.firstFieldKeyDelimiter(p, from: start, to: length, seed: seed)
                        #expect(fieldScan.index == field, "\(line) from \(start)")
                        #expect(fieldScan.hash == ByteHash.hash(UnsafeRawBufferPointer(start: p + start, count: field - start), seed: seed))
                    }
                }
            }
        }
    }

    /// With escapes, the key scans end at the first target no backslash escapes (at the line's end when there is
    /// none) and hash the whole key, at every escape position of keys around a word's length.
    @Test func keyScansSkipEscapedTargetsAndHashTheWholeKey() {
        for length in 1...20 {
            for escape in 0..<length {
                for target in [UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: ",")] {
                    var line = [UInt8](repeating: UInt8(ascii: "k"), count: length)
                    line[escape] = UInt8(ascii: "\\")
                    if escape + 1 < length { line[escape + 1] = target }
                    line += [target, UInt8(ascii: "x")]
                    line.withUnsafeBufferPointer { b in
                        let p = b.baseAddress!
                        // A backslash last in the key escapes the target after it: the key runs on to the line's end.
                        let end = escape + 1 < length ? length : line.count
                        let series = HashingScan.seriesKeyEnd(p, from: 0, to: line.count, seed: 5)
                        let field = HashingScan.fieldKeyEnd(p, from: 0, to: line.count, seed: 5)
                        for (scan, stops) in [(series, target == 0x20), (field, true)] where stops {
                            #expect(scan.index == end, "\(line)")
                            #expect(scan.hash == ByteHash.hash(UnsafeRawBufferPointer(start: p, count: end), seed: 5), "\(line)")
                        }
                    }
                }
            }
        }
    }

    /// The series cache's key comparison sees every byte of keys of every length, the ones only its final
    /// overlapping load covers included.
    @Test func keyComparisonSeesEveryByte() {
        var rng = SplitMix64(seed: 17)
        for length in 0...40 {
            let stored = UnsafeMutablePointer<UInt8>.allocate(capacity: max(length, 1))
            defer { stored.deallocate() }
            let key = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            stored.initialize(from: key, count: length)
            #expect(key.withUnsafeBytes { SeriesTable.equal(stored, $0) }, "length \(length)")
            for position in 0..<length {
                var other = key
                other[position] ^= 0x40
                #expect(!other.withUnsafeBytes { SeriesTable.equal(stored, $0) }, "length \(length), byte \(position)")
            }
        }
    }
}
