import Foundation
import SeismoCore
@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct RecoveryTests {
    /// A small history: one segment of `blocks` blocks of 20 samples over 4 series.
    static func smallSegment(in dir: URL, blocks: Int = 4) throws -> (samples: [Sample], segment: URL, locations: [BlockLocation]) {
        let samples = HistoryFixtures.regularSamples(count: 20 * blocks, series: 4)
        try HistoryFixtures.write(samples, to: dir, blockSize: 20)
        let name = try HistoryFixtures.segmentFiles(dir)
        #expect(name.count == 1)
        let reader = try HistoryReader(directory: dir.path)
        return (samples, dir.appendingPathComponent(name[0]), reader.segments[0].blocks)
    }

    @Test func truncationAtEveryByteOffsetKeepsEveryCompleteBlock() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let source = dir.appendingPathComponent("source")
            let (samples, segment, locations) = try Self.smallSegment(in: source)
            let original = try HistoryFixtures.bytes(segment)
            #expect(locations.count == 4 && original.count == Int(locations.last!.end))
            for cut in 0...original.count {
                let copy = dir.appendingPathComponent("cut-\(cut)")
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: copy) }
                let file = copy.appendingPathComponent(segment.lastPathComponent)
                try HistoryFixtures.write(Array(original[..<cut]), to: file)

                let complete = locations.filter { $0.end <= Int64(cut) }
                let expected = Array(samples.prefix(complete.count * 20))
                // The reader: every complete block, and the cut reported as an unreadable tail.
                let (read, damage) = try HistoryFixtures.readAll(copy)
                #expect(sameBits(read, expected), "cut at \(cut)")
                // A file shorter than the segment header holds nothing at all.
                let goodEnd = complete.last?.end ?? (cut < SegmentHeader.size ? 0 : Int64(SegmentHeader.size))
                if Int64(cut) > goodEnd {
                    #expect(damage == [.unreadableTail(segment: file.path, offset: goodEnd, length: Int64(cut) - goodEnd)], "cut at \(cut)")
                } else {
                    #expect(damage.isEmpty, "cut at \(cut)")
                }

                // The writer: cuts the torn tail, counts it, continues the sequence after the last complete block.
                var configuration = HistoryFixtures.configuration(copy)
                configuration.maxBlockSamples = 20
                let (writer, recovery) = try HistoryWriter.open(configuration)
                #expect(recovery.blocksRecovered == complete.count, "cut at \(cut)")
                #expect(recovery.truncatedBytes == Int64(cut) - goodEnd, "cut at \(cut)")
                #expect(recovery.damage.isEmpty)
                #expect(recovery.nextSequence == UInt64(complete.count * 20), "cut at \(cut)")
                let more = Array(samples.suffix(20))
                try writer.append(more, labels: HistoryFixtures.labels)
                try writer.close()
                let after = try HistoryFixtures.readAll(copy)
                #expect(after.damage.isEmpty, "cut at \(cut)")
                #expect(sameBits(after.samples, expected + more), "cut at \(cut)")
                let reader = try HistoryReader(directory: copy.path)
                #expect(reader.blocks().last?.location.header.firstSequence == UInt64(complete.count * 20))
            }
        }
    }

    @Test func bitFlipsInASealedSegmentSkipOnlyTheDamagedBlock() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 800, series: 4)
            try HistoryFixtures.write(samples, to: dir, blockSize: 50) { $0.maxSegmentBytes = 1_000 }
            let reader = try HistoryReader(directory: dir.path)
            #expect(reader.segments.count >= 3)
            let sealed = reader.segments[0]
            #expect(sealed.indexed && sealed.blocks.count >= 2)
            let original = try HistoryFixtures.bytes(URL(fileURLWithPath: sealed.path))
            var rng = SplitMix64(seed: 12)
            for (victim, location) in sealed.blocks.enumerated() {
                for _ in 0..<25 {
                    // Anywhere in the block: frame header, block header or compressed body.
                    let byte = Int(location.offset) + Int.random(in: 0..<location.length, using: &rng)
                    var damaged = original
                    damaged[byte] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
                    try HistoryFixtures.write(damaged, to: URL(fileURLWithPath: sealed.path))
                    let (read, damage) = try HistoryFixtures.readAll(dir)
                    let lost = Int(location.header.firstSequence)..<Int(location.header.endSequence)
                    var expected = samples
                    expected.removeSubrange(lost)
                    #expect(sameBits(read, expected), "block \(victim), byte \(byte)")
                    #expect(damage.count == 1, "block \(victim), byte \(byte)")
                    if case let .corruptBlock(segment, offset, _) = damage.first {
                        #expect(segment == sealed.path && offset == location.offset)
                    } else {
                        Issue.record("expected a corrupt block, got \(damage)")
                    }
                    // `verify` ignores the index and walks every frame: same block, though perhaps another reason.
                    let verified = try HistoryReader(directory: dir.path).verify()
                    #expect(verified.map(Self.place) == damage.map(Self.place), "block \(victim), byte \(byte)")
                }
            }
            try HistoryFixtures.write(original, to: URL(fileURLWithPath: sealed.path))
            #expect(try HistoryReader(directory: dir.path).verify().isEmpty)
        }
    }

    /// Segment and offset of a damaged block; a walk without the index may see a damaged last block as the
    /// unreadable tail it then is.
    static func place(_ damage: HistoryError) -> String {
        switch damage {
        case let .corruptBlock(segment, offset, _), let .unreadableTail(segment, offset, _): "\(segment)@\(offset)"
        default: "\(damage)"
        }
    }

    @Test func damagedFrameHeaderWithoutAnIndexResynchronisesOnTheNextBlock() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let (samples, segment, locations) = try Self.smallSegment(in: dir, blocks: 5)
            var bytes = try HistoryFixtures.bytes(segment)
            bytes[Int(locations[1].offset) + 5] ^= 0x40  // the length field of block 1's frame header
            try HistoryFixtures.write(bytes, to: segment)
            let reader = try HistoryReader(directory: dir.path)
            #expect(!reader.segments[0].indexed)
            #expect(reader.segments[0].blocks.map(\.offset) == [0, 2, 3, 4].map { locations[$0].offset })
            guard case let .corruptBlock(_, offset, reason)? = reader.damage.first else {
                Issue.record("expected a corrupt block, got \(reader.damage)")
                return
            }
            #expect(offset == locations[1].offset && reason.contains("frame header"))
            let (read, _) = try HistoryFixtures.readAll(dir)
            #expect(sameBits(read, Array(samples[0..<20] + samples[40...])))

            // The writer keeps the damaged block in the last segment (it is not a torn tail) and appends after it.
            let (writer, recovery) = try HistoryWriter.open(HistoryFixtures.configuration(dir))
            #expect(recovery.truncatedBytes == 0 && recovery.blocksRecovered == 4)
            #expect(recovery.damage.count == 1)
            #expect(recovery.nextSequence == 100)
            try writer.close()
            #expect(try HistoryFixtures.bytes(segment) == bytes)
        }
    }

    @Test func tornTailIsCutOnReopenTheJournalRecoveredAndSequenceNumbersContinue() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 300, series: 3)
            var configuration = HistoryFixtures.configuration(dir)
            configuration.maxBlockSamples = 50
            configuration.fsync = .always
            do {
                let (writer, _) = try HistoryWriter.open(configuration)
                try writer.append(Array(samples[0..<120]), labels: HistoryFixtures.labels)
                #expect(writer.sealedSequence == 100 && writer.bufferedSamples == 20 && writer.durableSequence == 120)
                // Dropped without close, as by kill -9: the open block is only in the journal.
            }
            let segment = dir.appendingPathComponent(try HistoryFixtures.segmentFiles(dir)[0])
            let intact = try HistoryFixtures.bytes(segment)
            // A block whose write was cut short: a valid-looking start of a frame.
            var encoder = BlockEncoder(valueEncoding: .automatic, compressionLevel: 3)
            let frame = samples[100..<150].withUnsafeBufferPointer { encoder.encode($0, firstSequence: 100, labels: HistoryFixtures.labels).frame }
            try HistoryFixtures.write(intact + frame.prefix(frame.count - 7), to: segment)

            let (writer, recovery) = try HistoryWriter.open(configuration)
            #expect(recovery.truncatedBytes == Int64(frame.count - 7))
            #expect(recovery.blocksRecovered == 2)
            #expect(recovery.checkedSegment == segment.path)
            #expect(recovery.journalSamples == 20 && recovery.journalTruncatedBytes == 0 && recovery.lostSequences == nil)
            #expect(recovery.nextSequence == 120)
            #expect(Array(try HistoryFixtures.bytes(segment).prefix(intact.count)) == intact, "complete blocks are never rewritten")
            try writer.append(Array(samples[120...]), labels: HistoryFixtures.labels)
            try writer.close()
            let reader = try HistoryReader(directory: dir.path)
            #expect(reader.blocks().map(\.location.header.firstSequence) == [0, 50, 100, 120, 170, 220, 270])
            #expect(sameBits(try HistoryFixtures.readAll(dir).samples, samples))
        }
    }

    @Test(arguments: [FsyncMode.always, .interval(nanoseconds: 1_000_000), .never])
    func aDroppedWriterLosesNothingItAcceptedInAnyMode(mode: FsyncMode) throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 3_000, series: 13)
            var configuration = HistoryFixtures.configuration(dir)
            configuration.fsync = mode
            configuration.maxBlockSamples = 400
            configuration.maxSegmentBytes = 6_000
            var rng = SplitMix64(seed: 23)
            var appended = 0
            var crashes = 0
            while appended < samples.count {
                // A run of the engine: some batches, then a crash (the writer dropped unclosed) or, rarely, a close.
                let (writer, recovery) = try HistoryWriter.open(configuration)
                #expect(recovery.nextSequence == UInt64(appended))
                #expect(recovery.journalTruncatedBytes == 0 && recovery.truncatedBytes == 0)
                for _ in 0..<Int.random(in: 0...4, using: &rng) where appended < samples.count {
                    let end = min(samples.count, appended + Int.random(in: 1...200, using: &rng))
                    try writer.append(Array(samples[appended..<end]), labels: HistoryFixtures.labels)
                    appended = end
                }
                if Int.random(in: 0..<5, using: &rng) == 0 { try writer.close() } else { crashes += 1 }
            }
            #expect(crashes > 5)
            let (_, recovery) = try HistoryWriter.open(configuration)
            #expect(recovery.nextSequence == UInt64(samples.count))
            let (read, damage) = try HistoryFixtures.readAll(dir)
            #expect(damage.isEmpty)
            #expect(read.count == samples.count)
            // Samples recovered from a journal carry the ids of the run that wrote them, here the same ones.
            #expect(sameBits(read, samples))
        }
    }

    @Test func journalCutAtEveryByteOffsetRecoversEveryCompleteRecord() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let source = dir.appendingPathComponent("source")
            let samples = HistoryFixtures.regularSamples(count: 35, series: 3)
            #expect(try HistoryFixtures.appendUnclosed(samples, to: source, batch: 7) { $0.minBlockSamples = 1_000 } == 0)
            #expect(try HistoryFixtures.segmentFiles(source).isEmpty)
            let journal = try HistoryFixtures.bytes(source.appendingPathComponent(Journal.name))
            // Record ends: after the 8-byte magic, frames of 16 bytes plus a payload.
            var ends: [Int] = []
            try journal.withUnsafeBytes { raw throws in
                var position = Journal.magic.count
                while position < raw.count {
                    let frame = try #require(FrameHeader(UnsafeRawBufferPointer(rebasing: raw[position...]), magic: FrameHeader.journalMagic))
                    position += FrameHeader.size + frame.payloadLength
                    ends.append(position)
                }
            }
            #expect(ends.count == 5 && ends.last == journal.count)
            for cut in 0...journal.count {
                let copy = dir.appendingPathComponent("cut-\(cut)")
                try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: copy) }
                try HistoryFixtures.write(Array(journal[..<cut]), to: copy.appendingPathComponent(Journal.name))
                let complete = ends.filter { $0 <= cut }.count
                let goodEnd = complete > 0 ? ends[complete - 1] : (cut < Journal.magic.count ? 0 : Journal.magic.count)
                var configuration = HistoryFixtures.configuration(copy)
                configuration.minBlockSamples = 1_000
                let (writer, recovery) = try HistoryWriter.open(configuration)
                #expect(recovery.journalSamples == complete * 7, "cut at \(cut)")
                #expect(recovery.journalTruncatedBytes == Int64(cut - goodEnd), "cut at \(cut)")
                #expect(recovery.nextSequence == UInt64(complete * 7), "cut at \(cut)")
                try writer.close()
                #expect(sameBits(try HistoryFixtures.readAll(copy).samples, Array(samples.prefix(complete * 7))), "cut at \(cut)")
            }
        }
    }

    @Test func aStaleJournalAddsNoDuplicates() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 90, series: 3)
            var configuration = HistoryFixtures.configuration(dir)
            configuration.minBlockSamples = 1_000
            let (writer, _) = try HistoryWriter.open(configuration)
            try writer.append(samples, labels: HistoryFixtures.labels)
            let journalURL = dir.appendingPathComponent(Journal.name)
            let stale = try HistoryFixtures.bytes(journalURL)
            try writer.close()
            // As if the crash came after the block was written but before the journal was replaced.
            try HistoryFixtures.write(stale, to: journalURL)
            let (reopened, recovery) = try HistoryWriter.open(configuration)
            #expect(recovery.journalSamples == 0 && recovery.nextSequence == 90)
            try reopened.close()
            #expect(sameBits(try HistoryFixtures.readAll(dir).samples, samples))
        }
    }

    @Test func reopeningACleanHistoryTruncatesNothing() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 1_000, series: 5)
            try HistoryFixtures.write(samples, to: dir, blockSize: 100) { $0.maxSegmentBytes = 2_000 }
            let before = try HistoryFixtures.segmentFiles(dir)
            // Drop one sealed segment's index: reopening rebuilds it.
            let index = dir.appendingPathComponent(before[0].replacingOccurrences(of: ".sz", with: ".idx"))
            try FileManager.default.removeItem(at: index)
            let (writer, recovery) = try HistoryWriter.open(HistoryFixtures.configuration(dir))
            #expect(recovery.truncatedBytes == 0 && recovery.damage.isEmpty)
            #expect(recovery.segments == before.count && recovery.indexesRebuilt == 1)
            #expect(recovery.nextSequence == 1_000)
            try writer.close()
            #expect(FileManager.default.fileExists(atPath: index.path))
            #expect(try HistoryReader(directory: dir.path).segments[0].indexed)
        }
    }
}
