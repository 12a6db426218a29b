#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

/// Appends samples to history: buffers them into blocks, writes each sealed block to the active segment file in
/// one `pwrite`, rotates segments by size and event-time span, syncs as `FsyncMode` says, applies retention.
///
/// ```swift
/// let (writer, recovery) = try HistoryWriter.open(HistoryConfiguration(directory: "data"))
/// try writer.append(batch) { id in registry.labels(of: id) }   // labels asked once per new series
/// try writer.close()
/// ```
///
/// Every appended sample gets the next sequence number; numbers continue across restarts. Three watermarks
/// say where samples are: `nextSequence` (appended), `writtenSequence` (handed to the kernel, survives a process
/// crash), `durableSequence` (synced, survives a machine crash). Single-threaded: the engine's evaluation thread
/// owns it. After an I/O error the file is cut back to its last complete block and every further call rethrows
/// that error; reopening recovers. Dropping the writer without `close()` loses the open block, as a crash would.
public final class HistoryWriter {
    public let configuration: HistoryConfiguration
    public private(set) var statistics = HistoryWriterStatistics()
    /// Samples below this sequence number are in blocks written to a segment file.
    public private(set) var writtenSequence: UInt64
    /// Samples below this sequence number were synced to stable storage.
    public private(set) var durableSequence: UInt64
    /// The sequence number the next appended sample gets.
    public var nextSequence: UInt64 { writtenSequence + UInt64(open.count) }
    /// Samples in the open block, not yet written.
    public var bufferedSamples: Int { open.count }

    private let directory: Directory
    private let clock: () -> UInt64
    private var encoder: BlockEncoder
    /// Labels of every series seen, by `SeriesID.index`.
    private var labels: [SeriesLabels?] = []
    private var open: [Sample] = []
    /// Distinct series in the open block, counted with `openMark`: series `i` is in it when
    /// `openMark[i] == openGeneration`.
    private var openSeries = 0
    private var openMark: [UInt32] = []
    private var openGeneration: UInt32 = 1
    /// The open block is sealed when it reaches this many samples; see `HistoryConfiguration.minBlockSamples`.
    private var sealAt = 0
    /// Monotonic time of the open block's first sample.
    private var openSince: UInt64 = 0
    private var active: ActiveSegment?
    private var sealed: [SealedSegment] = []
    /// Bytes of the sealed segments and their indexes.
    private var sealedBytes: Int64 = 0
    private var newestTime = Int64.min
    private var lastSync: UInt64
    /// A segment or index file was created, renamed or removed since the directory was last synced.
    private var directoryDirty = false
    private var failure: HistoryError?
    private var closed = false

    /// Opens (or creates) the history in `configuration.directory`: checks the last segment block by block,
    /// cuts a torn tail, gives sealed segments without a valid index one, applies retention, and continues the
    /// sequence numbers. `clock` is the monotonic clock in ns (for block delay and sync interval; tests pass their own).
    public static func open(
        _ configuration: HistoryConfiguration, clock: @escaping () -> UInt64 = Timestamp.monotonic
    ) throws(HistoryError) -> (writer: HistoryWriter, recovery: RecoveryReport) {
        let writer = try HistoryWriter(configuration: configuration, clock: clock)
        var report = RecoveryReport()
        try writer.recover(into: &report)
        return (writer, report)
    }

    private init(configuration: HistoryConfiguration, clock: @escaping () -> UInt64) throws(HistoryError) {
        precondition(configuration.maxBlockSamples >= 1, "HistoryConfiguration: maxBlockSamples must be at least 1")
        precondition(
            configuration.minBlockSamples >= 0 && configuration.samplesPerSeries >= 0,
            "HistoryConfiguration: minBlockSamples and samplesPerSeries cannot be negative"
        )
        precondition(
            configuration.maxBlockSamples <= BlockHeader.maxSamples,
            "HistoryConfiguration: maxBlockSamples must be at most \(BlockHeader.maxSamples)"
        )
        if case let .interval(ns) = configuration.fsync {
            precondition(ns >= 0, "HistoryConfiguration: the fsync interval cannot be negative")
        }
        self.configuration = configuration
        self.clock = clock
        directory = Directory(path: configuration.directory)
        encoder = BlockEncoder(valueEncoding: configuration.valueEncoding, compressionLevel: configuration.compressionLevel)
        writtenSequence = 0
        durableSequence = 0
        lastSync = clock()
        open.reserveCapacity(min(configuration.maxBlockSamples, max(configuration.minBlockSamples, 1)))
        try directory.create()
    }

    // MARK: Appending

