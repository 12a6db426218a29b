import Foundation
import SeismoCore
@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct HistoryWriterTests {
    @Test func writtenSamplesReadBackWithSequenceNumbersAndLabels() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 2_500, series: 9)
            var configuration = HistoryFixtures.configuration(dir)
            configuration.maxBlockSamples = 400
            let (writer, recovery) = try HistoryWriter.open(configuration)
            #expect(recovery.nextSequence == 0 && recovery.segments == 0)
            var asked: [SeriesID] = []
            try writer.append(Array(samples[..<1_000])) { asked.append($0); return HistoryFixtures.labels($0) }
            #expect(writer.sealedSequence == 800 && writer.nextSequence == 1_000 && writer.bufferedSamples == 200)
            try writer.append(Array(samples[1_000...])) { asked.append($0); return HistoryFixtures.labels($0) }
            try writer.close()
            #expect(asked == (0..<9).map { SeriesID(UInt32($0)) }, "labels are asked once per series")
            #expect(writer.sealedSequence == 2_500)

            let reader = try HistoryReader(directory: dir.path)
            let blocks = reader.blocks()
            #expect(blocks.map(\.location.header.firstSequence) == stride(from: 0, to: 2_500, by: 400).map(UInt64.init))
            #expect(blocks.map(\.location.header.sampleCount) == [400, 400, 400, 400, 400, 400, 100])
            let (read, damage) = try HistoryFixtures.readAll(dir)
            #expect(damage.isEmpty)
            #expect(sameBits(read, samples))
            let first = try reader.read(blocks[0])
            #expect(first.series.map(\.labels) == (0..<9).map { HistoryFixtures.labels(SeriesID(UInt32($0))) })
            #expect(reader.verify().isEmpty)
        }
    }

    @Test func segmentsRotateBySizeAndByEventTimeSpanAndGetIndexes() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 6_000, series: 10)  // 600 s of event time per 60 samples
            try HistoryFixtures.write(samples, to: dir, blockSize: 100) { $0.maxSegmentBytes = 4_000 }
            let bySize = try HistoryReader(directory: dir.path)
            #expect(bySize.segments.count > 3)
            for segment in bySize.segments {
                #expect(segment.fileSize <= 4_000 || segment.blocks.count == 1)
                #expect(segment.firstSequence == segment.blocks.first?.header.firstSequence)
            }
            #expect(bySize.segments.dropLast().allSatisfy { $0.indexed }, "sealed segments have an index")
            #expect(!bySize.segments.last!.indexed, "the active one is scanned")
            #expect(sameBits(try HistoryFixtures.readAll(dir).samples, samples))
        }
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 6_000, series: 10)
            try HistoryFixtures.write(samples, to: dir, blockSize: 100) { $0.maxSegmentSpan = 1_000 * 1_000_000_000 }
            let reader = try HistoryReader(directory: dir.path)
            // 6,000 s of event time, blocks of 100 s (first to last sample: 90.009 s), at most 1,000 s per
            // segment: 10 blocks fill one (990.009 s).
            #expect(reader.segments.count == 6)
            for segment in reader.segments {
                let range = try #require(segment.timeRange)
                #expect(range.upperBound - range.lowerBound <= 1_000 * 1_000_000_000)
            }
        }
    }

    @Test(arguments: [(5, 100), (30, 300), (500, 1_000)])
    func blocksGrowWithTheSeriesCountUpToTheMaximum(series: Int, blockSize: Int) throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            var configuration = HistoryFixtures.configuration(dir)
            configuration.minBlockSamples = 100
            configuration.samplesPerSeries = 10
            configuration.maxBlockSamples = 1_000
            let (writer, _) = try HistoryWriter.open(configuration)
            try writer.append(HistoryFixtures.regularSamples(count: 3_000, series: series), labels: HistoryFixtures.labels)
            try writer.close()
            let sizes = try HistoryReader(directory: dir.path).blocks().map(\.location.header.sampleCount)
            #expect(sizes.dropLast().allSatisfy { $0 == blockSize }, "\(sizes)")
            #expect(sizes.reduce(0, +) == 3_000)
        }
    }

    @Test func openBlockIsWrittenOnceItIsMaxBlockDelayOld() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let clock = ManualClock()
            var configuration = HistoryFixtures.configuration(dir)
            configuration.maxBlockDelay = 1_000
            let (writer, _) = try HistoryWriter.open(configuration, clock: clock.function)
            let samples = HistoryFixtures.regularSamples(count: 30, series: 3)
            try writer.append(Array(samples[0..<10]), labels: HistoryFixtures.labels)
            clock.advance(by: 999)
            try writer.flushIfDue()
            #expect(writer.sealedSequence == 0)
            clock.advance(by: 1)
            try writer.flushIfDue()
            #expect(writer.sealedSequence == 10)
            try writer.append(Array(samples[10..<20]), labels: HistoryFixtures.labels)
            clock.advance(by: 1_000)
            try writer.append(Array(samples[20..<30]), labels: HistoryFixtures.labels)  // the age check runs on append
            #expect(writer.sealedSequence == 30 && writer.statistics.blocksWritten == 2)
        }
    }

    @Test(arguments: [FsyncMode.always, .interval(nanoseconds: 5_000), .never])
    func durableSequenceFollowsTheFsyncMode(mode: FsyncMode) throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let clock = ManualClock()
            var configuration = HistoryFixtures.configuration(dir)
            configuration.fsync = mode
            configuration.maxBlockSamples = 10
            let (writer, _) = try HistoryWriter.open(configuration, clock: clock.function)
            let samples = HistoryFixtures.regularSamples(count: 40, series: 2)
            try writer.append(Array(samples[0..<10]), labels: HistoryFixtures.labels)
            clock.advance(by: 1_000)
            try writer.append(Array(samples[10..<20]), labels: HistoryFixtures.labels)
            switch mode {
            case .always: #expect(writer.durableSequence == 20 && writer.statistics.syncs == 2)
            case .interval: #expect(writer.durableSequence == 0 && writer.statistics.syncs == 0)
            case .never: #expect(writer.durableSequence == 0)
            }
            clock.advance(by: 4_000)
            try writer.append(Array(samples[20..<30]), labels: HistoryFixtures.labels)
            if mode != .never {
                #expect(writer.durableSequence == 30, "5,000 ns after the open, the interval is due")
            }
            try writer.sync()
            #expect(writer.durableSequence == 30)
            try writer.append(Array(samples[30..<35]), labels: HistoryFixtures.labels)
            try writer.close()
            #expect(writer.sealedSequence == 35)
            #expect(writer.durableSequence == (mode == .never ? 30 : 35))
        }
    }

    @Test func retentionByAgeDeletesWholeOldestSegments() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 6_000, series: 10)
            try HistoryFixtures.write(samples, to: dir, blockSize: 100) {
                $0.maxSegmentSpan = 1_000 * 1_000_000_000
                $0.retention = RetentionPolicy(maxAge: 2_500 * 1_000_000_000)
            }
            let reader = try HistoryReader(directory: dir.path)
            let newest = samples.map(\.timestamp).max()!
            let horizon = newest - 2_500 * 1_000_000_000
            for segment in reader.segments.dropLast() {
                #expect(segment.timeRange!.upperBound >= horizon, "expired segment kept: \(segment.name)")
            }
            // Only whole segments go: what is left is a contiguous tail of the sequence numbers.
            let read = try HistoryFixtures.readAll(dir).samples
            #expect(sameBits(read, Array(samples.suffix(read.count))))
            #expect(read.count < samples.count && read.first!.timestamp <= horizon)
            #expect(try HistoryFixtures.segmentFiles(dir).count == 3)
        }
    }

    @Test func retentionBySizeKeepsTotalUnderTheLimitPlusTheActiveSegment() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 8_000, series: 10)
            try HistoryFixtures.write(samples, to: dir, blockSize: 100) {
                $0.maxSegmentBytes = 3_000
                $0.retention = RetentionPolicy(maxBytes: 10_000)
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            let sizes = try files.map { try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent($0).path)[.size] as! Int }
            #expect(sizes.reduce(0, +) <= 10_000 + 3_000)
            let read = try HistoryFixtures.readAll(dir).samples
            #expect(read.count < samples.count)
            #expect(sameBits(read, Array(samples.suffix(read.count))))
            // Reopening applies the policy again and keeps the sequence going.
            var configuration = HistoryFixtures.configuration(dir)
            configuration.retention = RetentionPolicy(maxBytes: 1)
            let (writer, recovery) = try HistoryWriter.open(configuration)
            #expect(recovery.nextSequence == 8_000)
            #expect(recovery.segmentsRemoved == files.filter { $0.hasSuffix(".sz") }.count - 1)
            try writer.close()
        }
    }

    @Test func indexSeekReturnsExactlyTheOverlappingBlocks() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            var samples = HistoryFixtures.regularSamples(count: 5_000, series: 5)
            // A few late samples so block ranges overlap, as out-of-order input makes them.
            for i in stride(from: 150, to: 5_000, by: 700) { samples[i].timestamp -= 3_000 * 1_000_000_000 }
            try HistoryFixtures.write(samples, to: dir, blockSize: 120) { $0.maxSegmentBytes = 2_500 }
            let reader = try HistoryReader(directory: dir.path)
            #expect(reader.segments.count > 2)
            let all = reader.blocks()
            var rng = SplitMix64(seed: 4)
            let low = samples.map(\.timestamp).min()!
            let high = samples.map(\.timestamp).max()!
            for _ in 0..<200 {
                let a = Int64.random(in: (low - 100_000_000_000)...(high + 100_000_000_000), using: &rng)
                let b = a + Int64.random(in: 0...2_000_000_000_000, using: &rng)
                let picked = reader.blocks(from: a, to: b)
                let expected = all.filter { $0.location.header.maxTime >= a && $0.location.header.minTime <= b }
                #expect(picked == expected)
                // Brute force over the decoded blocks: a block is picked iff it holds a sample in range, or its
                // range straddles the query (min/max are the only thing the index knows).
                var withSamples = 0
                reader.forEachBlock(from: a, to: b) { block in
                    if block.samples.contains(where: { (a...b).contains($0.timestamp) }) { withSamples += 1 }
                }
                let truth = try all.filter { ref in try reader.read(ref).samples.contains { (a...b).contains($0.timestamp) } }
                #expect(withSamples == truth.count)
                #expect(truth.allSatisfy { picked.contains($0) })
            }
        }
    }

    @Test func staleIndexIsIgnoredAndTheSegmentRescanned() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 3_000, series: 5)
            try HistoryFixtures.write(samples, to: dir, blockSize: 100) { $0.maxSegmentBytes = 3_000 }
            let first = try HistoryFixtures.segmentFiles(dir)[0]
            let url = dir.appendingPathComponent(first)
            var bytes = try HistoryFixtures.bytes(url)
            bytes.append(contentsOf: [1, 2, 3])  // the index no longer matches the segment's length
            try HistoryFixtures.write(bytes, to: url)
            let reader = try HistoryReader(directory: dir.path)
            #expect(!reader.segments[0].indexed)
            #expect(reader.segments[0].damage == [.unreadableTail(segment: url.path, offset: Int64(bytes.count - 3), length: 3)])
            #expect(sameBits(try HistoryFixtures.readAll(dir).samples, samples))
        }
    }
}
