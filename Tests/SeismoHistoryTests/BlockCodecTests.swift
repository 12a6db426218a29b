import SeismoCore
@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct BlockCodecTests {
    static func roundTrip(_ samples: [Sample], encoding: ValueEncoding = .automatic) throws -> DecodedBlock {
        var encoder = BlockEncoder(valueEncoding: encoding, compressionLevel: 3)
        let (frame, header) = samples.withUnsafeBufferPointer {
            encoder.encode($0, firstSequence: 77, labels: HistoryFixtures.labels)
        }
        var decoder = BlockDecoder()
        let block = try frame.withUnsafeBytes { raw throws in
            let frameHeader = try #require(FrameHeader(raw))
            #expect(frameHeader.payloadLength == frame.count - FrameHeader.size)
            let payload = UnsafeRawBufferPointer(rebasing: raw[FrameHeader.size...])
            #expect(CRC32C.checksum(payload) == frameHeader.payloadChecksum)
            return try decoder.decode(payload)
        }
        #expect(block.header == header)
        return block
    }

    @Test func samplesComeBackInArrivalOrderWithTheirSeries() throws {
        let samples = HistoryFixtures.regularSamples(count: 1_000, series: 7)
        let block = try Self.roundTrip(samples)
        #expect(block.header.firstSequence == 77)
        #expect(block.header.sampleCount == 1_000)
        #expect(block.header.seriesCount == 7)
        #expect(block.header.minTime == samples.map(\.timestamp).min())
        #expect(block.header.maxTime == samples.map(\.timestamp).max())
        #expect(block.series.map(\.id) == (0..<7).map { SeriesID(UInt32($0)) })
        #expect(block.series.map(\.labels) == (0..<7).map { HistoryFixtures.labels(SeriesID(UInt32($0))) })
        #expect(sameBits(block.samplesWithWrittenIDs, samples))
    }

    @Test func specialValuesOutOfOrderAndTiesSurviveTheBlock() throws {
        var rng = SplitMix64(seed: 41)
        for trial in 0..<60 {
            let count = Int.random(in: 1...600, using: &rng)
            let seriesIDs = (0..<Int.random(in: 1...20, using: &rng)).map { _ in SeriesID(UInt32.random(in: 0..<500, using: &rng)) }
            var t = Int64.random(in: -1_000_000...1_000_000, using: &rng)
            let samples: [Sample] = (0..<count).map { _ in
                t &+= Int64.random(in: -3...5, using: &rng) * (trial % 2 == 0 ? 1 : 1_000_000_000)
                let value: Double = switch Int.random(in: 0..<4, using: &rng) {
                case 0: ValueCodecTests.specials.randomElement(using: &rng)!
                case 1: Double(bitPattern: rng.next())
                default: Double(Int.random(in: -9_999...9_999, using: &rng)) / 100
                }
                return Sample(series: seriesIDs.randomElement(using: &rng)!, timestamp: t, value: value)
            }
            let block = try Self.roundTrip(samples)
            #expect(sameBits(block.samplesWithWrittenIDs, samples), "trial \(trial)")
        }
    }

    @Test func extremeAndEqualTimestampsAcrossSeriesKeepTheirOrder() throws {
        let extremes: [Int64] = [.min, .max, 0, .max, .min, -1, 1, .max]
        var rng = SplitMix64(seed: 77)
        for trial in 0..<200 {
            let samples = (0..<Int.random(in: 1...40, using: &rng)).map { _ in
                Sample(
                    series: SeriesID(UInt32.random(in: 0..<4, using: &rng)),
                    timestamp: extremes.randomElement(using: &rng)!, value: Double(Int.random(in: 0..<10, using: &rng))
                )
            }
            #expect(sameBits(try Self.roundTrip(samples).samplesWithWrittenIDs, samples), "trial \(trial)")
        }
        // Sorted input with ties across series: rebuilt from the timestamps, ties in first-appearance order.
        var tied: [Sample] = []
        for i in 0..<30 {
            let t: Int64 = i < 27 ? Int64(i / 3) : .max
            tied.append(Sample(series: SeriesID(UInt32(2 - i % 3)), timestamp: t, value: 1))
        }
        #expect(sameBits(try Self.roundTrip(tied).samplesWithWrittenIDs, tied))
    }

    @Test func xorOnlyEncodingReadsBackTheSame() throws {
        let samples = HistoryFixtures.regularSamples(count: 500, series: 5)
        #expect(sameBits(try Self.roundTrip(samples, encoding: .gorillaXOR).samplesWithWrittenIDs, samples))
    }

    @Test(arguments: [1, 3, 140, 2_000])
    func anyArrivalOrderRoundTripsAtAnySeriesCount(series: Int) throws {
        var rng = SplitMix64(seed: UInt64(series))
        let inOrder = HistoryFixtures.regularSamples(count: max(series * 6, 500), series: series)
        // Shuffled rounds (the order within a scrape changes every time), neighbour swaps across rounds, a full
        // shuffle, and reversed time: none of them is timestamp order, each must come back sample for sample.
        var roundShuffled: [Sample] = []
        for start in stride(from: 0, to: inOrder.count, by: series) {
            roundShuffled += inOrder[start..<min(start + series, inOrder.count)].shuffled(using: &rng)
        }
        var swapped = inOrder
        for i in stride(from: 0, to: swapped.count - 1, by: 2) where Bool.random(using: &rng) { swapped.swapAt(i, i + 1) }
        for (name, samples) in [
            ("in order", inOrder), ("rounds shuffled", roundShuffled), ("neighbours swapped", swapped),
            ("shuffled", inOrder.shuffled(using: &rng)), ("reversed", inOrder.reversed()),
        ] {
            let block = try Self.roundTrip(samples)
            #expect(sameBits(block.samplesWithWrittenIDs, samples), "\(name), \(series) series")
            // Block-local indices follow first appearance: the dictionary is in arrival order of first samples.
            var seen = Set<SeriesID>()
            let firstAppearance = samples.map(\.series).filter { seen.insert($0).inserted }
            #expect(block.series.map(\.id) == firstAppearance, "\(name)")
        }
    }

    @Test func aSteadyRoundOrderCostsAlmostNothingToStore() throws {
        // Same columns, two orders: the steady round-robin one stores its order in a few bytes after zstd, a
        // random one needs about a byte per sample (log2 of 40 series is 5.3 bits).
        var encoder = BlockEncoder(valueEncoding: .automatic, compressionLevel: 3)
        var rng = SplitMix64(seed: 2)
        let inOrder = HistoryFixtures.regularSamples(count: 8_000, series: 40)
        var shuffled: [Sample] = []
        for start in stride(from: 0, to: inOrder.count, by: 40) { shuffled += inOrder[start..<(start + 40)].shuffled(using: &rng) }
        let steady = inOrder.withUnsafeBufferPointer { encoder.encode($0, firstSequence: 0, labels: HistoryFixtures.labels) }
        let random = shuffled.withUnsafeBufferPointer { encoder.encode($0, firstSequence: 0, labels: HistoryFixtures.labels) }
        #expect(random.frame.count > steady.frame.count + 4_000)
    }

    @Test func damagedPayloadsThrowOrDecodeButNeverTrap() throws {
        var encoder = BlockEncoder(valueEncoding: .automatic, compressionLevel: 3)
        let samples = HistoryFixtures.regularSamples(count: 300, series: 4)
        let frame = samples.withUnsafeBufferPointer { encoder.encode($0, firstSequence: 0, labels: HistoryFixtures.labels).frame }
        let payload = Array(frame[FrameHeader.size...])
        var decoder = BlockDecoder()
        var rng = SplitMix64(seed: 8)
        var failures = 0
        // Bypass the checksum, as a damaged-but-checksummed (or hand-crafted) block would.
        for trial in 0..<2_000 {
            var damaged = payload
            if trial % 3 == 0 {
                damaged.removeLast(Int.random(in: 1..<damaged.count, using: &rng))
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    damaged[Int.random(in: 0..<damaged.count, using: &rng)] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                }
            }
            do throws(MalformedData) {
                _ = try damaged.withUnsafeBytes { raw in Result { () throws(MalformedData) in try decoder.decode(raw) } }.get()
            } catch {
                failures += 1
            }
        }
        #expect(failures > 1_000)
        // The decoder is still usable afterwards.
        let block = try payload.withUnsafeBytes { raw throws in try decoder.decode(raw) }
        #expect(sameBits(block.samplesWithWrittenIDs, samples))
    }
}