    /// Appends `samples` (in arrival order) to the open block, writing blocks as they fill up. `labels` is asked
    /// for the labels of each series id the writer has not seen before (once per id and writer).
    public func append(_ samples: UnsafeBufferPointer<Sample>, labels labelsOf: (SeriesID) -> SeriesLabels) throws(HistoryError) {
        try checkUsable()
        for sample in samples {
            let index = sample.series.index
            if index >= labels.count {
                labels.append(contentsOf: repeatElement(nil, count: index - labels.count + 1))
                openMark.append(contentsOf: repeatElement(0, count: index - openMark.count + 1))
            }
            if labels[index] == nil { labels[index] = labelsOf(sample.series) }
            if open.isEmpty {
                openSince = clock()
                sealAt = min(configuration.maxBlockSamples, max(configuration.minBlockSamples, 1))
            }
            if openMark[index] != openGeneration {
                openMark[index] = openGeneration
                openSeries += 1
                let (wanted, overflow) = openSeries.multipliedReportingOverflow(by: configuration.samplesPerSeries)
                sealAt = min(configuration.maxBlockSamples, max(sealAt, overflow ? .max : wanted))
            }
            open.append(sample)
            if open.count >= sealAt { try writeOpenBlock() }
        }
        if !open.isEmpty, clock() &- openSince >= UInt64(max(configuration.maxBlockDelay, 0)) { try writeOpenBlock() }
    }

    /// Appends `samples`; see `append(_:labels:)`.
    public func append(_ samples: [Sample], labels labelsOf: (SeriesID) -> SeriesLabels) throws(HistoryError) {
        let result = samples.withUnsafeBufferPointer { buffer in
            Result { () throws(HistoryError) in try append(buffer, labels: labelsOf) }
        }
        try result.get()
    }

    /// Writes the open block now (if any), syncing as the fsync mode says.
    public func flush() throws(HistoryError) {
        try checkUsable()
        try writeOpenBlock()
        if case .interval = configuration.fsync { try syncIfDue() }
    }

    /// For an idle engine to call now and then: writes the open block once it is `maxBlockDelay` old, and
    /// syncs once the fsync interval has passed.
    public func flushIfDue() throws(HistoryError) {
        try checkUsable()
        if !open.isEmpty, clock() &- openSince >= UInt64(max(configuration.maxBlockDelay, 0)) { try writeOpenBlock() }
        if case .interval = configuration.fsync { try syncIfDue() }
    }

    /// Writes the open block and syncs, whatever the fsync mode: everything appended so far becomes durable.
    public func sync() throws(HistoryError) {
        try checkUsable()
        try writeOpenBlock()
        try syncNow()
    }

    /// Writes the open block, syncs (unless the mode is `.never`) and closes the segment file. Further calls trap.
    public func close() throws(HistoryError) {
        try checkUsable()
        try writeOpenBlock()
        if configuration.fsync != .never { try syncNow() }
        active = nil
        closed = true
    }

    private func checkUsable() throws(HistoryError) {
        precondition(!closed, "HistoryWriter: used after close()")
        if let failure { throw failure }
    }

    // MARK: Blocks and segments

    private func writeOpenBlock() throws(HistoryError) {
        guard !open.isEmpty else { return }
        let first = writtenSequence
        let encoded = open.withUnsafeBufferPointer { samples in
            encoder.encode(samples, firstSequence: first, labels: { labels[$0.index]! })
        }
        try place(encoded.frame, header: encoded.header)
        open.removeAll(keepingCapacity: true)
        openSeries = 0
        openGeneration &+= 1
        if openGeneration == 0 {
            // Wrapped after 4 billion blocks: clear the marks so no stale one matches.
            for i in openMark.indices { openMark[i] = 0 }
            openGeneration = 1
        }
    }

    /// Appends a frame to the active segment, rotating first when it is full or would span too long.
    private func place(_ frame: [UInt8], header: BlockHeader) throws(HistoryError) {
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
        writtenSequence = header.endSequence
        newestTime = max(newestTime, header.maxTime)
        statistics.blocksWritten += 1
        statistics.samplesWritten += UInt64(header.sampleCount)
        statistics.bytesWritten += UInt64(frame.count)
        switch configuration.fsync {
        case .always: try syncNow()
        case .interval: try syncIfDue()
        case .never: break
        }
        // After every block, as it moves the age horizon; O(1) unless something expires.
        try applyRetention()
    }

    private func createSegment(firstSequence: UInt64) throws(HistoryError) -> ActiveSegment {
        let name = SegmentName.segment(firstSequence)
        let file = try FileDescriptor(opening: directory.file(name), flags: O_RDWR | O_CREAT | O_EXCL)
        let header = SegmentHeader.encoded(firstSequence: firstSequence)
        try file.write(header, at: 0)
        directoryDirty = true
        statistics.segmentsCreated += 1
        statistics.bytesWritten += UInt64(header.count)
        let segment = ActiveSegment(file: file, name: name, firstSequence: firstSequence, length: Int64(header.count), blocks: [])
        active = segment
        return segment
    }

