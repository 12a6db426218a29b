#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

extension HistoryWriter {
    /// Brings the directory to a state the writer can append to; see `open`.
    func recover(into report: inout RecoveryReport) throws(HistoryError) {
        // `.never` means never: a repaired file is left to the kernel like everything else.
        let syncing = configuration.fsync != .never
        let names = try directory.list()
        for name in names where name.hasSuffix(".tmp") && (name.hasPrefix(SegmentName.prefix) || name.hasPrefix(Journal.name)) {
            try directory.remove(name)
        }
        let segments = names.compactMap { name in SegmentName.sequence(ofSegment: name) }.sorted()
        report.segments = segments.count
        var next: UInt64 = 0
        for first in segments.dropLast() {
            next = max(next, try recoverSealed(first, syncing: syncing, into: &report))
        }
        if let last = segments.last {
            next = max(next, try recoverLast(last, syncing: syncing, into: &report))
        }
        sealedSequence = next

        // The journal: samples past the last block are the open block the previous run did not write.
        let tail = try JournalTail.read(in: directory, after: next)
        report.journalTruncatedBytes = tail.unreadableBytes
        report.lostSequences = tail.lostSequences
        sealedSequence = tail.firstSequence
        let known = tail.labels
        let recovered = tail.samples
        if !recovered.isEmpty {
            // Ids of the previous run mean other series in this one: write its samples as blocks of their own,
            // and make them durable before the journal that holds them is replaced.
            report.journalSamples = recovered.count
            var start = 0
            while start < recovered.count {
                let end = min(start + configuration.maxBlockSamples, recovered.count)
                let first = sealedSequence
                let encoded = recovered[start..<end].withUnsafeBufferPointer { chunk in
                    encoder.encode(chunk, firstSequence: first, labels: { known[$0.rawValue]! })
                }
                try place(encoded.frame, header: encoded.header)
                start = end
            }
            if syncing {
                try active?.file.sync()
                try directory.sync()
            }
        }
        journal = try Journal(creatingIn: directory, with: nil, sync: syncing)
        report.nextSequence = sealedSequence
        durableSequence = sealedSequence
        let removedBefore = statistics.segmentsRemoved
        try applyRetention()
        report.segmentsRemoved = statistics.segmentsRemoved - removedBefore
        statistics = HistoryWriterStatistics()
        if syncing {
            try directory.sync()
            directoryDirty = false
        }
    }

    /// Notes a sealed segment for retention, writing its index if it has none; returns its end sequence.
    private func recoverSealed(_ first: UInt64, syncing: Bool, into report: inout RecoveryReport) throws(HistoryError) -> UInt64 {
        let reader = try SegmentReader(directory: directory, name: SegmentName.segment(first))
        if !reader.indexed, reader.damage.isEmpty {
            let index = SegmentIndex(segmentLength: reader.fileSize, blocks: reader.blocks).encoded()
            try writeIndex(index, firstSequence: first, sync: syncing)
            report.indexesRebuilt += 1
        }
        let bytes = reader.fileSize + (directory.size(of: SegmentName.index(first)) ?? 0)
        sealed.append(SealedSegment(firstSequence: first, bytes: bytes, maxTime: reader.timeRange?.upperBound))
        sealedBytes += bytes
        if let high = reader.timeRange?.upperBound { newestTime = max(newestTime, high) }
        return reader.endSequence
    }

    /// Checks the last segment block by block, cuts its torn tail, and makes it the active segment; returns the
    /// sequence number after its last block.
    private func recoverLast(_ first: UInt64, syncing: Bool, into report: inout RecoveryReport) throws(HistoryError) -> UInt64 {
        let name = SegmentName.segment(first)
        let file = try FileDescriptor(opening: directory.file(name), flags: O_RDWR)
        let scan = try SegmentScan(file, checkPayloads: true)
        // Blocks of another format version are not a torn tail: refuse rather than cut them off.
        if let foreign = scan.foreignBlock { throw foreign }
        report.checkedSegment = directory.file(name)
        report.blocksRecovered = scan.blocks.count
        report.damage = scan.damageBeforeTail
        var length = scan.goodEnd
        if scan.fileSize < Int64(SegmentHeader.size) {
            // The segment's creation was cut short: give it its header, as creating it would have.
            try file.truncate(to: 0)
            try file.write(SegmentHeader.encoded(firstSequence: first), at: 0)
            report.truncatedBytes = scan.fileSize
            length = Int64(SegmentHeader.size)
        } else if scan.fileSize > scan.goodEnd {
            try file.truncate(to: scan.goodEnd)
            report.truncatedBytes = scan.fileSize - scan.goodEnd
        }
        // What was recovered counts as durable from here on, so make it so.
        if syncing { try file.sync() }
        // Appending makes an index of this segment stale; sealing it again writes a new one.
        try directory.remove(SegmentName.index(first))
        if let high = scan.blocks.map(\.header.maxTime).max() { newestTime = max(newestTime, high) }
        active = ActiveSegment(file: file, name: name, firstSequence: first, length: length, blocks: scan.blocks)
        return max(first, scan.blocks.last?.header.endSequence ?? 0)
    }
}
