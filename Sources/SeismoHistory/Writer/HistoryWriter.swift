#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SeismoCore

/// Appends samples to history: journals each batch, buffers samples into blocks, writes each sealed block to the
/// active segment in one `pwrite`, rotates segments by size and event-time span, syncs as `FsyncMode` says, and
/// applies retention.
///
/// ```swift
/// let (writer, recovery) = try HistoryWriter.open(HistoryConfiguration(directory: "data"))
/// try writer.append(batch) { id in registry.labels(of: id) }   // labels asked once per new series
/// try writer.close()
/// ```
///
/// Every appended sample gets the next sequence number; numbers continue across restarts. Watermarks:
/// `nextSequence` (appended, and journaled: survives a process crash), `sealedSequence` (in blocks in segment
/// files, visible to readers), `durableSequence` (synced: survives a machine crash). Single-threaded: the
/// engine's evaluation thread owns it. After an I/O error every further call rethrows that error; reopening
/// recovers. Dropping the writer without `close()` is a crash as far as the files go: the next `open` recovers
/// the open block from the journal.
public final class HistoryWriter {
    public let configuration: HistoryConfiguration
    public internal(set) var statistics = HistoryWriterStatistics()
    /// Samples below this sequence number are in blocks in segment files.
    public internal(set) var sealedSequence: UInt64 = 0
    /// Samples below this sequence number were synced to stable storage (journal or blocks).
    public internal(set) var durableSequence: UInt64 = 0
    /// The sequence number the next appended sample gets.
    public var nextSequence: UInt64 { sealedSequence + UInt64(open.count) }
    /// Samples in the open block, not yet in a segment (but in the journal).
    public var bufferedSamples: Int { open.count }

    let directory: Directory
    let clock: () -> UInt64
    var encoder: BlockEncoder
    var journal: Journal?
    /// Labels of every series seen, by `SeriesID.index`.
    var labels: [SeriesLabels?] = []
    var open: [Sample] = []
    /// Series of the open block, in order of first appearance; series `i` is among them when
    /// `openMark[i] == openGeneration`.
    var openSeries: [SeriesID] = []
    var openMark: [UInt32] = []
    var openGeneration: UInt32 = 1
    /// Series whose labels the current journal holds: `journalMark[i] == journalGeneration`.
    var journalMark: [UInt32] = []
    var journalGeneration: UInt32 = 1
    /// The open block is sealed when it reaches this many samples; see `HistoryConfiguration.minBlockSamples`.
    var sealAt = 0
    /// Monotonic time of the open block's first sample.
    var openSince: UInt64 = 0
    var active: ActiveSegment?
    var sealed: [SealedSegment] = []
    /// Bytes of the sealed segments and their indexes.
    var sealedBytes: Int64 = 0
    var newestTime = Int64.min
    var lastSync: UInt64
    /// A file was created, renamed or removed since the directory was last synced.
    var directoryDirty = false
    var failure: HistoryError?
    var closed = false

