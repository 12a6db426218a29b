/// Turns byte offsets into line and column numbers for one piece of text.
struct LineIndex: Sendable {
    /// Offsets of the first byte of each line; the first is 0.
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The position of byte `offset` (which may be the end of the text). O(log lines).
    func position(at offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1, offset: offset)
    }

    /// The range of bytes `start..<end`.
    func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: position(at: start), end: position(at: end))
    }
}
