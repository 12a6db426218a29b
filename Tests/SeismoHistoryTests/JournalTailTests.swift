import Foundation
import SeismoCore
@testable import SeismoHistory
import SeismoTestSupport
import Testing

@Suite struct JournalTailTests {
    /// 50 samples over 3 series appended five at a time with blocks of 20, the writer then dropped unclosed (a killed
    /// run): two blocks written, the last 10 samples in the journal only.
    static func killedWriter(in dir: URL) throws -> [Sample] {
        let samples = HistoryFixtures.regularSamples(count: 50, series: 3)
        try HistoryFixtures.appendUnclosed(samples, to: dir, batch: 5) { $0.maxBlockSamples = 20 }
        return samples
    }

    /// Export writes the journal's samples after the blocks', as the same lines, and only when handed the journal.
    @Test(arguments: [HistoryExportFormat.influx, .csv, .prometheus])
    func exportWritesTheJournalAfterTheBlocks(format: HistoryExportFormat) throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            _ = try Self.killedWriter(in: dir.appendingPathComponent("killed"))
            let closed = dir.appendingPathComponent("closed")
            try HistoryFixtures.write(HistoryFixtures.regularSamples(count: 50, series: 3), to: closed, blockSize: 20)
            let exporter = HistoryExporter(format: format)
            func export(_ directory: URL, journal: Bool) throws -> (text: String, summary: HistoryExporter.Summary) {
                let reader = try HistoryReader(directory: directory.path)
                var text: [UInt8] = []
                let summary = exporter.export(from: reader, journal: journal ? try reader.journalTail() : nil) { text += $0 }
                return (String(decoding: text, as: UTF8.self), summary)
            }
            let withJournal = try export(dir.appendingPathComponent("killed"), journal: true)
            let blocksOnly = try export(dir.appendingPathComponent("killed"), journal: false)
            let reference = try export(closed, journal: true)
            #expect(withJournal.summary.samples == 50 && blocksOnly.summary.samples == 40)
            #expect(withJournal.text == reference.text)
            #expect(withJournal.text.hasPrefix(blocksOnly.text))
        }
    }

    /// A writer dropped unclosed (a killed run) leaves the samples after its last block in the journal: the reader's
    /// journal tail is exactly those, numbered on from the blocks, with their labels, and reading it changes nothing.
    @Test func aKilledWritersTailIsWhatItsBlocksDoNotHold() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = try Self.killedWriter(in: dir)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            let journal = try HistoryFixtures.bytes(dir.appendingPathComponent(Journal.name))

            let reader = try HistoryReader(directory: dir.path)
            #expect(reader.endSequence == 40)
            let tail = try reader.journalTail()
            #expect(tail.firstSequence == 40 && tail.lostSequences == nil && tail.unreadableBytes == 0)
            #expect(sameBits(tail.samples, Array(samples[40...])))
            #expect(tail.samples.allSatisfy { tail.labels[$0.series.rawValue] == HistoryFixtures.labels($0.series) })
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == files)
            #expect(try HistoryFixtures.bytes(dir.appendingPathComponent(Journal.name)) == journal)
        }
    }

    /// A journal that begins after the blocks end (as when a live writer wrote more blocks after the reader listed
    /// them): the sequence numbers in between are reported, not invented; a record cut short at the end is counted
    /// as unreadable bytes; and records the blocks already hold are skipped.
    @Test func aGapATornRecordAndOverlapAreHandled() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let samples = HistoryFixtures.regularSamples(count: 30, series: 2)
            try HistoryFixtures.appendUnclosed(samples, to: dir, batch: 5) { $0.maxBlockSamples = 20 }
            let url = dir.appendingPathComponent(Journal.name)
            try HistoryFixtures.write(try HistoryFixtures.bytes(url) + [0x53, 0x5A, 0x4A], to: url)
            let (records, unreadable) = try Journal.records(in: Directory(path: dir.path))
            #expect(unreadable == 3)
            let fromStart = JournalTail(records: records, after: 0, unreadableBytes: unreadable)
            #expect(fromStart.firstSequence == 20 && fromStart.lostSequences == 0..<20 && fromStart.unreadableBytes == 3)
            #expect(sameBits(fromStart.samples, Array(samples[20...])))
            let fromBlocks = try HistoryReader(directory: dir.path).journalTail()
            #expect(fromBlocks.firstSequence == 20 && fromBlocks.lostSequences == nil)
            let overlapping = JournalTail(records: records, after: 27, unreadableBytes: 0)
            #expect(overlapping.firstSequence == 27 && sameBits(overlapping.samples, Array(samples[27...])))
        }
    }
}
