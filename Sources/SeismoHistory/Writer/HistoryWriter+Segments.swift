#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

extension HistoryWriter {
    /// Encodes the open block, writes it, and starts a new open block.
    func writeOpenBlock() throws(HistoryError) {
        guard !open.isEmpty else { return }
        let first = sealedSequence
        let encoded = open.withUnsafeBufferPointer { samples in
            encoder.encode(samples, firstSequence: first, labels: { labels[$0.index]! })
        }
        try place(encoded.frame, header: encoded.header)
        open.removeAll(keepingCapacity: true)
        openSeries.removeAll(keepingCapacity: true)
        openGeneration &+= 1
        if openGeneration == 0 {
            // Wrapped after 4 billion blocks: clear the marks so no stale one matches.
            for i in openMark.indices { openMark[i] = 0 }
            openGeneration = 1
        }
    }

    /// Appends a framed block to the active segment, rotating first when it is full or would span too long.
    /// Not synced here: the journal still holds the block's samples until `resetJournal` syncs it.
    func place(_ frame: [UInt8], header: BlockHeader) throws(HistoryError) {
        if let segment = active, !segment.blocks.isEmpty,
           segment.length + Int64(frame.count) > configuration.maxSegmentBytes
            || segment.wouldSpan(moreThan: configuration.maxSegmentSpan, with: header) {
            try sealActive()
        }
        let segment: ActiveSegment
        if let existing = active {
            segment = existing
        } else {
            segment = try createSegment(firstSequence: header.firstSequence)
        }
        do throws(HistoryError) {
            try segment.file.write(frame, at: segment.length)
        } catch {
            // Leave no partial frame behind; if even that fails, reopening will cut it.
            try? segment.file.truncate(to: segment.length)
            failure = error
            throw error
        }
        segment.blocks.append(BlockLocation(offset: segment.length, length: frame.count, header: header))
        segment.length += Int64(frame.count)
        sealedSequence = header.endSequence
        newestTime = max(newestTime, header.maxTime)
        statistics.blocksWritten += 1
        statistics.samplesWritten += UInt64(header.sampleCount)
        statistics.bytesWritten += UInt64(frame.count)
        // After every block, as it moves the age horizon; O(1) unless something expires.
        try applyRetention()
    }

    private func createSegment(firstSequence: UInt64) throws(HistoryError) -> ActiveSegment {
        let name = SegmentName.segment(firstSequence)
        var created: ActiveSegment?
        try guarded { () throws(HistoryError) in
            let file = try FileDescriptor(opening: directory.file(name), flags: O_RDWR | O_CREAT | O_EXCL)
            let header = SegmentHeader.encoded(firstSequence: firstSequence)
            try file.write(header, at: 0)
            statistics.bytesWritten += UInt64(header.count)
            created = ActiveSegment(file: file, name: name, firstSequence: firstSequence, length: Int64(header.count), blocks: [])
        }
        directoryDirty = true
        statistics.segmentsCreated += 1
        active = created
        return created!
    }

    /// Syncs the active segment, writes its index file, and forgets it.
    func sealActive() throws(HistoryError) {
        guard let segment = active else { return }
        let syncing = configuration.fsync != .never
        let index = SegmentIndex(segmentLength: segment.length, blocks: segment.blocks).encoded()
        try guarded { () throws(HistoryError) in
            if syncing { try segment.file.sync() }
            try writeIndex(index, firstSequence: segment.firstSequence, sync: syncing)
        }
        sealed.append(SealedSegment(
            firstSequence: segment.firstSequence, bytes: segment.length + Int64(index.count), maxTime: segment.maxTime
        ))
        sealedBytes += segment.length + Int64(index.count)
        active = nil
    }

    /// Writes `seg-<first>.idx` through a temporary file and a rename, so a reader never sees half an index.
    func writeIndex(_ index: [UInt8], firstSequence: UInt64, sync: Bool) throws(HistoryError) {
        let name = SegmentName.index(firstSequence)
        let file = try FileDescriptor(opening: directory.file(name + ".tmp"), flags: O_WRONLY | O_CREAT | O_TRUNC)
        try file.write(index, at: 0)
        if sync { try file.sync() }
        try directory.rename(name + ".tmp", to: name)
        directoryDirty = true
    }

    /// Deletes whole sealed segments, oldest first, while they fall outside the retention policy.
    func applyRetention() throws(HistoryError) {
        let policy = configuration.retention
        guard policy.maxAge != nil || policy.maxBytes != nil else { return }
        var total = sealedBytes + (active?.length ?? 0)
        while let oldest = sealed.first {
            var expired = false
            if let maxAge = policy.maxAge, newestTime != .min {
                let (horizon, overflow) = newestTime.subtractingReportingOverflow(maxAge)
                if !overflow { expired = (oldest.maxTime ?? .min) < horizon }
            }
            if let maxBytes = policy.maxBytes, total > maxBytes { expired = true }
            guard expired else { break }
            try guarded { () throws(HistoryError) in
                try directory.remove(SegmentName.index(oldest.firstSequence))
                try directory.remove(SegmentName.segment(oldest.firstSequence))
            }
            sealed.removeFirst()
            sealedBytes -= oldest.bytes
            total -= oldest.bytes
            directoryDirty = true
            statistics.segmentsRemoved += 1
        }
    }
}
