import Foundation
import SeismoCore
@testable import SeismoHistory
import SeismoTestSupport
import Testing

/// Blocks of another format version (older segments) are refused by name, never misread, cut or appended to.
@Suite struct FormatVersionTests {
    /// Rewrites every block of `segment` as format `version`, with valid checksums: what an older Seismo wrote.
    static func restamp(_ segment: URL, locations: [BlockLocation], version: UInt8) throws {
        var bytes = try HistoryFixtures.bytes(segment)
        for location in locations {
            let start = Int(location.offset)
            var payload = Array(bytes[(start + FrameHeader.size)..<Int(location.end)])
            payload[0] = version
            bytes.replaceSubrange(start..<Int(location.end), with: FrameHeader.frame(payload, magic: FrameHeader.blockMagic))
        }
        try HistoryFixtures.write(bytes, to: segment)
    }

    @Test func blocksOfAnotherVersionAreReportedWithTheirVersionAndTheWriterRefusesThem() throws {
        try SeismoProcess.withTemporaryDirectory { dir in
            let (_, segment, locations) = try RecoveryTests.smallSegment(in: dir)
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(SegmentName.index(0)))
            try Self.restamp(segment, locations: locations, version: 1)
            let before = try HistoryFixtures.bytes(segment)

            let (samples, damage) = try HistoryFixtures.readAll(dir)
            #expect(samples.isEmpty)
            #expect(damage.count == locations.count)
            for (error, location) in zip(damage, locations) {
                guard case let .corruptBlock(path, offset, reason) = error else {
                    Issue.record("expected a corrupt block, got \(error)")
                    continue
                }
                #expect(path == segment.path && offset == location.offset)
                #expect(reason.contains("block format version 1") && reason.contains("reads version \(BlockHeader.currentVersion)"))
            }
            #expect(try HistoryReader(directory: dir.path).verify().count == locations.count)

            #expect(throws: HistoryError.self) { _ = try HistoryWriter.open(HistoryFixtures.configuration(dir)) }
            #expect(try HistoryFixtures.bytes(segment) == before, "the refused segment is left as it was")
        }
    }
}
