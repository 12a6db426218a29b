import Foundation
import SeismoCore
import Testing

@testable import SeismoIngest

/// `LineReader` splitting a file into lines, and marking the chunks it has checked to be plain ASCII.
@Suite struct LineReaderTests {
    /// What a sink saw: each line's text, number and whether the reader vouched for its bytes.
    struct Recorder: LineSink {
        var lines: [(text: String, number: UInt64, plainText: Bool)] = []
        var tooLong: [UInt64] = []
        mutating func line(_ bytes: UnsafeRawBufferPointer, number: UInt64, plainText: Bool) {
            lines.append((String(decoding: bytes, as: UTF8.self), number, plainText))
        }
        mutating func tooLong(head: UnsafeRawBufferPointer, number: UInt64) { tooLong.append(number) }
    }

    /// Reads `text` from a temporary file through a reader with `chunkSize`-byte reads.
    func read(_ text: [UInt8], chunkSize: Int, maxLineLength: Int = 64) throws -> Recorder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("linereader-\(UUID().uuidString)")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let reader = LineReader(fd: fd, maxLineLength: maxLineLength, chunkSize: chunkSize)
        var recorder = Recorder()
        while reader.pump(into: &recorder) != .endOfInput {}
        return recorder
    }

    /// Lines come out whole and numbered whatever the read size, and a line holding a non-ASCII or NUL byte is
    /// never vouched for (the ingestor then checks it itself); plain input is vouched for throughout.
    @Test func linesWithOtherBytesAreNotVouchedFor() throws {
        let lines: [[UInt8]] = [Array("cpu value=1".utf8), Array("température value=2".utf8), [0x61, 0x00, 0x62], Array("mem value=3".utf8)]
        let text: [UInt8] = lines.flatMap { $0 + [0x0A] }
        for chunkSize in [1, 5, 12, 64, 4096] {
            let seen = try read(text, chunkSize: chunkSize)
            #expect(seen.lines.map { $0.number } == [1, 2, 3, 4], "chunk \(chunkSize)")
            #expect(seen.lines.map { Array($0.text.utf8) } == lines, "chunk \(chunkSize)")
            #expect(!seen.lines[1].plainText && !seen.lines[2].plainText, "chunk \(chunkSize)")
        }
        #expect(try read(Array("a\nb\nc".utf8), chunkSize: 4096).lines.map { $0.plainText } == [true, true, true])
    }

    /// The check is per read: the lines of a read holding a non-ASCII byte all go unvouched, and once the buffer
    /// has run empty the next read is vouched for again.
    @Test func aCleanReadAfterADirtyOneIsVouchedFor() throws {
        // The first read fills the whole 64-byte buffer (chunk + longest line + 1) and ends on a newline.
        let maxLineLength = 48
        let first = Array("température value=2\n".utf8)
        let padding = String(repeating: "x", count: 64 - first.count - "cpu,host= value=1\n".utf8.count)
        let second = Array("cpu,host=\(padding) value=1\n".utf8)
        #expect(first.count + second.count == 64)
        let seen = try read(first + second + Array("mem value=3\n".utf8), chunkSize: 64 - maxLineLength - 1, maxLineLength: maxLineLength)
        #expect(seen.lines.map { $0.number } == [1, 2, 3])
        #expect(seen.lines.map { $0.plainText } == [false, false, true])
    }

    /// An over-long line is reported once and skipped; the lines around it keep their numbers.
    @Test func overLongLinesAreSkipped() throws {
        let text = Array("short\n\(String(repeating: "x", count: 100))\nafter\n".utf8)
        let seen = try read(text, chunkSize: 16, maxLineLength: 20)
        #expect(seen.lines.map { $0.text } == ["short", "after"])
        #expect(seen.lines.map { $0.number } == [1, 3])
        #expect(seen.tooLong == [2])
    }
}