    /// Opens (or creates) the history in `configuration.directory`: checks the last segment block by block and
    /// cuts a torn tail, writes the journal's samples as a block, gives sealed segments without a valid index one,
    /// applies retention, and continues the sequence numbers. `clock` is a monotonic clock in ns (block delay and
    /// sync interval; tests pass their own).
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
            configuration.maxBlockSamples <= BlockHeader.maxSamples,
            "HistoryConfiguration: maxBlockSamples must be at most \(BlockHeader.maxSamples)"
        )
        precondition(
            configuration.minBlockSamples >= 0 && configuration.samplesPerSeries >= 0,
            "HistoryConfiguration: minBlockSamples and samplesPerSeries cannot be negative"
        )
        if case let .interval(ns) = configuration.fsync {
            precondition(ns >= 0, "HistoryConfiguration: the fsync interval cannot be negative")
        }
        self.configuration = configuration
        self.clock = clock
        directory = Directory(path: configuration.directory)
        encoder = BlockEncoder(valueEncoding: configuration.valueEncoding, compressionLevel: configuration.compressionLevel)
        lastSync = clock()
        open.reserveCapacity(min(configuration.maxBlockSamples, max(configuration.minBlockSamples, 1)))
        try directory.create()
    }

    // MARK: Appending

    /// Appends `samples` (in arrival order): journals them, then adds them to the open block, writing blocks as
    /// they fill up. `labels` is asked for the labels of each series id the writer has not seen (once per id).
    /// When it returns, the samples survive a process crash, and a machine crash as `FsyncMode` says.
    public func append(_ samples: UnsafeBufferPointer<Sample>, labels labelsOf: (SeriesID) -> SeriesLabels) throws(HistoryError) {
        try checkUsable()
        guard !samples.isEmpty else {
            try sealIfDelayed()
            return
        }
        var definitions: [BlockSeries] = []
        for sample in samples {
            let index = sample.series.index
            if index >= labels.count {
                let missing = index - labels.count + 1
                labels.append(contentsOf: repeatElement(nil, count: missing))
                openMark.append(contentsOf: repeatElement(0, count: missing))
                journalMark.append(contentsOf: repeatElement(0, count: missing))
            }
            if labels[index] == nil { labels[index] = labelsOf(sample.series) }
            if journalMark[index] != journalGeneration {
                journalMark[index] = journalGeneration
                definitions.append(BlockSeries(id: sample.series, labels: labels[index]!))
            }
        }
        try guarded { () throws(HistoryError) in
            try journal!.append(JournalRecord.encode(firstSequence: nextSequence, definitions: definitions, samples: samples))
        }

        let sealedBefore = sealedSequence
        for sample in samples {
            let index = sample.series.index
            if open.isEmpty {
                openSince = clock()
                sealAt = min(configuration.maxBlockSamples, max(configuration.minBlockSamples, 1))
            }
            if openMark[index] != openGeneration {
                openMark[index] = openGeneration
                openSeries.append(sample.series)
                let (wanted, overflow) = openSeries.count.multipliedReportingOverflow(by: configuration.samplesPerSeries)
                sealAt = min(configuration.maxBlockSamples, max(sealAt, overflow ? .max : wanted))
            }
            open.append(sample)
            if open.count >= sealAt { try writeOpenBlock() }
        }
        try sealIfDelayed(resetting: false)
        if sealedSequence != sealedBefore { try resetJournal() }
        switch configuration.fsync {
        case .always: try syncNow()
        case .interval: try syncIfDue()
        case .never: break
        }
    }

    /// Appends `samples`; see `append(_:labels:)`.
    public func append(_ samples: [Sample], labels labelsOf: (SeriesID) -> SeriesLabels) throws(HistoryError) {
        let result = samples.withUnsafeBufferPointer { buffer in
            Result { () throws(HistoryError) in try append(buffer, labels: labelsOf) }
        }
        try result.get()
    }

    /// Writes the open block now (if any), so readers of the segments see every sample appended so far.
    public func flush() throws(HistoryError) {
        try checkUsable()
        guard !open.isEmpty else { return }
        try writeOpenBlock()
        try resetJournal()
        switch configuration.fsync {
        case .always: try syncNow()
        case .interval: try syncIfDue()
        case .never: break
        }
    }

    /// For an idle engine to call now and then: seals the open block once it is `maxBlockDelay` old (if set), and
    /// syncs once the fsync interval has passed.
    public func flushIfDue() throws(HistoryError) {
        try checkUsable()
        try sealIfDelayed()
        if case .interval = configuration.fsync { try syncIfDue() }
    }

    /// Syncs now, whatever the fsync mode: everything appended so far becomes durable.
    public func sync() throws(HistoryError) {
        try checkUsable()
        try syncNow()
    }

    /// Writes the open block, syncs (unless the mode is `.never`), empties the journal and closes the files.
    /// Further calls trap.
    public func close() throws(HistoryError) {
        try checkUsable()
        if !open.isEmpty {
            try writeOpenBlock()
            try resetJournal()
        }
        if configuration.fsync != .never { try syncNow() }
        active = nil
        journal = nil
        closed = true
    }

    func checkUsable() throws(HistoryError) {
        precondition(!closed, "HistoryWriter: used after close()")
        if let failure { throw failure }
    }

    /// Runs `body`; an error it throws is kept, so every later call rethrows it.
    func guarded(_ body: () throws(HistoryError) -> Void) throws(HistoryError) {
        do throws(HistoryError) {
            try body()
        } catch {
            failure = error
            throw error
        }
    }

    private func sealIfDelayed(resetting: Bool = true) throws(HistoryError) {
        guard let delay = configuration.maxBlockDelay, !open.isEmpty, clock() &- openSince >= UInt64(max(delay, 0)) else { return }
        try writeOpenBlock()
        if resetting { try resetJournal() }
    }

    // MARK: Journal and syncing

    /// Replaces the journal with one holding only the open block, once the blocks written since the last reset
    /// are durable (they hold the samples the old journal is the only other copy of).
    func resetJournal() throws(HistoryError) {
        let syncing = configuration.fsync != .never
        if syncing { try guarded { () throws(HistoryError) in try active?.file.sync() } }
        var record: [UInt8]?
        if !open.isEmpty {
            let definitions = openSeries.map { BlockSeries(id: $0, labels: labels[$0.index]!) }
            record = open.withUnsafeBufferPointer {
                JournalRecord.encode(firstSequence: sealedSequence, definitions: definitions, samples: $0)
            }
        }
        try guarded { () throws(HistoryError) in try journal!.reset(with: record, sync: syncing) }
        directoryDirty = true
        journalGeneration &+= 1
        if journalGeneration == 0 {
            for i in journalMark.indices { journalMark[i] = 0 }
            journalGeneration = 1
        }
        for id in openSeries { journalMark[id.index] = journalGeneration }
    }

    func syncIfDue() throws(HistoryError) {
        guard case let .interval(interval) = configuration.fsync else { return }
        guard nextSequence > durableSequence || directoryDirty else { return }
        if clock() &- lastSync >= UInt64(interval) { try syncNow() }
    }

    /// Syncs the journal and the directory: with the blocks synced before each journal reset, that makes every
    /// appended sample durable.
    func syncNow() throws(HistoryError) {
        // After a failed fsync the kernel may have dropped the dirty pages: nothing written since the last good
        // sync can be trusted, so stop rather than report it durable later.
        let began = Timestamp.monotonic()
        try guarded { () throws(HistoryError) in
            try journal?.sync()
            if directoryDirty {
                try directory.sync()
                directoryDirty = false
            }
        }
        lastSync = clock()
        durableSequence = nextSequence
        statistics.syncs += 1
        statistics.syncNanoseconds &+= Timestamp.monotonic() &- began
    }
}
