/// The segment file the writer appends to, with what it has written there.
final class ActiveSegment {
    let file: FileDescriptor
    let firstSequence: UInt64
    let name: String
    /// Bytes in the file; the next block is written here.
    var length: Int64
    var blocks: [BlockLocation]

    init(file: consuming FileDescriptor, name: String, firstSequence: UInt64, length: Int64, blocks: [BlockLocation]) {
        self.file = file
        self.name = name
        self.firstSequence = firstSequence
        self.length = length
        self.blocks = blocks
    }

    var minTime: Int64? { blocks.map(\.header.minTime).min() }
    var maxTime: Int64? { blocks.map(\.header.maxTime).max() }

    /// Whether appending `header`'s block would stretch the segment over more than `span` ns of event time.
    func wouldSpan(moreThan span: Int64, with header: BlockHeader) -> Bool {
        guard let low = minTime, let high = maxTime else { return false }
        let (width, overflow) = max(high, header.maxTime).subtractingReportingOverflow(min(low, header.minTime))
        return overflow || width > span
    }
}