    /// Syncs the active segment, writes its index file, and forgets it.
    private func sealActive() throws(HistoryError) {
        guard let segment = active else { return }
        let syncing = configuration.fsync != .never
        if syncing { try syncNow() }
        let index = SegmentIndex(segmentLength: segment.length, blocks: segment.blocks).encoded()
        let indexName = SegmentName.index(segment.firstSequence)
        let temporary = indexName + ".tmp"
        do {
            let file = try FileDescriptor(opening: directory.file(temporary), flags: O_WRONLY | O_CREAT | O_TRUNC)
            try file.write(index, at: 0)
            if syncing { try file.sync() }
        }
        try directory.rename(temporary, to: indexName)
        directoryDirty = true
        sealed.append(SealedSegment(
            firstSequence: segment.firstSequence, bytes: segment.length + Int64(index.count), maxTime: segment.maxTime
        ))
        sealedBytes += segment.length + Int64(index.count)
        active = nil
    }

    /// Deletes whole sealed segments, oldest first, while they fall outside the retention policy.
    private func applyRetention() throws(HistoryError) {
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
            try directory.remove(SegmentName.index(oldest.firstSequence))
            try directory.remove(SegmentName.segment(oldest.firstSequence))
            sealed.removeFirst()
            sealedBytes -= oldest.bytes
            total -= oldest.bytes
            directoryDirty = true
            statistics.segmentsRemoved += 1
        }
    }

    private func syncIfDue() throws(HistoryError) {
        guard case let .interval(interval) = configuration.fsync else { return }
        guard writtenSequence > durableSequence || directoryDirty else { return }
        if clock() &- lastSync >= UInt64(interval) { try syncNow() }
    }

    private func syncNow() throws(HistoryError) {
        do throws(HistoryError) {
            try active?.file.sync()
            if directoryDirty {
                try directory.sync()
                directoryDirty = false
            }
        } catch {
            // After a failed fsync the kernel may have dropped the dirty pages: nothing written since the last
            // good sync can be trusted, so stop rather than report it durable later.
            failure = error
            throw error
        }
        lastSync = clock()
        durableSequence = writtenSequence
        statistics.syncs += 1
    }

    // MARK: Recovery

    private func recover(into report: inout RecoveryReport) throws(HistoryError) {
        let names = try directory.list()
        for name in names where name.hasPrefix(SegmentName.prefix) && name.hasSuffix(".tmp") {
            try directory.remove(name)
        }
        let segments = names.compactMap { name in SegmentName.sequence(ofSegment: name) }.sorted()
        report.segments = segments.count
        var next: UInt64 = 0
        for first in segments.dropLast() {
            let reader = try SegmentReader(directory: directory, name: SegmentName.segment(first))
            var bytes = reader.fileSize
            if !reader.indexed, reader.damage.isEmpty {
                let index = SegmentIndex(segmentLength: reader.fileSize, blocks: reader.blocks).encoded()
                let indexName = SegmentName.index(first)
                do {
                    let file = try FileDescriptor(opening: directory.file(indexName + ".tmp"), flags: O_WRONLY | O_CREAT | O_TRUNC)
                    try file.write(index, at: 0)
                    try file.sync()
                }
                try directory.rename(indexName + ".tmp", to: indexName)
                directoryDirty = true
                report.indexesRebuilt += 1
            }
            bytes += directory.size(of: SegmentName.index(first)) ?? 0
            sealed.append(SealedSegment(firstSequence: first, bytes: bytes, maxTime: reader.timeRange?.upperBound))
            sealedBytes += bytes
            if let high = reader.timeRange?.upperBound { newestTime = max(newestTime, high) }
            next = max(next, reader.endSequence)
        }
        if let last = segments.last {
            let name = SegmentName.segment(last)
            let file = try FileDescriptor(opening: directory.file(name), flags: O_RDWR)
            let scan = try SegmentScan(file, checkPayloads: true)
            report.checkedSegment = directory.file(name)
            report.blocksRecovered = scan.blocks.count
            report.damage = scan.damageBeforeTail
            var length = scan.goodEnd
            if scan.fileSize < Int64(SegmentHeader.size) {
                // The segment's creation was cut short: give it its header, as creating it would have.
                try file.truncate(to: 0)
                try file.write(SegmentHeader.encoded(firstSequence: last), at: 0)
                report.truncatedBytes = scan.fileSize
                length = Int64(SegmentHeader.size)
            } else if scan.fileSize > scan.goodEnd {
                try file.truncate(to: scan.goodEnd)
                report.truncatedBytes = scan.fileSize - scan.goodEnd
            }
            // What was recovered counts as durable from here on, so make it so.
            try file.sync()
            // Appending makes an index of this segment stale; sealing it again writes a new one.
            try directory.remove(SegmentName.index(last))
            if let high = scan.blocks.map(\.header.maxTime).max() { newestTime = max(newestTime, high) }
            next = max(next, last, scan.blocks.last?.header.endSequence ?? 0)
            active = ActiveSegment(file: file, name: name, firstSequence: last, length: length, blocks: scan.blocks)
        }
        writtenSequence = next
        durableSequence = next
        report.nextSequence = next
        let removedBefore = statistics.segmentsRemoved
        try applyRetention()
        report.segmentsRemoved = statistics.segmentsRemoved - removedBefore
        statistics.segmentsRemoved = removedBefore
        if directoryDirty { try directory.sync() }
        directoryDirty = false
    }
}
